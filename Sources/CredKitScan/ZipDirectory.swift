/// The entries of a zip (or jar) file, read from its central directory with every offset and
/// length checked against the file's bounds. ZIP64 and encrypted entries are reported, not read.
struct ZipDirectory {
    /// One member file.
    struct Entry {
        /// The stored name (bytes; zip names need not be UTF-8).
        let name: [UInt8]
        /// 0 stored, 8 deflated; others are not read.
        let method: UInt16
        /// Whether the entry is encrypted (general purpose flag bit 0).
        let encrypted: Bool
        /// The size the directory claims once expanded (the inflater does not trust it).
        let declaredSize: Int
        /// Where the entry's compressed bytes lie in the file.
        let data: Range<Int>
    }

    /// The member files, directories left out, at most the limit given.
    private(set) var entries: [Entry] = []
    /// How many entries the directory lists in all (may exceed `entries.count`).
    private(set) var listed = 0

    /// The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
    static let endRecordSearch = 22 + 0xffff

    /// Reads the central directory of `bytes`.
    /// - Parameter maximumEntries: entries past this are counted in `listed`, not read.
    /// - Throws: `ArchiveProblem` naming what is wrong (no directory, an offset out of bounds, ZIP64).
    init(_ bytes: UnsafeRawBufferPointer, maximumEntries: Int) throws(ArchiveProblem) {
        let reader = ByteReader(bytes)
        guard let end = Self.endRecord(reader) else { throw ArchiveProblem("no zip central directory") }
        let count = reader.uint16(end + 10), size = reader.uint32(end + 12), offset = reader.uint32(end + 16)
        if count == 0xffff || size == 0xffff_ffff || offset == 0xffff_ffff {
            throw ArchiveProblem("ZIP64 archives are not read")
        }
        guard offset + size <= end else { throw ArchiveProblem("central directory lies outside the file") }
        listed = count
        var position = offset
        for index in 0..<count {
            guard position + 46 <= offset + size, reader.uint32(position) == 0x0201_4b50 else {
                throw ArchiveProblem("central directory entry \(index + 1) is damaged")
            }
            let flags = reader.uint16(position + 8), method = UInt16(reader.uint16(position + 10))
            let compressed = reader.uint32(position + 20), expanded = reader.uint32(position + 24)
            let nameLength = reader.uint16(position + 28)
            let extraLength = reader.uint16(position + 30), commentLength = reader.uint16(position + 32)
            let local = reader.uint32(position + 42)
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else { throw ArchiveProblem("central directory entry \(index + 1) is damaged") }
            if compressed == 0xffff_ffff || expanded == 0xffff_ffff || local == 0xffff_ffff {
                throw ArchiveProblem("ZIP64 archives are not read")
            }
            let name = Array(bytes[(position + 46)..<(position + 46 + nameLength)])
            position = next
            if name.last == UInt8(ascii: "/") { listed -= 1; continue }
            guard entries.count < maximumEntries else { continue }
            guard local + 30 <= bytes.count, reader.uint32(local) == 0x0403_4b50 else {
                throw ArchiveProblem("local header of entry \(index + 1) lies outside the file")
            }
            let start = local + 30 + reader.uint16(local + 26) + reader.uint16(local + 28)
            guard start + compressed <= bytes.count else {
                throw ArchiveProblem("data of entry \(index + 1) lies outside the file")
            }
            entries.append(Entry(name: name, method: method, encrypted: flags & 1 != 0, declaredSize: expanded,
                                 data: start..<(start + compressed)))
        }
    }

    /// The offset of the end-of-central-directory record, searched from the end.
    private static func endRecord(_ reader: ByteReader) -> Int? {
        guard reader.count >= 22 else { return nil }
        var position = reader.count - 22
        let lowest = max(0, reader.count - endRecordSearch)
        while position >= lowest {
            if reader.uint32(position) == 0x0605_4b50 { return position }
            position -= 1
        }
        return nil
    }
}

/// Little-endian fields at offsets the caller has bounds-checked (reads past the end give 0).
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    var count: Int { bytes.count }

    func uint16(_ offset: Int) -> Int {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func uint32(_ offset: Int) -> Int {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return uint16(offset) | uint16(offset + 2) << 16
    }
}
