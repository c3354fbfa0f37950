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
        /// Read to the end. A binary file (a NUL byte in its first 8 KiB) reports access key IDs
        /// only (with what they pair with): its bytes are scanned all the same, since one early
        /// NUL must not hide a key, but secret-shaped runs in binary data are noise.
        /// `decodingCut`: the file's decoding budget (`ContentDecoder.maximumDocumentBytes`) ran out
        /// and later encoded runs were scanned as plain text only.
        case scanned([Finding], bytes: Int, binary: Bool, decodingCut: Bool)
        /// Starts with a UTF-16 byte order mark: to be transcoded and scanned whole.
        case utf16(bigEndian: Bool)
    }

    /// The rule binary files report.
    static let binaryRuleID = "aws-access-key-id"

    /// Bytes a window moves on by at least. A window (this, `overlap` and `contextSize`: 128 KiB)
    /// fits in a core's L2 cache with room to spare: the kernel copies a file into it and the
    /// scanners read it back from the cache. With 2 MiB windows the copy alone took twice the
    /// system time, and the scan read from L3.
    static let windowSize = 56 << 10
    /// A line longer than this is cut; values starting before the cut are still seen whole
    /// up to this length, which is `ContentDecoder.maximumRunBytes`: window edges never shorten
    /// what the decoder reads of a run.
    static let overlap = 64 << 10
    /// Bytes kept before a window for context: more than a value's line start (4 KiB back)
    /// and the three lines above it (1 KiB) look back.
    static let contextSize = 8 << 10
    /// Binary files are recognised by a NUL byte in their first 8 KiB, as git and ripgrep do.
    static let sniffSize = 8 << 10
    /// Files larger than the first window are asked whether they are sparse; the holes of a
    /// sparse file are skipped (SEEK_DATA/Self.seekHole), each standing in as one NUL byte. Holes
    /// hold no newlines, so line numbers stay right.
    private var sparse: (position: Int, dataEnd: Int)?
    #if os(Linux)
    // <unistd.h> defines them only with _GNU_SOURCE, which Glibc's module map does not set.
    private static let seekData: Int32 = 3, seekHole: Int32 = 4
    #else
    private static let seekData = SEEK_DATA, seekHole = SEEK_HOLE
    #endif

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
    ///   - sniff: whether to look for a UTF-16 byte order mark and a NUL byte (binary) in the first 8 KiB.
    /// - Throws: `ScanError(.unreadable)` with the system's reason when a read fails.
    func scan(fd: Int32, file: String, sniff: Bool) throws -> Outcome {
        sparse = nil
        var resolver = PairingResolver(plan: plan, file: file)
        var decoder = ContentDecoder(plan: plan)
        var counter = LineCounter()
        var filled = 0
        var base = 0
        var scanFrom = 0
        var first = true
        var total = 0
        var binary = false
        while true {
            var eof = false
            while filled < capacity {
                var limit = capacity - filled
                if var region = sparse {
                    if region.position >= region.dataEnd {
                        let data = lseek(fd, off_t(region.position), Self.seekData)
                        if data < 0 { eof = true; break }  // ENXIO: only a hole is left
                        let hole = lseek(fd, data, Self.seekHole)
                        guard hole > data, lseek(fd, data, SEEK_SET) == data else { sparse = nil; continue }
                        if Int(data) > region.position { buffer[filled] = 0; filled += 1 }
                        region = (Int(data), Int(hole))
                        sparse = region
                        continue
                    }
                    limit = min(limit, region.dataEnd - region.position)
                }
                let got = read(fd, buffer + filled, limit)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ScanError(.unreadable, "\(file): \(String(cString: strerror(errno)))")
                }
                if got == 0 { eof = true; break }
                filled += got
                total += got
                sparse?.position += got
            }
            if first {
                first = false
                if sniff {
                    if filled >= 2, buffer[0] == 0xff, buffer[1] == 0xfe { return .utf16(bigEndian: false) }
                    if filled >= 2, buffer[0] == 0xfe, buffer[1] == 0xff { return .utf16(bigEndian: true) }
                    binary = memchr(buffer, 0, min(filled, Self.sniffSize)) != nil
                }
                if !eof { sparse = Self.sparseStart(fd, position: total) }
            }
            let count = filled
            var acceptLimit = count
            if !eof {
                // Whole lines when the last one is short; otherwise cut the long line.
                acceptLimit = count - Self.overlap
                // A newline further back than `overlap` would not be used: not searched for.
                if let newline = lastNewline(from: max(scanFrom, count - Self.overlap - 1), to: count),
                   count - (newline + 1) <= Self.overlap {
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
        let findings = resolver.finish()
        return .scanned(binary ? findings.filter { $0.ruleID == Self.binaryRuleID } : findings, bytes: total, binary: binary,
                        decodingCut: decoder.exhausted)
    }

    /// Sparse reading from `position` on when `fd` is a regular file with fewer blocks than bytes.
    private static func sparseStart(_ fd: Int32, position: Int) -> (position: Int, dataEnd: Int)? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              Int(info.st_blocks) * 512 < Int(info.st_size) else { return nil }
        return (position, position)
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
