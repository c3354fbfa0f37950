/// The four character types IAM password policies know about.
public enum CharacterType: String, CaseIterable, Hashable, Sendable, Codable {
    /// `A` to `Z`.
    case uppercase
    /// `a` to `z`.
    case lowercase
    /// `0` to `9`.
    case number
    /// One of IAM's 20 symbols: ``CharacterType/symbols``.
    case symbol

    /// The symbols IAM counts for `RequireSymbols`: `! @ # $ % ^ & * ( ) _ + - = [ ] { } | '`.
    public static let symbols: [UInt8] = Array("!@#$%^&*()_+-=[]{}|'".utf8)

    /// How many characters the type has (26, 26, 10, 20).
    public var size: Int {
        switch self {
        case .uppercase, .lowercase: 26
        case .number: 10
        case .symbol: CharacterType.symbols.count
        }
    }

    /// The policy field that requires this type.
    public var policyField: String {
        switch self {
        case .uppercase: "RequireUppercaseCharacters"
        case .lowercase: "RequireLowercaseCharacters"
        case .number: "RequireNumbers"
        case .symbol: "RequireSymbols"
        }
    }

    /// A noun for messages: "uppercase letter".
    public var noun: String {
        switch self {
        case .uppercase: "uppercase letter"
        case .lowercase: "lowercase letter"
        case .number: "number"
        case .symbol: "symbol"
        }
    }

    /// The type of an ASCII byte, or nil for anything IAM does not count (space, `~`, non-ASCII).
    public init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): self = .uppercase
        case UInt8(ascii: "a")...UInt8(ascii: "z"): self = .lowercase
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self = .number
        default:
            guard CharacterType.symbols.contains(byte) else { return nil }
            self = .symbol
        }
    }
}
