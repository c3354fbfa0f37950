import Foundation

/// A finding as a compact binary record body, for findings set aside on disk (`FindingSpill`):
/// the fields in declaration order. Strings are a 4-byte
/// length and UTF-8; optional values start with a presence byte. Only this process writes and
/// reads them, so a record that does not decode is an I/O failure, not hostile input.
extension Finding {
    /// Appends the record body for this finding to `out`.
    func appendRecord(to out: inout [UInt8]) {
        RecordField.appendString(check.rawValue, to: &out)
        RecordField.appendString(severity.rawValue, to: &out)
        RecordField.appendString(user, to: &out)
        RecordField.appendOptionalString(keyID, to: &out)
        RecordField.appendOptionalInt(keySlot, to: &out)
        RecordField.appendOptionalInt(ageDays, to: &out)
        RecordField.appendOptionalInt(due.map { Int($0.timeIntervalSince1970.bitPattern) }, to: &out)
        RecordField.appendString(message, to: &out)
        RecordField.appendOptionalInt(line, to: &out)
    }

    /// Decodes one record body, nil when it is not a record this type wrote.
    init?(record: UnsafeRawBufferPointer) {
        var reader = RecordField.Reader(bytes: record)
        guard let finding = Finding(reading: &reader), reader.isAtEnd else { return nil }
        self = finding
    }

    /// Decodes a finding's fields from `reader`, leaving it after them.
    init?(reading reader: inout RecordField.Reader) {
        guard let checkName = reader.string(), let check = CheckID(rawValue: checkName),
              let severityName = reader.string(), let severity = Severity(rawValue: severityName),
              let user = reader.string(), let keyID = reader.optionalString(), let keySlot = reader.optionalInt(),
              let ageDays = reader.optionalInt(), let due = reader.optionalInt(), let message = reader.string(),
              let line = reader.optionalInt()
        else { return nil }
        self.init(check: check, user: user, keyID: keyID, keySlot: keySlot, ageDays: ageDays,
                  due: due.map { Date(timeIntervalSince1970: Double(bitPattern: UInt64(bitPattern: Int64($0)))) },
                  message: message, line: line)
        self.severity = severity
    }
}

/// The field encodings of finding records.
enum RecordField {
    static func putUInt32(_ value: UInt32, at offset: Int, in out: inout [UInt8]) {
        for index in 0..<4 { out[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        for index in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    static func appendString(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            appendUInt32(UInt32(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        }
    }

    static func appendOptionalString(_ value: String?, to out: inout [UInt8]) {
        guard let value else { return out.append(0) }
        out.append(1)
        appendString(value, to: &out)
    }

    static func appendOptionalInt(_ value: Int?, to out: inout [UInt8]) {
        guard let value else { return out.append(0) }
        out.append(1)
        let bits = UInt64(bitPattern: Int64(value))
        for index in 0..<8 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * index))) }
    }

    /// Reads fields from a record body; every read is bounds-checked and gives nil past the end.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func uint32() -> UInt32? {
            guard bytes.count - offset >= 4 else { return nil }
            var value: UInt32 = 0
            for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
            offset += 4
            return value
        }

        mutating func string() -> String? {
            guard let length = uint32().map(Int.init), bytes.count - offset >= length else { return nil }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        }

        /// nil: not decodable; `.some(nil)`: absent.
        mutating func optionalString() -> String?? {
            guard offset < bytes.count else { return nil }
            offset += 1
            if bytes[offset - 1] == 0 { return .some(nil) }
            return string().map { .some($0) }
        }

        /// nil: not decodable; `.some(nil)`: absent.
        mutating func optionalInt() -> Int?? {
            guard offset < bytes.count else { return nil }
            offset += 1
            if bytes[offset - 1] == 0 { return .some(nil) }
            guard bytes.count - offset >= 8 else { return nil }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * index) }
            offset += 8
            return .some(Int(Int64(bitPattern: bits)))
        }
    }
}
