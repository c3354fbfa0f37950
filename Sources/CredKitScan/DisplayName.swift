/// File names as reports show them. Names are bytes on Unix and need not be UTF-8; printing
/// them raw lets an escape sequence in a name reach the terminal, and a newline break the
/// one-finding-per-line formats. So every reporter gets names in one escaped, valid UTF-8 form:
/// `\n`, `\r`, `\t` as such, other control characters (C0, DEL, C1) and bytes that are not
/// UTF-8 as `\xNN` per byte. A backslash is left alone, so ordinary names read as they are.
enum DisplayName {
    /// The escaped form of a name given as bytes.
    static func escaped<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Fast path: printable ASCII only, which is nearly every name.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return String(decoding: bytes, as: UTF8.self) }
        let array = Array(bytes)
        var out = ""
        var index = 0
        while index < array.count {
            let byte = array[index]
            if byte < 0x80 {
                switch byte {
                case 0x0a: out += "\\n"
                case 0x0d: out += "\\r"
                case 0x09: out += "\\t"
                case 0x00..<0x20, 0x7f: out += hex(byte)
                default: out.unicodeScalars.append(Unicode.Scalar(byte))
                }
                index += 1
                continue
            }
            let length = sequenceLength(array, at: index)
            if length == 0 {
                out += hex(byte)
                index += 1
                continue
            }
            let sequence = array[index..<index + length]
            let text = String(decoding: sequence, as: UTF8.self)
            if let scalar = text.unicodeScalars.first, (0x80...0x9f).contains(scalar.value) {
                for part in sequence { out += hex(part) }
            } else {
                out += text
            }
            index += length
        }
        return out
    }

    /// The escaped form of a name held in a String (as a command-line argument is).
    static func escaped(_ text: String) -> String { escaped(Array(text.utf8)) }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xf)])
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when the bytes there are not one
    /// (overlong forms, surrogates and values past U+10FFFF are not, as the Unicode standard says).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xbf
        switch lead {
        case 0xc2...0xdf: length = 2
        case 0xe0: length = 3; low = 0xa0
        case 0xe1...0xec, 0xee...0xef: length = 3
        case 0xed: length = 3; high = 0x9f
        case 0xf0: length = 4; low = 0x90
        case 0xf1...0xf3: length = 4
        case 0xf4: length = 4; high = 0x8f
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (lower, upper) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xbf))
            guard byte >= lower, byte <= upper else { return 0 }
        }
        return length
    }
}
