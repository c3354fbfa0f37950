/// The outcome of checking one password. Holds no part of the password.
public struct PasswordVerdict: Hashable, Sendable {
    /// How the password breaks the policy; empty when it complies.
    public let violations: [PolicyViolation]
    /// zxcvbn's estimate.
    public let estimate: StrengthEstimate
    /// The score below which a password fails.
    public let minimumScore: Int
    /// Times seen in the breach list: nil when no list was given, 0 when not listed.
    public let breachCount: Int?

    /// Whether the password complies with the policy.
    public var compliant: Bool { violations.isEmpty }
    /// Whether zxcvbn's score is below the minimum.
    public var tooWeak: Bool { estimate.score < minimumScore }
    /// Whether the password is in the breach list.
    public var breached: Bool { (breachCount ?? 0) > 0 }
    /// Whether the password passes: compliant, strong enough, not breached.
    public var passed: Bool { compliant && !tooWeak && !breached }

    /// The reasons it fails, in words; empty when it passes.
    public var reasons: [String] {
        var result = violations.map { "policy: \($0)" }
        if tooWeak { result.append("zxcvbn score \(estimate.score) is below the minimum \(minimumScore)") }
        if let breachCount, breachCount > 0 {
            result.append("found in the breach list (seen \(breachCount) time\(breachCount == 1 ? "" : "s"))")
        }
        return result
    }
}
