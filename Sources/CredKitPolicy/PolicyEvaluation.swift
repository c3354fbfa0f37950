/// A policy checked against one or more baselines.
public struct PolicyEvaluation: Hashable, Sendable {
    /// The policy checked.
    public let policy: PasswordPolicy
    /// The baselines, in the order asked for.
    public let baselines: [Baseline]
    /// Every rule's result, baseline by baseline.
    public let results: [RuleResult]
    /// Where the chosen baselines contradict each other.
    public let disagreements: [BaselineDisagreement]

    /// Whether any rule failed.
    public var failed: Bool { results.contains { $0.status == .fail } }

    /// The results of one baseline.
    public func results(for baseline: Baseline) -> [RuleResult] {
        results.filter { $0.rule.baseline == baseline }
    }
}

extension PasswordPolicy {
    /// Checks the policy against `baselines`.
    /// - Parameter withMFA: passwords are used with a second factor (NIST's 8-character minimum).
    public func evaluate(against baselines: [Baseline], withMFA: Bool = false) -> PolicyEvaluation {
        let rules = baselines.flatMap { $0.rules(withMFA: withMFA) }
        return PolicyEvaluation(policy: self, baselines: baselines,
                                results: rules.map { RuleResult(rule: $0, policy: self) },
                                disagreements: BaselineDisagreement.find(in: rules))
    }
}
