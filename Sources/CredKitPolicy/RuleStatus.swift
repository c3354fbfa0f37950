/// The outcome of one rule.
public enum RuleStatus: String, Hashable, Sendable {
    /// The policy meets the rule.
    case pass
    /// The policy does not meet the rule.
    case fail
    /// IAM policies cannot express the rule; it must be met some other way. Not a failure.
    case manual
}
