/// A strict parser for the subset of TOML that credkit's configuration uses: tables
/// (`[a.b]`), arrays of tables (`[[a]]`), bare, quoted and dotted keys, basic and literal
/// strings, decimal integers, booleans, arrays and comments. Anything else (floats, dates,
/// multi-line strings, inline tables) is rejected with its line and column rather than
/// guessed at.
///
/// The file may be written by any contributor and is read by everyone's pre-commit hook, so
/// nesting is bounded: recursion never goes deeper than the limits below, whatever the input.
struct TOMLParser {
    /// How deeply arrays may nest in one value: `[[[1]]]` is 3 deep.
    static let maximumNestingDepth = 64
    /// How many parts a key may have: those of a `[table.header]`, or those of a dotted key
    /// together with its table header's, which is how deep the tables nest.
    static let maximumKeyParts = 64

    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var lineStart = 0
    /// How many table headers came before: dotted keys may add to tables that other dotted
    /// keys created in the same section only.
    var section = 0

    /// Parses `text`; errors name `file`, the line and the column.
    static func parse(_ text: String, file: String) throws -> TOMLTable {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses a document given as bytes, which must be UTF-8; errors name `file`, the line
    /// and the column (counted in bytes).
    static func parse(bytes: [UInt8], file: String) throws -> TOMLTable {
        var parser = TOMLParser(bytes: bytes, file: file)
        try parser.checkEncoding()
        return try parser.document()
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var column: Int { index - lineStart + 1 }

    func failure(_ message: String, line: Int? = nil, column: Int? = nil) -> ScanError {
        ScanError(.invalidConfiguration, "\(file):\(line ?? self.line):\(column ?? self.column): \(message)")
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Rejects bytes that are not UTF-8, naming where the first one is, and skips a byte
    /// order mark.
    mutating func checkEncoding() throws {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8.ForwardParser()
        var offset = 0
        decoding: while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: break decoding
            case .error:
                let lineStart = (bytes[..<offset].lastIndex(of: 0x0a) ?? -1) + 1
                let line = bytes[..<offset].reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }
                throw failure("not valid UTF-8", line: line, column: offset - lineStart + 1)
            }
        }
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) {
            index = 3
            lineStart = 3
        }
    }

    // MARK: Document structure

    mutating func document() throws -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        while true {
            try skipBlankAndComments()
            guard let char = current else { break }
            if char == UInt8(ascii: "[") {
                let headerLine = line, headerColumn = column
                let isArray = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                skipSpaces()
                let keys = try dottedKey(below: [])
                skipSpaces()
                guard expect("]") && (!isArray || expect("]")) else {
                    throw failure("expected '\(isArray ? "]]" : "]")' to close the table header")
                }
                try endOfLine()
                section += 1
                if isArray {
                    try appendArrayTable(&root, keys, line: headerLine, column: headerColumn)
                } else {
                    try defineTable(&root, keys, line: headerLine, column: headerColumn)
                }
                path = keys
            } else {
                let keyLine = line, keyColumn = column
                let keys = try dottedKey(below: path)
                skipSpaces()
                guard expect("=") else { throw failure("expected '=' after the key") }
                skipSpaces()
                let valueLine = line, valueColumn = column
                let value = try self.value(depth: 0)
                try endOfLine()
                try insert(&root, path: path, keys: keys, value: value,
                           keyPosition: (keyLine, keyColumn), valuePosition: (valueLine, valueColumn))
            }
        }
        return root
    }

    /// How a walk to a table treats the tables on its way.
    enum Walk {
        /// The path of a header: missing tables are created implicitly; existing ones are
        /// entered whatever defined them, and so is the last table of an array of tables.
        case header
        /// The parts of a dotted key but its last: missing tables are created as dotted
        /// tables of this section; only those, and implicit ones, may be entered.
        case dotted(section: Int)
    }

    /// Walks to the table at `path`, creating missing tables, and applies `body` to it.
    /// Recursion is as deep as `path` is long, which `maximumKeyParts` bounds.
    func withTable<Result>(_ table: inout TOMLTable, _ path: ArraySlice<String>, _ walk: Walk,
                                   line: Int, column: Int,
                                   _ body: (inout TOMLTable) throws -> Result) throws -> Result {
        guard let key = path.first else { return try body(&table) }
        guard let position = table.index(of: key) else {
            var inner = TOMLTable()
            let result = try withTable(&inner, path.dropFirst(), walk, line: line, column: column, body)
            let origin: TOMLTable.Origin = switch walk {
            case .header: .implicit
            case .dotted(let section): .dotted(section: section)
            }
            table.append(.init(key: key, value: .table(inner), line: line, column: column,
                               keyLine: line, keyColumn: column, origin: origin))
            return result
        }
        return try table.update(at: position) { entry in
            // The entry lets go of its value while it changes, so the change happens in
            // place instead of copying the table (which would make big files quadratic).
            if case .table = entry.value {
                switch (entry.origin, walk) {
                case (_, .header):
                    break
                case (.implicit, .dotted(let section)):
                    entry.origin = .dotted(section: section)
                case (.dotted(let created), .dotted(let section)) where created == section:
                    break
                default:
                    throw failure("'\(key)' is already defined (line \(entry.line)); a dotted key cannot add to it",
                                  line: line, column: column)
                }
                var inner = entry.value.takeTable() ?? TOMLTable()
                defer { entry.value = .table(inner) }
                return try withTable(&inner, path.dropFirst(), walk, line: line, column: column, body)
            }
            guard entry.origin == .arrayOfTables else {
                throw failure("'\(key)' is \(entry.value.typeName) (line \(entry.line)), not a table", line: line, column: column)
            }
            guard case .header = walk else {
                throw failure("'\(key)' is an array of tables (line \(entry.line)); a dotted key cannot add to it",
                              line: line, column: column)
            }
            var items = entry.value.takeArray() ?? []
            var last = items.isEmpty ? TOMLTable() : items[items.count - 1].takeTable() ?? TOMLTable()
            defer {
                if items.isEmpty { items.append(.table(last)) } else { items[items.count - 1] = .table(last) }
                entry.value = .array(items)
            }
            return try withTable(&last, path.dropFirst(), walk, line: line, column: column, body)
        }
    }

    func defineTable(_ root: inout TOMLTable, _ keys: [String], line: Int, column: Int) throws {
        try withTable(&root, keys.dropLast(), .header, line: line, column: column) { parent in
            let key = keys[keys.count - 1]
            guard let position = parent.index(of: key) else {
                parent.append(.init(key: key, value: .table(TOMLTable()), line: line, column: column,
                                    keyLine: line, keyColumn: column, origin: .header))
                return
            }
            try parent.update(at: position) { entry in
                switch (entry.value, entry.origin) {
                case (.table, .implicit):
                    entry.origin = .header
                case (.table, .header):
                    throw failure("table [\(keys.joined(separator: "."))] is defined twice", line: line, column: column)
                default:
                    throw failure("'\(key)' is already defined (line \(entry.line))", line: line, column: column)
                }
            }
        }
    }

    func appendArrayTable(_ root: inout TOMLTable, _ keys: [String], line: Int, column: Int) throws {
        try withTable(&root, keys.dropLast(), .header, line: line, column: column) { parent in
            let key = keys[keys.count - 1]
            guard let position = parent.index(of: key) else {
                parent.append(.init(key: key, value: .array([.table(TOMLTable())]), line: line, column: column,
                                    keyLine: line, keyColumn: column, origin: .arrayOfTables))
                return
            }
            try parent.update(at: position) { entry in
                guard entry.origin == .arrayOfTables, var items = entry.value.takeArray() else {
                    throw failure("'\(key)' is already defined as \(entry.value.typeName) (line \(entry.line))", line: line, column: column)
                }
                items.append(.table(TOMLTable()))
                entry.value = .array(items)
            }
        }
    }

    func insert(_ root: inout TOMLTable, path: [String], keys: [String], value: TOMLValue,
                        keyPosition: (Int, Int), valuePosition: (Int, Int)) throws {
        let (line, column) = keyPosition
        try withTable(&root, path[...], .header, line: line, column: column) { section in
            try withTable(&section, keys.dropLast(), .dotted(section: self.section), line: line, column: column) { table in
                let key = keys[keys.count - 1]
                if let existing = table[key] {
                    throw failure("key '\(key)' is defined twice (first on line \(existing.line))", line: line, column: column)
                }
                table.append(.init(key: key, value: value, line: valuePosition.0, column: valuePosition.1,
                                   keyLine: line, keyColumn: column))
            }
        }
    }

    // MARK: Whitespace

    func startsWith(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return index + utf8.count <= bytes.count && bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    mutating func expect(_ literal: String) -> Bool {
        guard startsWith(literal) else { return false }
        index += literal.utf8.count
        return true
    }

    mutating func skipSpaces() {
        while let c = current, c == 0x20 || c == 0x09 { index += 1 }
    }

    mutating func skipComment() throws {
        guard current == UInt8(ascii: "#") else { return }
        while let c = current, c != 0x0a {
            if Self.isControl(c), !(c == 0x0d && index + 1 < bytes.count && bytes[index + 1] == 0x0a) {
                throw failure("control character \(describe(c)) in a comment")
            }
            index += 1
        }
    }

    mutating func newline() -> Bool {
        if current == 0x0d, index + 1 < bytes.count, bytes[index + 1] == 0x0a { index += 1 }
        guard current == 0x0a else { return false }
        index += 1
        line += 1
        lineStart = index
        return true
    }

    mutating func skipBlankAndComments() throws {
        while true {
            skipSpaces()
            try skipComment()
            if !newline() { return }
        }
    }

    /// After a key/value pair or header only a comment may follow on the line.
    mutating func endOfLine() throws {
        skipSpaces()
        try skipComment()
        guard current == nil || newline() else {
            throw failure("unexpected \(describe(bytes[index])) after the value; one key = value per line")
        }
    }

    func describe(_ char: UInt8) -> String {
        if char >= 0x21, char < 0x7f { return "'\(Character(Unicode.Scalar(char)))'" }
        if char == 0x0a { return "the end of the line" }
        return "byte 0x\(String(char, radix: 16))"
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66)
    }
}
