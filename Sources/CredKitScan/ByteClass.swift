/// A 256-entry table of character classes, looked up once per byte in the scanners' hot loops.
enum ByteClass {
    /// `[A-Za-z0-9_]`: characters that continue a word (regex `\b` semantics).
    static let word: UInt8 = 1
    /// `[A-Z0-9]`: characters of an access key ID.
    static let keyID: UInt8 = 2
    /// `[A-Z2-7]`: the Base32 alphabet of a key ID's body.
    static let base32: UInt8 = 4
    /// `[A-Za-z0-9+/]`: the alphabet of secret access keys and session tokens.
    static let base64: UInt8 = 8
    /// `[0-9a-f]`: lowercase hex.
    static let lowerHex: UInt8 = 16
    /// `[0-9A-F]`: uppercase hex.
    static let upperHex: UInt8 = 32

    /// The table: allocated once and never freed, so hot loops index a raw pointer.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in 0..<256 {
            let c = UInt8(byte)
            var bits: UInt8 = 0
            let upper = c >= 0x41 && c <= 0x5a
            let lower = c >= 0x61 && c <= 0x7a
            let digit = c >= 0x30 && c <= 0x39
            if upper || lower || digit || c == 0x5f { bits |= word }
            if upper || digit { bits |= keyID }
            if upper || (c >= 0x32 && c <= 0x37) { bits |= base32 }
            if upper || lower || digit || c == 0x2b || c == 0x2f { bits |= base64 }
            if digit || (c >= 0x61 && c <= 0x66) { bits |= lowerHex }
            if digit || (c >= 0x41 && c <= 0x46) { bits |= upperHex }
            table[byte] = bits
        }
        return UnsafePointer(table)
    }()

    /// Whether every byte of `bytes` has `bits`.
    static func all<Bytes: Sequence>(_ bytes: Bytes, _ bits: UInt8) -> Bool where Bytes.Element == UInt8 {
        let table = ByteClass.table
        for byte in bytes where table[Int(byte)] & bits == 0 { return false }
        return true
    }
}
