/// RFC 4648 Base32 (alphabet `A-Z2-7`), as authenticator seeds are written.
///
/// Decoding accepts what users paste: lowercase, white space of any kind (spaces, tabs, and the
/// line breaks of the `base32` tool, which wraps at 76 columns) and dashes between groups, and `=`
/// padding present or missing. Anything else is rejected with the 1-based position of the
/// offending character.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes bytes, with `=` padding to a multiple of eight characters when `padding` is true.
    public static func encode(_ bytes: UnsafeRawBufferPointer, padding: Bool = false) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 {
            out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        if padding {
            while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        }
        let text = String(decoding: out, as: UTF8.self)
        wipe(&out)
        return text
    }

    /// Encodes a byte sequence.
    public static func encode<Bytes: Collection>(_ bytes: Bytes, padding: Bool = false) -> String where Bytes.Element == UInt8 {
        Array(bytes).withUnsafeBytes { encode($0, padding: padding) }
    }

    /// Encodes a secret. The result is an ordinary string: print it only when the user asked.
    public static func encode(_ secret: SecretBytes, padding: Bool = false) -> String {
        secret.withUnsafeBytes { encode($0, padding: padding) }
    }

    /// Splits an encoded string into groups of `size` characters separated by spaces,
    /// for reading a seed aloud or typing it into an app.
    public static func grouped(_ encoded: String, size: Int = 4) -> String {
        var groups: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            groups.append(rest.prefix(size))
            rest = rest.dropFirst(size)
        }
        return groups.joined(separator: " ")
    }

    /// Decodes Base32 text into secret storage.
    /// - Throws: `CryptoError.invalidBase32` naming the position and what was wrong.
    public static func decodeSecret<Bytes: Collection>(_ text: Bytes) throws -> SecretBytes where Bytes.Element == UInt8 {
        let dataCount = try validate(text)
        return SecretBytes(count: dataCount * 5 / 8) { output in
            decode(text, into: output)
        }
    }

    /// Decodes Base32 text that is not secret (for example the body of an AWS key ID).
    public static func decode<Bytes: Collection>(_ text: Bytes) throws -> [UInt8] where Bytes.Element == UInt8 {
        let dataCount = try validate(text)
        var out = [UInt8](repeating: 0, count: dataCount * 5 / 8)
        _ = out.withUnsafeMutableBytes { decode(text, into: $0) }
        return out
    }

    /// Decodes a Base32 string that is not secret.
    public static func decode(_ text: String) throws -> [UInt8] {
        try decode(Array(text.utf8))
    }

    /// The 5-bit value of a Base32 character in either case, or nil.
    @inline(__always)
    static func value(of char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): char - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): char - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): char - UInt8(ascii: "2") + 26
        default: nil
        }
    }

    @inline(__always)
    private static func isSeparator(_ char: UInt8) -> Bool {
        switch char {
        // Space, tab, LF, VT, FF, CR, and the dash of grouped seeds.
        case 0x20, 0x09...0x0d, UInt8(ascii: "-"): true
        default: false
        }
    }

    /// Checks the text and returns the number of data characters.
    private static func validate<Bytes: Collection>(_ text: Bytes) throws -> Int where Bytes.Element == UInt8 {
        var dataCount = 0
        var padCount = 0
        var position = 0
        for char in text {
            position += 1
            if isSeparator(char) { continue }
            if char == UInt8(ascii: "=") {
                padCount += 1
                continue
            }
            guard value(of: char) != nil else {
                throw CryptoError(.invalidBase32, "invalid Base32: character \(position) \(describe(char)) is not in the alphabet A-Z, 2-7")
            }
            guard padCount == 0 else {
                throw CryptoError(.invalidBase32, "invalid Base32: character \(position) follows '=' padding, which may only end the text")
            }
            dataCount += 1
        }
        guard dataCount > 0 else {
            throw CryptoError(.invalidBase32, "invalid Base32: no data characters")
        }
        // 1, 3 or 6 characters left over can never come from whole bytes.
        guard ![1, 3, 6].contains(dataCount % 8) else {
            throw CryptoError(.invalidBase32, "invalid Base32: \(dataCount) characters is not a possible length (a character is missing or extra)")
        }
        if padCount > 0, (dataCount + padCount) % 8 != 0 {
            throw CryptoError(.invalidBase32, "invalid Base32: \(padCount) '=' padding characters do not complete a group of 8")
        }
        return dataCount
    }

    private static func decode<Bytes: Collection>(_ text: Bytes, into output: UnsafeMutableRawBufferPointer) -> Int where Bytes.Element == UInt8 {
        var buffer: UInt32 = 0
        var bits = 0
        var written = 0
        for char in text {
            guard let value = value(of: char) else { continue }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                if written < output.count {
                    output[written] = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
                    written += 1
                }
            }
        }
        buffer = 0
        return written
    }

    private static func describe(_ char: UInt8) -> String {
        if char >= 0x21, char < 0x7f { return "'\(Character(Unicode.Scalar(char)))'" }
        return "(byte 0x\(Hex.encode([char])))"
    }
}
