/// A requirement a baseline places on a password policy.
public enum PolicyRequirement: Hashable, Sendable {
    /// `MinimumPasswordLength` at least this.
    case minimumLength(atLeast: Int)
    /// Passwords of at least this length are accepted (IAM always accepts 128).
    case maximumLengthAllowed(atLeast: Int)
    /// `PasswordReusePrevention` at least this.
    case reusePrevention(atLeast: Int)
    /// The policy requires this character type.
    case requiresType(CharacterType)
    /// Compliant passwords mix at least this many character types.
    case characterTypes(atLeast: Int)
    /// Passwords expire within this many days.
    case expiry(withinDays: Int)
    /// Passwords do not expire on a schedule.
    case noPeriodicExpiry
    /// No composition rules (required types or mixes).
    case noCompositionRules
    /// New passwords are checked against a blocklist, which IAM policies cannot express.
    case blocklist

    /// What the requirement is about, to find baselines that pull in opposite directions.
    public enum Topic: String, Hashable, Sendable {
        case length, maximumLength, reuse, composition, expiry, blocklist
    }

    /// Whether a requirement asks for something on its topic or forbids it.
    public enum Stance: Hashable, Sendable {
        case requires, forbids
    }

    /// The requirement's topic.
    public var topic: Topic {
        switch self {
        case .minimumLength: .length
        case .maximumLengthAllowed: .maximumLength
        case .reusePrevention: .reuse
        case .requiresType, .characterTypes, .noCompositionRules: .composition
        case .expiry, .noPeriodicExpiry: .expiry
        case .blocklist: .blocklist
        }
    }

    /// Whether it asks for its topic or forbids it.
    public var stance: Stance {
        switch self {
        case .noCompositionRules, .noPeriodicExpiry: .forbids
        default: .requires
        }
    }

    /// The expected value in words.
    public var expected: String {
        switch self {
        case .minimumLength(let length): "MinimumPasswordLength >= \(length)"
        case .maximumLengthAllowed(let length): "passwords of \(length)+ characters allowed"
        case .reusePrevention(let count): "PasswordReusePrevention >= \(count)"
        case .requiresType(let type): "\(type.policyField) = true"
        case .characterTypes(let count): "at least \(count) of 4 character types"
        case .expiry(let days): "MaxPasswordAge <= \(days)"
        case .noPeriodicExpiry: "no MaxPasswordAge"
        case .noCompositionRules: "no composition rules"
        case .blocklist: "blocklist of common and breached passwords"
        }
    }

    /// The policy's actual value for this requirement, in words.
    public func actual(in policy: PasswordPolicy) -> String {
        switch self {
        case .minimumLength: "\(policy.minimumLength)"
        case .maximumLengthAllowed: "\(PasswordPolicy.maximumLength) (IAM's limit)"
        case .reusePrevention: policy.passwordReusePrevention.map(String.init) ?? "not set"
        case .requiresType(let type): "\(policy.requiredTypes.contains(type))"
        case .characterTypes: "\(policy.effectiveMinimumCharacterTypes)"
        case .expiry, .noPeriodicExpiry: policy.maxPasswordAge.map { "\($0) days" } ?? "never expires"
        case .noCompositionRules: Self.compositionSummary(policy)
        case .blocklist: "not settable in IAM; check candidates with credkit password check --breach-file"
        }
    }

    /// Whether `policy` meets the requirement.
    public func status(of policy: PasswordPolicy) -> RuleStatus {
        switch self {
        case .minimumLength(let length): policy.minimumLength >= length ? .pass : .fail
        case .maximumLengthAllowed(let length): PasswordPolicy.maximumLength >= length ? .pass : .fail
        case .reusePrevention(let count): (policy.passwordReusePrevention ?? 0) >= count ? .pass : .fail
        case .requiresType(let type): policy.requiredTypes.contains(type) ? .pass : .fail
        case .characterTypes(let count): policy.effectiveMinimumCharacterTypes >= count ? .pass : .fail
        case .expiry(let days): (policy.maxPasswordAge.map { $0 <= days } ?? false) ? .pass : .fail
        case .noPeriodicExpiry: policy.expirePasswords ? .fail : .pass
        case .noCompositionRules: policy.hasCompositionRules ? .fail : .pass
        case .blocklist: .manual
        }
    }

    private static func compositionSummary(_ policy: PasswordPolicy) -> String {
        var parts = CharacterType.allCases.filter { policy.requiredTypes.contains($0) }.map(\.rawValue)
        if policy.minimumCharacterTypes > 0 { parts.append("\(policy.minimumCharacterTypes) of 4 types") }
        return parts.isEmpty ? "none" : "requires " + parts.joined(separator: ", ")
    }
}
