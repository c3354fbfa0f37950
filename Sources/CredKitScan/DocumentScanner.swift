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
            plan.scan(window: UnsafePointer(buffer), count: count, base: base, scanFrom: scanFrom, acceptLimit: acceptLimit,
                      isFinal: eof, counter: &counter, spans: &spans) { resolver.add($0) }
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
        var counter = LineCounter()
        plan.scan(window: start, count: bytes.count, base: 0, scanFrom: 0, acceptLimit: bytes.count, isFinal: true,
                  counter: &counter, spans: &spans) { resolver.add($0) }
        return resolver.finish()
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
