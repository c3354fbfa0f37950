/// Checks passwords against a policy, a minimum zxcvbn score and, optionally, a breach list.
public struct PasswordCheck: Sendable {
    /// zxcvbn's scores run from 0 to 4.
    public static let scoreRange = 0...4

    /// The policy passwords must comply with.
    public let policy: PasswordPolicy
    /// The lowest acceptable zxcvbn score (default 3).
    public let minimumScore: Int
    /// The estimator, with the user's words.
    public let estimator: StrengthEstimator
    /// The breach list, if any.
    public let breachList: BreachList?

    /// Creates a check.
    /// - Parameters:
    ///   - userInputs: words that make a password weaker for this user (zxcvbn's user dictionary).
    public init(policy: PasswordPolicy, minimumScore: Int = 3, userInputs: [String] = [], breachList: BreachList? = nil) {
        self.policy = policy
        self.minimumScore = minimumScore
        estimator = StrengthEstimator(userInputs: userInputs)
        self.breachList = breachList
    }

    /// Checks one password, given as UTF-8 bytes. The caller owns and wipes the bytes.
    /// - Throws: `PolicyError.invalidPassword` (a NUL byte) or `.invalidBreachList` (a bad line read).
    public func check(_ password: UnsafeRawBufferPointer) throws -> PasswordVerdict {
        let estimate = try estimator.estimate(password)
        return PasswordVerdict(violations: policy.violations(of: password), estimate: estimate,
                               minimumScore: minimumScore,
                               breachCount: try breachList.map { try $0.count(forPassword: password) ?? 0 })
    }

    /// Checks one password held in a byte array.
    public func check(_ password: [UInt8]) throws -> PasswordVerdict {
        try password.withUnsafeBytes { try check($0) }
    }
}
