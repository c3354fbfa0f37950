/// A JSON value as `JSONReader` reads it: booleans, numbers and strings stay apart (a field of
/// the wrong type is reported, not coerced), objects keep their keys in document order and
/// every value knows the line it starts on, for messages.
public indirect enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, with the exact text it was written as.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, its members in document order (keys are unique: the reader refuses duplicates).
    case object(JSONObject)

    /// The kind of value, for messages: "a string", "true or false".
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The object, if this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The flag, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

/// A JSON number: its source text, and its value as a whole number when it is one.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number as written (`14`, `1.5e3`).
    public let text: String

    /// Creates a number from its (already validated) text.
    public init(text: String) { self.text = text }

    /// The value as a whole number, when it is one that fits (`14`, `14.0`, `1.4e1`).
    public var integer: Int? {
        if let exact = Int(text) { return exact }
        guard let double = Double(text), double.isFinite, double.rounded() == double,
              abs(double) < 9.0e15 else { return nil }
        return Int(exactly: double)
    }

    /// The value as a double.
    public var double: Double? { Double(text) }

    public var description: String { text }
}

/// A JSON object: members in document order, each with the line its key is on.
public struct JSONObject: Hashable, Sendable {
    /// One member.
    public struct Member: Hashable, Sendable {
        /// The key.
        public let key: String
        /// The value.
        public let value: JSONValue
        /// The line (from 1) the key is on.
        public let line: Int
    }

    /// The members in document order.
    public let members: [Member]

    /// Creates an object; keys must be unique (the reader guarantees it).
    public init(members: [Member]) { self.members = members }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`, if present.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// The line of `key`, if present.
    public func line(of key: String) -> Int? {
        members.first { $0.key == key }?.line
    }
}
