/// What AWS said about a found key pair when asked (`credkit scan --verify`): STS
/// `GetCallerIdentity` signed with the pair. The scanner itself never sends anything anywhere;
/// the caller fills this in only when the user asked.
public enum Verification: Sendable, Hashable {
    /// AWS accepted the pair: a live credential, with the identity it belongs to.
    case active(arn: String, account: String)
    /// AWS refused the pair (unknown or deleted key, wrong secret, expired token).
    case inactive(reason: String)
    /// The pair could not be checked (no secret found next to the key ID, network or service error).
    case unknown(reason: String)

    /// A short word for reports: `active`, `inactive` or `unknown`.
    public var status: String {
        switch self {
        case .active: "active"
        case .inactive: "inactive"
        case .unknown: "unknown"
        }
    }

    /// A sentence for people.
    public var summary: String {
        switch self {
        case let .active(arn, _): "ACTIVE: AWS accepts this key pair as \(arn)"
        case let .inactive(reason): "inactive: \(reason)"
        case let .unknown(reason): "not verified: \(reason)"
        }
    }
}
