/// An IAM account password policy: what `aws iam get-account-password-policy` returns,
/// or AWS's default policy when an account has none.
public struct PasswordPolicy: Hashable, Sendable {
    /// IAM's longest accepted password, whatever the policy says.
    public static let maximumLength = 128
    /// The range IAM accepts for `MinimumPasswordLength`.
    public static let minimumLengthRange = 6...128
    /// The range IAM accepts for `MaxPasswordAge`, in days.
    public static let maxPasswordAgeRange = 1...1095
    /// The range IAM accepts for `PasswordReusePrevention`.
    public static let reusePreventionRange = 1...24

    /// `MinimumPasswordLength`.
    public var minimumLength: Int
    /// `RequireUppercaseCharacters`.
    public var requireUppercase: Bool
    /// `RequireLowercaseCharacters`.
    public var requireLowercase: Bool
    /// `RequireNumbers`.
    public var requireNumbers: Bool
    /// `RequireSymbols`.
    public var requireSymbols: Bool
    /// How many of the four character types a password must mix, whichever they are.
    /// Zero for policies set through IAM; three for AWS's default policy.
    public var minimumCharacterTypes: Int
    /// `AllowUsersToChangePassword`.
    public var allowUsersToChangePassword: Bool
    /// `MaxPasswordAge` in days; nil when passwords never expire.
    public var maxPasswordAge: Int?
    /// `PasswordReusePrevention`; nil when reuse is not prevented.
    public var passwordReusePrevention: Int?
    /// `HardExpiry`.
    public var hardExpiry: Bool
    /// Whether this is AWS's implicit default (the account has no policy: `NoSuchEntity`).
    public var isAWSDefault: Bool

    /// Creates a policy; fields left out take IAM's defaults for `UpdateAccountPasswordPolicy`.
    public init(minimumLength: Int = 6, requireUppercase: Bool = false, requireLowercase: Bool = false,
                requireNumbers: Bool = false, requireSymbols: Bool = false, minimumCharacterTypes: Int = 0,
                allowUsersToChangePassword: Bool = false, maxPasswordAge: Int? = nil,
                passwordReusePrevention: Int? = nil, hardExpiry: Bool = false, isAWSDefault: Bool = false) {
        self.minimumLength = minimumLength
        self.requireUppercase = requireUppercase
        self.requireLowercase = requireLowercase
        self.requireNumbers = requireNumbers
        self.requireSymbols = requireSymbols
        self.minimumCharacterTypes = minimumCharacterTypes
        self.allowUsersToChangePassword = allowUsersToChangePassword
        self.maxPasswordAge = maxPasswordAge
        self.passwordReusePrevention = passwordReusePrevention
        self.hardExpiry = hardExpiry
        self.isAWSDefault = isAWSDefault
    }

    /// The policy AWS applies to an account that has none: 8 to 128 characters, at least three
    /// of the four character types, passwords never expire.
    public static let awsDefault = PasswordPolicy(minimumLength: 8, minimumCharacterTypes: 3, isAWSDefault: true)

    /// `ExpirePasswords`: whether passwords expire.
    public var expirePasswords: Bool { maxPasswordAge != nil }

    /// The character types the policy requires by name.
    public var requiredTypes: Set<CharacterType> {
        var types = Set<CharacterType>()
        if requireUppercase { types.insert(.uppercase) }
        if requireLowercase { types.insert(.lowercase) }
        if requireNumbers { types.insert(.number) }
        if requireSymbols { types.insert(.symbol) }
        return types
    }

    /// Whether the policy imposes any composition rule (a required type or a mix of types).
    public var hasCompositionRules: Bool { !requiredTypes.isEmpty || minimumCharacterTypes > 0 }

    /// The fewest character types any compliant password mixes.
    public var effectiveMinimumCharacterTypes: Int { max(requiredTypes.count, minimumCharacterTypes) }
}
