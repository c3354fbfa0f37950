/// A TOML table: keys in document order, each with the position of its key.
struct TOMLTable: Sendable, Equatable {
    /// One key of a table.
    struct Entry: Sendable, Equatable {
        let key: String
        var value: TOMLValue
        /// Where the value starts (for a table, its header).
        let line: Int
        let column: Int
        /// Where the key starts.
        var keyLine: Int = 0
        var keyColumn: Int = 0
        /// Whether the table was created implicitly by a dotted header and may still be defined.
        var implicit: Bool = false
    }

    private(set) var entries: [Entry] = []

    /// The entry for `key`.
    subscript(key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The index of `key`, if present.
    func index(of key: String) -> Int? { entries.firstIndex { $0.key == key } }

    mutating func append(_ entry: Entry) { entries.append(entry) }

    mutating func update(at index: Int, _ body: (inout Entry) throws -> Void) rethrows {
        try body(&entries[index])
    }
}
