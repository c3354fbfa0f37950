/// Keys and values of the TOML subset credkit reads: bare, quoted and dotted keys, basic and
/// literal strings, integers, booleans and arrays, each bounded by the parser's limits.
extension TOMLParser {
    // MARK: Keys

    /// A key of one or more parts; `table` is the header the key is written under, whose
    /// parts count towards `maximumKeyParts` (empty for a header itself).
    mutating func dottedKey(below table: [String]) throws -> [String] {
        var keys = [try simpleKey()]
        while true {
            let save = index
            skipSpaces()
            guard current == UInt8(ascii: ".") else {
                index = save
                return keys
            }
            index += 1
            skipSpaces()
            guard table.count + keys.count < Self.maximumKeyParts else {
                let within = table.isEmpty ? "" : ", counting the \(table.count) of its table header"
                throw failure("key has more than \(Self.maximumKeyParts) parts\(within) (maximumKeyParts)")
            }
            keys.append(try simpleKey())
        }
    }

    mutating func simpleKey() throws -> String {
        guard let char = current else { throw failure("expected a key, found the end of the file") }
        if char == UInt8(ascii: "\"") { return try basicString() }
        if char == UInt8(ascii: "'") { return try literalString() }
        let start = index
        while let c = current, Self.isBareKeyByte(c) { index += 1 }
        guard index > start else { throw failure("expected a key, found \(describe(char))") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || isDigit(c) || c == 0x2d || c == 0x5f
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: Values

    /// A value inside `depth` arrays.
    mutating func value(depth: Int) throws -> TOMLValue {
        guard let char = current else { throw failure("expected a value, found the end of the file") }
        switch char {
        case UInt8(ascii: "\""):
            if startsWith("\"\"\"") { throw failure("multi-line strings are not supported in credkit configuration") }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if startsWith("'''") { throw failure("multi-line strings are not supported in credkit configuration") }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return try array(depth: depth + 1)
        case UInt8(ascii: "{"):
            throw failure("inline tables are not supported in credkit configuration; use a [table] header")
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if startsWith("true"), !isBareKeyByteAt(index + 4) { index += 4; return .boolean(true) }
            if startsWith("false"), !isBareKeyByteAt(index + 5) { index += 5; return .boolean(false) }
            throw failure("expected a value (a string in quotes, a number, true, false or an array)")
        default:
            return try integer()
        }
    }

    func isBareKeyByteAt(_ position: Int) -> Bool {
        position < bytes.count && Self.isBareKeyByte(bytes[position])
    }

    /// A decimal integer: an optional sign, then digits with single underscores between
    /// them and no leading zero.
    mutating func integer() throws -> TOMLValue {
        let startColumn = column
        let start = index
        while let c = current, Self.isBareKeyByte(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") {
            index += 1
        }
        let token = bytes[start..<index]
        let text = String(decoding: token, as: UTF8.self)
        guard !token.isEmpty else { throw failure("expected a value, found \(describe(bytes[start]))", column: startColumn) }
        let unsigned = token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") ? token.dropFirst() : token[...]
        var wellFormed = !unsigned.isEmpty
        var previous: UInt8 = UInt8(ascii: "_")
        for c in unsigned {
            let fits = Self.isDigit(c) || (c == UInt8(ascii: "_") && previous != UInt8(ascii: "_"))
            wellFormed = wellFormed && fits
            previous = c
        }
        let digits = unsigned.filter { $0 != UInt8(ascii: "_") }
        wellFormed = wellFormed && previous != UInt8(ascii: "_") && !(digits.count > 1 && digits.first == UInt8(ascii: "0"))
        guard wellFormed else {
            throw failure("'\(text)' is not a value credkit understands (strings need quotes; floats and dates are not supported)", column: startColumn)
        }
        let sign = token.first == UInt8(ascii: "-") ? "-" : ""
        guard let number = Int(sign + String(decoding: digits, as: UTF8.self)) else {
            throw failure("'\(text)' is out of range for a 64-bit integer", column: startColumn)
        }
        return .integer(number)
    }

    /// An array whose `[` is at `depth`: `maximumNestingDepth` bounds the recursion.
    mutating func array(depth: Int) throws -> TOMLValue {
        guard depth <= Self.maximumNestingDepth else {
            throw failure("arrays are nested more than \(Self.maximumNestingDepth) deep (maximumNestingDepth)")
        }
        let openLine = line, openColumn = column
        index += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlankAndComments()
            guard let char = current else {
                throw failure("array opened here is not closed with ']'", line: openLine, column: openColumn)
            }
            if char == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try value(depth: depth))
            try skipBlankAndComments()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if let char = current, char != UInt8(ascii: "]") {
                throw failure("expected ',' or ']' in the array, found \(describe(char))")
            }
        }
    }

    mutating func basicString() throws -> String {
        let startLine = line, startColumn = column
        index += 1
        var out: [UInt8] = []
        while true {
            guard let char = current, char != 0x0a else {
                throw failure("string is not closed on the line it starts", line: startLine, column: startColumn)
            }
            index += 1
            if char == UInt8(ascii: "\"") { break }
            if char == UInt8(ascii: "\\") {
                guard let escape = current else { continue }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let length = escape == UInt8(ascii: "u") ? 4 : 8
                    let hex = bytes[index..<min(index + length, bytes.count)]
                    guard hex.count == length, hex.allSatisfy(\.isHexDigit),
                          let code = UInt32(String(decoding: hex, as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else {
                        throw failure("invalid \\\(Character(Unicode.Scalar(escape))) escape: expected \(length) hex digits of a Unicode scalar", column: column - 2)
                    }
                    index += length
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw failure("invalid escape '\\\(Character(Unicode.Scalar(escape)))' (for a regular expression use a 'literal string' in single quotes)", column: column - 2)
                }
                continue
            }
            if Self.isControl(char) { throw failure("control character \(describe(char)) in a string", column: column - 1) }
            out.append(char)
        }
        // The document was checked to be UTF-8 and escapes add whole scalars.
        return String(decoding: out, as: UTF8.self)
    }

    mutating func literalString() throws -> String {
        let startLine = line, startColumn = column
        index += 1
        let start = index
        while let char = current, char != UInt8(ascii: "'"), char != 0x0a {
            if Self.isControl(char) { throw failure("control character \(describe(char)) in a string") }
            index += 1
        }
        guard current == UInt8(ascii: "'") else {
            throw failure("string is not closed on the line it starts", line: startLine, column: startColumn)
        }
        let body = bytes[start..<index]
        index += 1
        return String(decoding: body, as: UTF8.self)
    }

    /// Control characters TOML forbids in strings and comments: all but tab.
    static func isControl(_ c: UInt8) -> Bool {
        (c < 0x20 && c != 0x09) || c == 0x7f
    }
}
