import CredKitJSON

/// A small JSON writer with a fixed key order, so reports and baselines diff cleanly.
struct JSONText {
    private(set) var text = ""
    private var indent = 0
    private let pretty: Bool

    init(pretty: Bool = true) {
        self.pretty = pretty
    }


    /// A JSON value.
    indirect enum Value {
        case string(String)
        case number(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    /// Serialises `value`, indented by two spaces when pretty.
    static func render(_ value: Value, pretty: Bool = true) -> String {
        var writer = JSONText(pretty: pretty)
        writer.write(value)
        return writer.text
    }

    private mutating func newline() {
        guard pretty else { return }
        text += "\n" + String(repeating: "  ", count: indent)
    }

    private mutating func write(_ value: Value) {
        switch value {
        case .string(let string): text += JSONString.quoted(string)
        case .number(let number): text += String(number)
        case .bool(let bool): text += bool ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            guard !items.isEmpty else { text += "[]"; return }
            text += "["
            indent += 1
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                newline()
                write(item)
            }
            indent -= 1
            newline()
            text += "]"
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{"
            indent += 1
            for (index, (key, item)) in members.enumerated() {
                if index > 0 { text += "," }
                newline()
                text += JSONString.quoted(key) + (pretty ? ": " : ":")
                write(item)
            }
            indent -= 1
            newline()
            text += "}"
        }
    }
}
