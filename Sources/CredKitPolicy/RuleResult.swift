/// One rule checked against one policy.
public struct RuleResult: Hashable, Sendable {
    /// The rule.
    public let rule: PolicyRule
    /// Pass, fail or manual.
    public let status: RuleStatus
    /// What the rule expects, in words.
    public var expected: String { rule.requirement.expected }
    /// What the policy has, in words.
    public let actual: String

    /// Checks `rule` against `policy`.
    public init(rule: PolicyRule, policy: PasswordPolicy) {
        self.rule = rule
        status = rule.requirement.status(of: policy)
        actual = rule.requirement.actual(in: policy)
    }
}
