#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scans one document at a time with a fixed buffer: files of any size and lines of any
/// length are read in windows, each overlapping the last, so memory stays bounded.
/// One per worker thread; not thread-safe.
final class DocumentScanner {
    /// What reading a file came to.
    enum Outcome {
        case scanned([Finding], bytes: Int)
        case binary
    }

    /// Bytes read per window.
    static let windowSize = 2 << 20
    /// A line longer than this is cut; values starting before the cut are still seen whole
    /// up to this length.
    static let overlap = 8 << 10
    /// Bytes kept before a window for context (the lines above a value).
    static let contextSize = 1 << 10
    /// Binary files are recognised by a NUL byte in their first 8 KiB, as git and ripgrep do.
    static let sniffSize = 8 << 10

    private let plan: MatchPlan
    private let capacity = windowSize + overlap + contextSize
    private let buffer: UnsafeMutablePointer<UInt8>
    private var spans: [ShapeScanner.Span] = []
    /// The window's candidates, held so decoded ones can join them in document order.
    private var found: [Candidate] = []
    /// The window's Base64 runs for the decoder, found by the plain scan's pass.
    private var encodedRuns: [ShapeScanner.Span]? = []

    init(plan: MatchPlan) {
        self.plan = plan
        buffer = .allocate(capacity: capacity)
        spans.reserveCapacity(64)
    }

    deinit { buffer.deallocate() }

    /// Scans what `fd` yields until the end.
    /// - Parameters:
    ///   - file: the name findings carry.
    ///   - sniff: whether to skip the input as binary when its first 8 KiB hold a NUL byte.
    /// - Throws: `ScanError(.unreadable)` with the system's reason when a read fails.
    func scan(fd: Int32, file: String, sniff: Bool) throws -> Outcome {
        var resolver = PairingResolver(plan: plan, file: file)
        var decoder = ContentDecoder(plan: plan)
        var counter = LineCounter()
        var filled = 0
        var base = 0
        var scanFrom = 0
        var first = true
        var total = 0
        while true {
            var eof = false
            while filled < capacity {
                let got = read(fd, buffer + filled, capacity - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ScanError(.unreadable, "\(file): \(String(cString: strerror(errno)))")
                }
                if got == 0 { eof = true; break }
                filled += got
                total += got
            }
            if first {
                first = false
                if sniff, memchr(buffer, 0, min(filled, Self.sniffSize)) != nil { return .binary }
            }
            let count = filled
            var acceptLimit = count
            if !eof {
                // Whole lines when the last one is short; otherwise cut the long line.
                acceptLimit = count - Self.overlap
                if let newline = lastNewline(from: scanFrom, to: count), count - (newline + 1) <= Self.overlap {
                    acceptLimit = newline + 1
                }
            }
            scanWindow(UnsafePointer(buffer), count: count, base: base, scanFrom: scanFrom, acceptLimit: acceptLimit,
                       isFinal: eof, counter: &counter, decoder: &decoder, resolver: &resolver)
            if eof { break }
            let carryStart = max(0, acceptLimit - Self.contextSize)
            counter.advance(to: base + carryStart, in: UnsafePointer(buffer), base: base)
            let carry = count - carryStart
            memmove(buffer, buffer + carryStart, carry)
            base += carryStart
            filled = carry
            scanFrom = acceptLimit - carryStart
        }
        return .scanned(resolver.finish(), bytes: total)
    }

    /// Scans a document held in memory.
    /// - Parameter lineMap: real line numbers of the document's lines (for added diff lines).
    func scan(bytes: UnsafeBufferPointer<UInt8>, file: String, lineMap: [Int]? = nil) -> [Finding] {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return [] }
        var resolver = PairingResolver(plan: plan, file: file, lineMap: lineMap)
        var decoder = ContentDecoder(plan: plan)
        var counter = LineCounter()
        scanWindow(start, count: bytes.count, base: 0, scanFrom: 0, acceptLimit: bytes.count, isFinal: true,
                   counter: &counter, decoder: &decoder, resolver: &resolver)
        return resolver.finish()
    }

    /// Scans one window as plain text, then what its encoded runs decode to, and hands the
    /// candidates of both to the resolver in document order. A decoded value that the plain
    /// scan also found (a key next to a percent-encoded secret) is kept once, as plain.
    private func scanWindow(_ window: UnsafePointer<UInt8>, count: Int, base: Int, scanFrom: Int, acceptLimit: Int,
                            isFinal: Bool, counter: inout LineCounter, decoder: inout ContentDecoder,
                            resolver: inout PairingResolver) {
        var decodedCounter = counter
        found.removeAll(keepingCapacity: true)
        var runs: [ShapeScanner.Span]? = plan.decodes ? (encodedRuns ?? []) : nil
        plan.scan(window: window, count: count, base: base, scanFrom: scanFrom, acceptLimit: acceptLimit,
                  isFinal: isFinal, counter: &counter, spans: &spans, encoded: &runs) { candidate, _ in found.append(candidate) }
        if runs != nil { encodedRuns = runs }
        guard plan.decodes else {
            for candidate in found { resolver.add(candidate) }
            return
        }
        var revealed: [ContentDecoder.Revealed] = []
        decoder.scan(window, count: count, from: scanFrom, to: acceptLimit, runs: runs) { revealed.append($0) }
        guard !revealed.isEmpty else {
            for candidate in found { resolver.add(candidate) }
            return
        }
        revealed.sort { $0.offset < $1.offset }
        var seen = Set(found.map(\.value))
        for item in revealed where !seen.contains(item.candidate.value) {
            seen.insert(item.candidate.value)
            decodedCounter.advance(to: base + item.offset, in: window, base: base)
            var candidate = item.candidate
            candidate.line = decodedCounter.line
            candidate.column = base + item.offset - decodedCounter.lineStart + 1
            let lineStart = item.offset - (base + item.offset - decodedCounter.lineStart)
            candidate.blockStart = plan.blockStart(window, lineStart: max(0, lineStart), line: candidate.line)
            found.append(candidate)
        }
        found.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        for candidate in found { resolver.add(candidate) }
    }

    private func lastNewline(from start: Int, to end: Int) -> Int? {
        var index = end
        while index > start {
            index -= 1
            if buffer[index] == 0x0a { return index }
        }
        return nil
    }
}
