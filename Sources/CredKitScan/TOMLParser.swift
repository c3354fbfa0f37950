/// A strict parser for the subset of TOML that credkit's configuration uses: tables
/// (`[a.b]`), arrays of tables (`[[a]]`), bare, quoted and dotted keys, basic and literal
/// strings, integers, booleans, arrays and comments. Anything else (floats, dates,
/// multi-line strings, inline tables) is rejected with its line and column rather than
/// guessed at.
struct TOMLParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Parses `text`; errors name `file`, the line and the column.
    static func parse(_ text: String, file: String) throws -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8), file: file)
        return try parser.document()
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var column: Int { index - lineStart + 1 }

    private func failure(_ message: String, line: Int? = nil, column: Int? = nil) -> ScanError {
        ScanError(.invalidConfiguration, "\(file):\(line ?? self.line):\(column ?? self.column): \(message)")
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    // MARK: Document structure

    private mutating func document() throws -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        // Keys defined explicitly by headers, so `[a]` twice is an error.
        var definedTables: Set<[String]> = []
        while true {
            skipBlankAndComments()
            guard let char = current else { break }
            if char == UInt8(ascii: "[") {
                let headerLine = line, headerColumn = column
                let isArray = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                skipSpaces()
                let keys = try dottedKey()
                skipSpaces()
                guard expect("]") && (!isArray || expect("]")) else {
                    throw failure("expected '\(isArray ? "]]" : "]")' to close the table header")
                }
                try endOfLine()
                if isArray {
                    try appendArrayTable(&root, keys, line: headerLine, column: headerColumn)
                } else {
                    guard definedTables.insert(keys).inserted else {
                        throw failure("table [\(keys.joined(separator: "."))] is defined twice", line: headerLine, column: headerColumn)
                    }
                    try defineTable(&root, keys, line: headerLine, column: headerColumn)
                }
                path = keys
            } else {
                let keyLine = line, keyColumn = column
                let keys = try dottedKey()
                skipSpaces()
                guard expect("=") else { throw failure("expected '=' after the key") }
                skipSpaces()
                let valueLine = line, valueColumn = column
                let value = try self.value()
                try endOfLine()
                try insert(&root, path: path, keys: keys, value: value,
                           keyPosition: (keyLine, keyColumn), valuePosition: (valueLine, valueColumn))
            }
        }
        return root
    }

    /// Walks to the table at `path`, creating implicit tables, and applies `body` to it.
    /// The last element of an array of tables is the one a path goes through.
    private func withTable(_ table: inout TOMLTable, _ path: ArraySlice<String>, line: Int, column: Int,
                           _ body: (inout TOMLTable) throws -> Void) throws {
        guard let key = path.first else { return try body(&table) }
        if let position = table.index(of: key) {
            try table.update(at: position) { entry in
                switch entry.value {
                case .table(var inner):
                    try withTable(&inner, path.dropFirst(), line: line, column: column, body)
                    entry.value = .table(inner)
                case .array(var items):
                    guard case .table(var last)? = items.last else {
                        throw failure("'\(key)' is \(entry.value.typeName), not a table", line: line, column: column)
                    }
                    try withTable(&last, path.dropFirst(), line: line, column: column, body)
                    items[items.count - 1] = .table(last)
                    entry.value = .array(items)
                default:
                    throw failure("'\(key)' is \(entry.value.typeName) (line \(entry.line)), not a table", line: line, column: column)
                }
            }
        } else {
            var inner = TOMLTable()
            try withTable(&inner, path.dropFirst(), line: line, column: column, body)
            table.append(.init(key: key, value: .table(inner), line: line, column: column, implicit: true))
        }
    }

    private func defineTable(_ root: inout TOMLTable, _ keys: [String], line: Int, column: Int) throws {
        try withTable(&root, keys.dropLast(), line: line, column: column) { parent in
            let key = keys[keys.count - 1]
            if let position = parent.index(of: key) {
                guard case .table = parent[key]?.value, parent[key]?.implicit == true else {
                    throw failure("'\(key)' is already defined (line \(parent[key]?.line ?? 0))", line: line, column: column)
                }
                parent.update(at: position) { $0.implicit = false }
            } else {
                parent.append(.init(key: key, value: .table(TOMLTable()), line: line, column: column))
            }
        }
    }

    private func appendArrayTable(_ root: inout TOMLTable, _ keys: [String], line: Int, column: Int) throws {
        try withTable(&root, keys.dropLast(), line: line, column: column) { parent in
            let key = keys[keys.count - 1]
            if let position = parent.index(of: key) {
                try parent.update(at: position) { entry in
                    guard case .array(var items) = entry.value, items.allSatisfy({ if case .table = $0 { true } else { false } }) else {
                        throw failure("'\(key)' is already defined as \(entry.value.typeName) (line \(entry.line))", line: line, column: column)
                    }
                    items.append(.table(TOMLTable()))
                    entry.value = .array(items)
                }
            } else {
                parent.append(.init(key: key, value: .array([.table(TOMLTable())]), line: line, column: column))
            }
        }
    }

    private func insert(_ root: inout TOMLTable, path: [String], keys: [String], value: TOMLValue,
                        keyPosition: (Int, Int), valuePosition: (Int, Int)) throws {
        try withTable(&root, ArraySlice(path + keys.dropLast()), line: keyPosition.0, column: keyPosition.1) { table in
            let key = keys[keys.count - 1]
            if let existing = table[key] {
                throw failure("key '\(key)' is defined twice (first on line \(existing.line))", line: keyPosition.0, column: keyPosition.1)
            }
            table.append(.init(key: key, value: value, line: valuePosition.0, column: valuePosition.1,
                               keyLine: keyPosition.0, keyColumn: keyPosition.1))
        }
    }

    // MARK: Keys

    private mutating func dottedKey() throws -> [String] {
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
            keys.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws -> String {
        guard let char = current else { throw failure("expected a key, found the end of the file") }
        if char == UInt8(ascii: "\"") { return try basicString() }
        if char == UInt8(ascii: "'") { return try literalString() }
        let start = index
        while let c = current, Self.isBareKeyByte(c) { index += 1 }
        guard index > start else { throw failure("expected a key, found \(describe(char))") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x5f
    }

    // MARK: Values

    private mutating func value() throws -> TOMLValue {
        guard let char = current else { throw failure("expected a value, found the end of the file") }
        switch char {
        case UInt8(ascii: "\""):
            if startsWith("\"\"\"") { throw failure("multi-line strings are not supported in credkit configuration") }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if startsWith("'''") { throw failure("multi-line strings are not supported in credkit configuration") }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return try array()
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

    private func isBareKeyByteAt(_ position: Int) -> Bool {
        position < bytes.count && Self.isBareKeyByte(bytes[position])
    }

    private mutating func integer() throws -> TOMLValue {
        let startColumn = column
        let start = index
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        while let c = current, (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_") || Self.isBareKeyByte(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let digits = String(text.filter { $0 != "_" })
        let body = digits.drop { $0 == "+" || $0 == "-" }
        guard !text.contains("__"), !text.hasPrefix("_"), !text.hasSuffix("_"),
              !(body.count > 1 && body.hasPrefix("0")), let number = Int(digits) else {
            if text.isEmpty { throw failure("expected a value, found \(describe(bytes[start]))", column: startColumn) }
            throw failure("'\(text)' is not a value credkit understands (strings need quotes; floats and dates are not supported)", column: startColumn)
        }
        return .integer(number)
    }

    private mutating func array() throws -> TOMLValue {
        let openLine = line, openColumn = column
        index += 1
        var items: [TOMLValue] = []
        while true {
            skipBlankAndComments()
            guard let char = current else {
                throw failure("array opened here is not closed with ']'", line: openLine, column: openColumn)
            }
            if char == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try value())
            skipBlankAndComments()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if let char = current, char != UInt8(ascii: "]") {
                throw failure("expected ',' or ']' in the array, found \(describe(char))")
            }
        }
    }

    private mutating func basicString() throws -> String {
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
                    guard index + length <= bytes.count,
                          let code = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
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
            if char < 0x20 && char != 0x09 { throw failure("control character \(describe(char)) in a string", column: column - 1) }
            out.append(char)
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw failure("string is not valid UTF-8", line: startLine, column: startColumn)
        }
        return text
    }

    private mutating func literalString() throws -> String {
        let startLine = line, startColumn = column
        index += 1
        let start = index
        while let char = current, char != UInt8(ascii: "'") {
            if char == 0x0a { break }
            index += 1
        }
        guard current == UInt8(ascii: "'") else {
            throw failure("string is not closed on the line it starts", line: startLine, column: startColumn)
        }
        let body = Array(bytes[start..<index])
        index += 1
        guard let text = String(validating: body, as: UTF8.self) else {
            throw failure("string is not valid UTF-8", line: startLine, column: startColumn)
        }
        return text
    }

    // MARK: Whitespace

    private func startsWith(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
    }

    private mutating func expect(_ literal: String) -> Bool {
        guard startsWith(literal) else { return false }
        index += literal.utf8.count
        return true
    }

    private mutating func skipSpaces() {
        while let c = current, c == 0x20 || c == 0x09 { index += 1 }
    }

    private mutating func skipComment() {
        if current == UInt8(ascii: "#") {
            while let c = current, c != 0x0a { index += 1 }
        }
    }

    private mutating func newline() -> Bool {
        if current == 0x0d, index + 1 < bytes.count, bytes[index + 1] == 0x0a { index += 1 }
        guard current == 0x0a else { return false }
        index += 1
        line += 1
        lineStart = index
        return true
    }

    private mutating func skipBlankAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if !newline() { return }
        }
    }

    /// After a key/value pair or header only a comment may follow on the line.
    private mutating func endOfLine() throws {
        skipSpaces()
        skipComment()
        guard current == nil || newline() else {
            throw failure("unexpected \(describe(bytes[index])) after the value; one key = value per line")
        }
    }

    private func describe(_ char: UInt8) -> String {
        if char >= 0x21, char < 0x7f { return "'\(Character(Unicode.Scalar(char)))'" }
        if char == 0x0a { return "the end of the line" }
        return "byte 0x\(String(char, radix: 16))"
    }
}
