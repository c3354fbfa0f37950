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
        /// How the entry came to be, which decides whether a later header or dotted key may
        /// define it or add to it.
        var origin: Origin = .value
    }

    /// How a key was defined. TOML lets a table be defined once; what counts as defining it
    /// depends on the syntax that created it.
    enum Origin: Sendable, Equatable {
        /// A value written after `=`: a string, integer, boolean or array. Never reopened.
        case value
        /// A table created only as the parent of a header (`a` for `[a.b]`): a later `[a]`
        /// or dotted key may still define it.
        case implicit
        /// A table defined by its own `[header]`.
        case header
        /// A table created by a dotted key (`a.b = 1` creates `a`) in the given section (the
        /// count of headers before it): other dotted keys of the same section may add to it.
        case dotted(section: Int)
        /// An array of tables, `[[a]]`: only further `[[a]]` headers add to it.
        case arrayOfTables
    }

    private(set) var entries: [Entry] = []
    /// Where each key is in `entries`: lookups stay constant time for tables with many keys.
    private var positions: [String: Int] = [:]

    /// The entry for `key`.
    subscript(key: String) -> Entry? {
        positions[key].map { entries[$0] }
    }

    /// The index of `key`, if present.
    func index(of key: String) -> Int? { positions[key] }

    mutating func append(_ entry: Entry) {
        positions[entry.key] = entries.count
        entries.append(entry)
    }

    mutating func update<Result>(at index: Int, _ body: (inout Entry) throws -> Result) rethrows -> Result {
        try body(&entries[index])
    }

    static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool { lhs.entries == rhs.entries }
}
