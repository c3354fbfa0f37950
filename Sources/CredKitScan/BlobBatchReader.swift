/// Reads the output of `git cat-file --batch`: for each object a header
/// `<id> <type> <size>` (or `<id> missing`), the content, and a newline. Contents are handed
/// over whole, one at a time; one larger than `maximumBlobBytes` is skipped without being held.
struct BlobBatchReader {
    /// What the reader found for one requested object.
    enum Item {
        case blob(GitObjectID, [UInt8])
        /// Larger than `maximumBlobBytes`: not read into memory.
        case tooLarge(GitObjectID, size: Int)
        /// Not in the repository (a shallow or partial clone), or not a blob.
        case unavailable(GitObjectID)
    }

    /// A header line longer than this is refused (an id, a type and a size take under 100 bytes).
    static let maximumHeaderBytes = 256
    /// Blobs up to this size are scanned; larger ones are reported as skipped. git's own diff
    /// treats files past `core.bigFileThreshold` (512 MiB) as binary, so `git log -p` skips them too.
    static let maximumBlobBytes = 64 << 20

    private enum State {
        case header
        case content(GitObjectID, remaining: Int, keep: Bool)
        case trailer
    }

    private var state = State.header
    private var header: [UInt8] = []
    private var content: [UInt8] = []
    private var objects = 0
    private let limit: Int
    private let spareBuffer: () -> [UInt8]

    /// - Parameter spareBuffer: gives an emptied buffer to fill (one the consumer is done
    ///   with), so a history of gigabytes reuses a few allocations instead of faulting in fresh pages.
    init(maximumBlobBytes: Int = BlobBatchReader.maximumBlobBytes, spareBuffer: @escaping () -> [UInt8] = { [] }) {
        limit = maximumBlobBytes
        self.spareBuffer = spareBuffer
    }

    /// Feeds a chunk of git's output; each complete object goes to `emit`.
    /// - Throws: `ScanError(.git)` naming the object's position when a header is malformed.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (Item) throws -> Void) throws {
        var index = 0
        while index < chunk.count {
            switch state {
            case .header:
                guard let newline = chunk[index...].firstIndex(of: 0x0a) else {
                    try keepHeader(UnsafeBufferPointer(rebasing: chunk[index...]))
                    return
                }
                try keepHeader(UnsafeBufferPointer(rebasing: chunk[index..<newline]))
                index = newline + 1
                let line = header
                header.removeAll(keepingCapacity: true)
                try startObject(line, emit: emit)
            case .content(let id, let remaining, let keep):
                let take = min(remaining, chunk.count - index)
                if keep { content.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<(index + take)])) }
                index += take
                if take == remaining {
                    if keep {
                        try emit(.blob(id, content))
                        content = []
                    }
                    state = .trailer
                } else {
                    state = .content(id, remaining: remaining - take, keep: keep)
                }
            case .trailer:
                guard chunk[index] == 0x0a else { throw malformed("no newline after its content") }
                index += 1
                state = .header
            }
        }
    }

    /// Checks that the output did not stop inside an object.
    func finish() throws {
        guard case .header = state, header.isEmpty else { throw malformed("output ended inside it") }
    }

    private mutating func keepHeader(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard header.count + bytes.count <= Self.maximumHeaderBytes else {
            throw malformed("a header longer than \(Self.maximumHeaderBytes) bytes")
        }
        header.append(contentsOf: bytes)
    }

    private mutating func startObject(_ line: [UInt8], emit: (Item) throws -> Void) throws {
        objects += 1
        let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard let first = fields.first, let id = first.withUnsafeBufferPointer({ GitObjectID(hex: $0) }) else {
            throw malformed("a header without an object id")
        }
        if fields.count == 2, fields[1].elementsEqual("missing".utf8) || fields[1].elementsEqual("ambiguous".utf8) {
            try emit(.unavailable(id))
            return
        }
        guard fields.count == 3, fields[2].count <= 18, !fields[2].isEmpty,
              fields[2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let size = Int(String(decoding: fields[2], as: UTF8.self))
        else { throw malformed("a header that is not '<id> <type> <size>'") }
        let isBlob = fields[1].elementsEqual("blob".utf8)
        let keep = isBlob && size <= limit
        if !isBlob {
            try emit(.unavailable(id))
        } else if !keep {
            try emit(.tooLarge(id, size: size))
        }
        if keep {
            content = spareBuffer()
            content.removeAll(keepingCapacity: true)
            content.reserveCapacity(size)
        }
        if size == 0 {
            if keep { try emit(.blob(id, [])) }
            state = .trailer
        } else {
            state = .content(id, remaining: size, keep: keep)
        }
    }

    private func malformed(_ what: String) -> ScanError {
        ScanError(.git, "git cat-file output, object \(max(1, objects)): \(what)")
    }
}
