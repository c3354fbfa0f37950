/// A value read from a TOML document, with where it was written (for error messages).
indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The TOML type name, for "expected X, found Y" messages.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

extension TOMLValue {
    /// Moves the table out, leaving a placeholder, so the caller holds its only reference and
    /// changes it in place rather than copying it.
    mutating func takeTable() -> TOMLTable? {
        guard case .table(let table) = self else { return nil }
        self = .boolean(false)
        return table
    }

    /// Moves the array out, like `takeTable()`.
    mutating func takeArray() -> [TOMLValue]? {
        guard case .array(let items) = self else { return nil }
        self = .boolean(false)
        return items
    }
}
