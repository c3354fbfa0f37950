/// A strict JSON reader (RFC 8259) for files users hand to credkit: password policies,
/// exemptions, credential-report envelopes, baselines. Unlike Foundation's readers it refuses
/// an object that names a key twice (Python and jq silently keep the last; IAM refuses such a
/// policy), names the line and column of every error, and bounds size and nesting depth so a
/// hostile file cannot exhaust the stack or memory.
public struct JSONReader {
    /// The deepest nesting of arrays and objects accepted. credkit's files nest three or four
    /// levels; the bound keeps the recursive descent far from the stack's end.
    public static let maximumNestingDepth = 64
    /// The default bound on input size, in bytes: far beyond any policy or exemption file.
    public static let defaultMaximumSize = 16 << 20

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Parses one JSON document.
    /// - Parameters:
    ///   - bytes: the document, UTF-8 (a leading byte-order mark is skipped).
    ///   - maximumSize: the largest document accepted, in bytes.
    /// - Throws: `JSONError` with the line and column of the first problem.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes, maximumSize: Int = defaultMaximumSize) throws(JSONError) -> JSONValue {
        guard bytes.count <= maximumSize else {
            throw JSONError(.limitExceeded, line: 1, column: 1,
                            "the document is \(bytes.count) bytes, more than the limit of \(maximumSize)")
        }
        var reader = JSONReader(bytes: Array(bytes))
        if reader.bytes.starts(with: [0xef, 0xbb, 0xbf]) {
            reader.index = 3
            reader.lineStart = 3
        }
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else {
            throw reader.failure(.syntax, "unexpected \(reader.describeCurrent()) after the end of the document")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func failure(_ code: JSONError.Code, _ message: String, line: Int? = nil, column: Int? = nil) -> JSONError {
        JSONError(code, line: line ?? self.line, column: column ?? (index - lineStart + 1), message)
    }

    private func describeCurrent() -> String {
        guard let byte = current else { return "end of input" }
        if byte >= 0x21 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0d: index += 1
            case 0x0a:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value() throws(JSONError) -> JSONValue {
        guard let byte = current else { throw failure(.syntax, "unexpected end of input; expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure(.syntax, "unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        guard depth <= Self.maximumNestingDepth else {
            throw failure(.limitExceeded, "nested deeper than the limit of \(Self.maximumNestingDepth) arrays and objects")
        }
    }

    private mutating func object() throws(JSONError) -> JSONValue {
        try enter()
        index += 1
        var members: [JSONObject.Member] = []
        var seen: [String: Int] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members: []))
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure(.syntax, "unexpected \(describeCurrent()); expected a key in double quotes") }
            let keyLine = line, keyColumn = index - lineStart + 1
            let key = try string()
            if let first = seen[key] {
                throw failure(.duplicateKey, "duplicate key '\(Self.shown(key))' (first at line \(first))", line: keyLine, column: keyColumn)
            }
            seen[key] = keyLine
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure(.syntax, "unexpected \(describeCurrent()); expected ':' after the key") }
            index += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try value(), line: keyLine))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObject(members: members))
            default: throw failure(.syntax, "unexpected \(describeCurrent()); expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws(JSONError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(items)
            default: throw failure(.syntax, "unexpected \(describeCurrent()); expected ',' or ']'")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw failure(.syntax, "unexpected \(describeCurrent()); expected a value")
        }
        index += expected.count
    }

    private mutating func number() throws(JSONError) -> JSONNumber {
        let start = index
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.index
            while let byte = reader.current, byte >= 0x30, byte <= 0x39 { reader.index += 1 }
            return reader.index - first
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw failure(.syntax, "a number needs digits")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw failure(.syntax, "a number needs digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw failure(.syntax, "a number needs digits in its exponent") }
        }
        if let byte = current, byte >= 0x30, byte <= 0x39 {
            throw failure(.syntax, "a number cannot have a leading zero")
        }
        return JSONNumber(text: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func string() throws(JSONError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ reader: JSONReader, upTo end: Int, into scalars: inout String.UnicodeScalarView) throws(JSONError) {
            guard runStart < end else { return }
            guard let text = String(validating: reader.bytes[runStart..<end], as: UTF8.self) else {
                throw reader.failure(.syntax, "a string is not valid UTF-8")
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard let byte = current else { throw failure(.syntax, "a string is not closed before the end of input") }
            switch byte {
            case UInt8(ascii: "\""):
                try flush(self, upTo: index, into: &scalars)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush(self, upTo: index, into: &scalars)
                index += 1
                scalars.append(try escape())
                runStart = index
            case 0x00..<0x20:
                throw failure(.syntax, "a control character must be escaped inside a string")
            default:
                index += 1
            }
        }
    }

    private mutating func escape() throws(JSONError) -> Unicode.Scalar {
        guard let byte = current else { throw failure(.syntax, "a string is not closed before the end of input") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hex4()
            if (0xd800..<0xdc00).contains(first) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure(.syntax, "a \\u escape holds half of a surrogate pair")
                }
                index += 2
                let second = try hex4()
                guard (0xdc00..<0xe000).contains(second) else { throw failure(.syntax, "a \\u escape holds half of a surrogate pair") }
                let combined = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                return Unicode.Scalar(combined) ?? "\u{FFFD}"
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure(.syntax, "a \\u escape holds half of a surrogate pair") }
            return scalar
        default:
            index -= 1
            throw failure(.syntax, "unknown escape '\\\(describeCurrent())' in a string")
        }
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure(.syntax, "a \\u escape needs four hex digits") }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw failure(.syntax, "a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A key for messages: printable and short.
    static func shown(_ key: String) -> String {
        let cleaned = String(key.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
        return cleaned.count > 60 ? String(cleaned.prefix(60)) + "..." : cleaned
    }
}
