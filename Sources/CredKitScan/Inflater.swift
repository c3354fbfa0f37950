internal import CZlib

/// Inflates deflate streams (zip entries) and gzip files with zlib, never past a limit:
/// a zip bomb's entry stops at `limit` bytes instead of filling memory.
enum Inflater {
    /// What is wrapped around the deflate data.
    enum Format {
        /// Bare deflate, as zip entries hold it.
        case raw
        /// gzip members (RFC 1952), one or more back to back.
        case gzip
    }

    /// The expanded bytes and whether the stream ended within the limit.
    struct Output {
        var bytes: [UInt8]
        /// False when expanding stopped at the limit with data left.
        var complete: Bool
    }

    /// Expands `input` up to `limit` bytes.
    /// - Throws: `ArchiveProblem` when the data is not valid (zlib's message, never the bytes).
    static func inflate(_ input: UnsafeRawBufferPointer, format: Format, limit: Int) throws(ArchiveProblem) -> Output {
        var stream = z_stream()
        let bits: Int32 = format == .raw ? -MAX_WBITS : MAX_WBITS + 16
        guard inflateInit2_(&stream, bits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveProblem("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else {
            throw ArchiveProblem("no compressed data")
        }
        var output = [UInt8]()
        let chunk = 64 << 10
        var scratch = [UInt8](repeating: 0, count: chunk)
        stream.next_in = UnsafeMutablePointer(mutating: base)
        // zlib counts input in 32 bits; archive members here are far smaller, and mapped files are cut.
        stream.avail_in = UInt32(min(input.count, Int(UInt32.max)))
        while true {
            let room = min(chunk, limit + 1 - output.count)
            guard room > 0 else { return Output(bytes: Array(output.prefix(limit)), complete: false) }
            let inputBefore = stream.avail_in
            let (status, produced) = scratch.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(room)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, room - Int(stream.avail_out))
            }
            output.append(contentsOf: scratch[0..<produced])
            if output.count > limit { return Output(bytes: Array(output.prefix(limit)), complete: false) }
            // No progress at all means the input ended inside the stream: stop rather than spin.
            let stuck = produced == 0 && stream.avail_in == inputBefore
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if stuck { throw ArchiveProblem("compressed data ends early") }
            case Z_STREAM_END:
                // Another gzip member may follow (`cat a.gz b.gz`); anything else after the end is ignored.
                let left = Int(stream.avail_in)
                guard format == .gzip, left >= 2, let next = stream.next_in, next[0] == 0x1f, next[1] == 0x8b else {
                    return Output(bytes: output, complete: true)
                }
                guard inflateReset(&stream) == Z_OK else { throw ArchiveProblem("zlib could not restart") }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ArchiveProblem("invalid compressed data (\(message))")
            }
        }
    }
}

/// Why an archive or one of its entries could not be read; the text names no content.
struct ArchiveProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
