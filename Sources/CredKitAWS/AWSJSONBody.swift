import CredKitJSON
/// A JSON request body for the AWS JSON protocol, written with a fixed member order.
public indirect enum AWSJSONBody: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// An array.
    case array([AWSJSONBody])
    /// An object, members in the order given.
    case object([(String, AWSJSONBody)])

    /// The empty object `{}`, the body of a call without parameters.
    public static let empty = AWSJSONBody.object([])

    /// The JSON text, RFC 8259 escaped.
    public var text: String {
        switch self {
        case .string(let value): JSONString.quoted(value)
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { JSONString.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    public static func == (lhs: AWSJSONBody, rhs: AWSJSONBody) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

}
