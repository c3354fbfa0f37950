import Foundation

/// An account password policy, as `GetAccountPasswordPolicy` (or `aws iam get-account-password-policy`) gives it.
public struct PasswordPolicy: Sendable, Hashable, Codable {
    /// Minimum length (AWS default 8).
    public var minimumPasswordLength: Int
    /// Requires an upper-case letter.
    public var requireUppercaseCharacters: Bool
    /// Requires a lower-case letter.
    public var requireLowercaseCharacters: Bool
    /// Requires a digit.
    public var requireNumbers: Bool
    /// Requires a symbol.
    public var requireSymbols: Bool
    /// Users may change their own password.
    public var allowUsersToChangePassword: Bool
    /// Days before a password expires, if it does.
    public var maxPasswordAge: Int?
    /// How many previous passwords cannot be reused.
    public var passwordReusePrevention: Int?
    /// Expired passwords need an administrator reset.
    public var hardExpiry: Bool
    /// False for AWS's implicit default policy (the account has not set one).
    public var isCustom: Bool

    /// The policy AWS applies when an account has none (`NoSuchEntity`): 8 characters, three of four classes.
    public static let awsDefault = PasswordPolicy(
        minimumPasswordLength: 8, requireUppercaseCharacters: false, requireLowercaseCharacters: false,
        requireNumbers: false, requireSymbols: false, allowUsersToChangePassword: true,
        maxPasswordAge: nil, passwordReusePrevention: nil, hardExpiry: false, isCustom: false)

    /// Creates a policy.
    public init(minimumPasswordLength: Int, requireUppercaseCharacters: Bool, requireLowercaseCharacters: Bool,
                requireNumbers: Bool, requireSymbols: Bool, allowUsersToChangePassword: Bool,
                maxPasswordAge: Int?, passwordReusePrevention: Int?, hardExpiry: Bool, isCustom: Bool = true) {
        self.minimumPasswordLength = minimumPasswordLength
        self.requireUppercaseCharacters = requireUppercaseCharacters
        self.requireLowercaseCharacters = requireLowercaseCharacters
        self.requireNumbers = requireNumbers
        self.requireSymbols = requireSymbols
        self.allowUsersToChangePassword = allowUsersToChangePassword
        self.maxPasswordAge = maxPasswordAge
        self.passwordReusePrevention = passwordReusePrevention
        self.hardExpiry = hardExpiry
        self.isCustom = isCustom
    }

    /// Reads the JSON that `aws iam get-account-password-policy` prints (`{"PasswordPolicy": {...}}`)
    /// or the bare inner object.
    /// - Throws: `AWSError.invalidInput` naming `path` and what is wrong.
    public static func parseJSON(_ data: Data, path: String) throws -> PasswordPolicy {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw AWSError(.invalidInput, "\(path): not valid JSON: \((error as NSError).localizedDescription)")
        }
        guard var fields = object as? [String: Any] else {
            throw AWSError(.invalidInput, "\(path): expected a JSON object with PasswordPolicy")
        }
        if let inner = fields["PasswordPolicy"] as? [String: Any] { fields = inner }
        func int(_ key: String) throws -> Int? {
            guard let value = fields[key] else { return nil }
            guard let number = value as? Double, let int = Int(exactly: number) else {
                throw AWSError(.invalidInput, "\(path): \(key) must be a whole number")
            }
            return int
        }
        func bool(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let value = fields[key] else { return fallback }
            guard let flag = value as? Bool else { throw AWSError(.invalidInput, "\(path): \(key) must be true or false") }
            return flag
        }
        guard fields["MinimumPasswordLength"] != nil else {
            throw AWSError(.invalidInput, "\(path): MinimumPasswordLength is missing; is this a password policy?")
        }
        return PasswordPolicy(
            minimumPasswordLength: try int("MinimumPasswordLength") ?? 8,
            requireUppercaseCharacters: try bool("RequireUppercaseCharacters", false),
            requireLowercaseCharacters: try bool("RequireLowercaseCharacters", false),
            requireNumbers: try bool("RequireNumbers", false),
            requireSymbols: try bool("RequireSymbols", false),
            allowUsersToChangePassword: try bool("AllowUsersToChangePassword", false),
            maxPasswordAge: try int("MaxPasswordAge"),
            passwordReusePrevention: try int("PasswordReusePrevention"),
            hardExpiry: try bool("HardExpiry", false))
    }

    /// What falls short of CIS AWS Foundations 1.8 (length ≥ 14) and 1.9 (reuse prevention ≥ 24), in words.
    public var shortcomings: [String] {
        var result: [String] = []
        if !isCustom { result.append("no password policy is set (AWS's default applies)") }
        if minimumPasswordLength < 14 { result.append("minimum length \(minimumPasswordLength) is below 14 (CIS 1.8)") }
        if (passwordReusePrevention ?? 0) < 24 { result.append("password reuse prevention is below 24 (CIS 1.9)") }
        return result
    }
}
