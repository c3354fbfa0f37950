/// Bytes from chunks handed out by a `read` function, one at a time, with the offset of each for
/// messages: what the streamed decoders of a credential report's encoded forms read from.
struct ReportByteSource {
    private var chunk: [UInt8]
    private var index = 0
    private var read: (() throws -> [UInt8]?)?
    /// Bytes handed out so far (the offset of the next byte).
    private(set) var offset = 0

    /// Starts with `first`, then asks `read` (nil: nothing more).
    init(first: [UInt8], read: (() throws -> [UInt8]?)?) {
        chunk = first
        self.read = read
    }

    /// The next byte without taking it, nil at the end.
    mutating func peek() throws -> UInt8? {
        while index == chunk.count {
            guard let more = try read?(), !more.isEmpty else {
                read = nil
                return nil
            }
            chunk = more
            index = 0
        }
        return chunk[index]
    }

    /// The next byte, nil at the end.
    mutating func next() throws -> UInt8? {
        guard try peek() != nil else { return nil }
        defer {
            index += 1
            offset += 1
        }
        return chunk[index]
    }

    /// The bytes from here up to the first one `stop` accepts or the end of the current chunk
    /// (empty when the next byte is one `stop` accepts), nil at the end.
    mutating func run(upTo stop: (UInt8) -> Bool) throws -> ArraySlice<UInt8>? {
        guard try peek() != nil else { return nil }
        let start = index
        while index < chunk.count && !stop(chunk[index]) { index += 1 }
        offset += index - start
        return chunk[start..<index]
    }

    /// The next byte that is not JSON white space, nil at the end.
    mutating func nextSignificant() throws -> UInt8? {
        while let byte = try next() {
            if byte != 0x20 && byte != 0x0a && byte != 0x0d && byte != 0x09 { return byte }
        }
        return nil
    }
}
