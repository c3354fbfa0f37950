/// The member files of a tar archive (ustar, GNU and pax), read header by header with every
/// size checked against the bytes that are there. Links, folders and devices are left out.
struct TarArchive {
    /// One member file.
    struct Entry {
        /// Its path inside the archive (bytes).
        let name: [UInt8]
        /// Where its contents lie.
        let data: Range<Int>
    }

    /// The member files, at most the limit given.
    private(set) var entries: [Entry] = []
    /// Whether more member files follow the last one read.
    private(set) var truncated = false

    static let blockSize = 512

    /// Whether `bytes` starts with a tar header whose checksum is right.
    static func recognizes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= blockSize && checksumMatches(bytes, at: 0)
    }

    /// Reads the headers of `bytes`.
    /// - Parameter maximumEntries: files past this set `truncated` and are not read.
    /// - Throws: `ArchiveProblem` when a header is damaged or a size runs past the end.
    init(_ bytes: UnsafeRawBufferPointer, maximumEntries: Int) throws(ArchiveProblem) {
        var position = 0
        var longName: [UInt8]?
        var headerIndex = 0
        while position + Self.blockSize <= bytes.count {
            headerIndex += 1
            let header = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Self.blockSize)])
            if header.allSatisfy({ $0 == 0 }) { return }  // the end-of-archive blocks
            guard Self.checksumMatches(bytes, at: position) else {
                throw ArchiveProblem("tar header \(headerIndex) has a wrong checksum")
            }
            guard let size = Self.number(header, 124, 12) else {
                throw ArchiveProblem("tar header \(headerIndex) has an unreadable size")
            }
            let start = position + Self.blockSize
            guard size <= bytes.count - start else { throw ArchiveProblem("tar entry \(headerIndex) runs past the end") }
            let data = start..<(start + size)
            position = start + (size + Self.blockSize - 1) / Self.blockSize * Self.blockSize
            switch header[156] {
            case UInt8(ascii: "L"):
                longName = Self.field(UnsafeRawBufferPointer(rebasing: bytes[data]), 0, size)
            case UInt8(ascii: "x"):
                longName = Self.paxPath(UnsafeRawBufferPointer(rebasing: bytes[data])) ?? longName
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                var name = Self.field(header, 0, 100)
                if Array(header[257..<262]) == Array("ustar".utf8), header[345] != 0 {
                    name = Self.field(header, 345, 155) + [UInt8(ascii: "/")] + name
                }
                if let long = longName { name = long }
                longName = nil
                guard entries.count < maximumEntries else { truncated = true; return }
                entries.append(Entry(name: name, data: data))
            default:
                longName = nil  // folders, links, devices, global pax headers: nothing to scan
            }
        }
    }

    /// The bytes of a NUL-terminated field.
    private static func field(_ block: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> [UInt8] {
        let bytes = block[offset..<min(block.count, offset + length)]
        return Array(bytes.prefix { $0 != 0 })
    }

    /// A size: octal digits padded with spaces or NULs, or GNU's base-256 (first byte 0x80).
    private static func number(_ block: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> Int? {
        let bytes = block[offset..<(offset + length)]
        if let first = bytes.first, first & 0x80 != 0 {
            var value = 0
            for (index, byte) in bytes.enumerated() {
                let part = index == 0 ? Int(byte & 0x7f) : Int(byte)
                guard value <= (Int.max - part) >> 8 else { return nil }
                value = value << 8 | part
            }
            return value
        }
        var value = 0
        var digits = 0
        for byte in bytes {
            if byte == 0x20 || byte == 0 { if digits > 0 { break } else { continue } }
            guard byte >= 0x30, byte <= 0x37, value < Int.max >> 3 else { return nil }
            value = value << 3 | Int(byte - 0x30)
            digits += 1
        }
        return value
    }

    /// The stored checksum equals the sum of the header's bytes with its own field as spaces
    /// (signed sums are accepted too, as old tars wrote them).
    private static func checksumMatches(_ bytes: UnsafeRawBufferPointer, at position: Int) -> Bool {
        let header = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + blockSize)])
        guard let stored = number(header, 148, 8) else { return false }
        var unsigned = 0, signed = 0
        for (index, byte) in header.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// The `path` record of a pax extended header (`LENGTH path=VALUE\n` records).
    private static func paxPath(_ data: UnsafeRawBufferPointer) -> [UInt8]? {
        var position = 0
        var path: [UInt8]?
        while position < data.count {
            var length = 0
            var cursor = position
            while cursor < data.count, data[cursor] >= 0x30, data[cursor] <= 0x39, length < data.count {
                length = length * 10 + Int(data[cursor] - 0x30)
                cursor += 1
            }
            guard length > 0, cursor < data.count, data[cursor] == 0x20, cursor + 1 <= position + length,
                  position + length <= data.count else { return path }
            let record = Array(data[(cursor + 1)..<(position + length)])
            let key = Array("path=".utf8)
            if record.starts(with: key) {
                path = Array(record.dropFirst(key.count).prefix { $0 != 0x0a })
            }
            position += length
        }
        return path
    }
}
