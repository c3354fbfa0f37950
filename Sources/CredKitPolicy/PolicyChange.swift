/// One field that differs between two policies.
public struct PolicyChange: Hashable, Sendable, CustomStringConvertible {
    /// The IAM field name, or `PasswordPolicy` for the policy as a whole.
    public let field: String
    /// The current value, in words.
    public let from: String
    /// The new value, in words.
    public let to: String

    /// Creates a change.
    public init(field: String, from: String, to: String) {
        self.field = field
        self.from = from
        self.to = to
    }

    public var description: String { "\(field): \(from) -> \(to)" }
}

extension PasswordPolicy {
    /// The fields that differ from `self` to `other`, in IAM's field order.
    public func changes(to other: PasswordPolicy) -> [PolicyChange] {
        var result: [PolicyChange] = []
        if isAWSDefault != other.isAWSDefault {
            result.append(PolicyChange(field: "PasswordPolicy", from: isAWSDefault ? "none set (AWS default)" : "set",
                                       to: other.isAWSDefault ? "none set (AWS default)" : "set"))
        }
        if minimumCharacterTypes != other.minimumCharacterTypes {
            result.append(PolicyChange(field: "character types (AWS default rule)",
                                       from: Self.typesRule(minimumCharacterTypes), to: Self.typesRule(other.minimumCharacterTypes)))
        }
        func compare(_ field: String, _ a: String, _ b: String) {
            if a != b { result.append(PolicyChange(field: field, from: a, to: b)) }
        }
        compare("MinimumPasswordLength", "\(minimumLength)", "\(other.minimumLength)")
        compare("RequireSymbols", "\(requireSymbols)", "\(other.requireSymbols)")
        compare("RequireNumbers", "\(requireNumbers)", "\(other.requireNumbers)")
        compare("RequireUppercaseCharacters", "\(requireUppercase)", "\(other.requireUppercase)")
        compare("RequireLowercaseCharacters", "\(requireLowercase)", "\(other.requireLowercase)")
        compare("AllowUsersToChangePassword", "\(allowUsersToChangePassword)", "\(other.allowUsersToChangePassword)")
        compare("MaxPasswordAge", maxPasswordAge.map(String.init) ?? "not set", other.maxPasswordAge.map(String.init) ?? "not set")
        compare("PasswordReusePrevention", passwordReusePrevention.map(String.init) ?? "not set",
                other.passwordReusePrevention.map(String.init) ?? "not set")
        compare("HardExpiry", "\(hardExpiry)", "\(other.hardExpiry)")
        return result
    }

    private static func typesRule(_ count: Int) -> String {
        count == 0 ? "none" : "\(count) of 4"
    }
}
