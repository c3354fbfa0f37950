/// One rule of a baseline: a requirement on a policy and where it comes from.
public struct PolicyRule: Hashable, Sendable {
    /// A stable identifier, such as `cis-1.8` or `iam.17`.
    public let id: String
    /// The baseline the rule belongs to.
    public let baseline: Baseline
    /// What the policy must do.
    public let requirement: PolicyRequirement
    /// The document and section that asks for it.
    public let reference: String

    /// Creates a rule.
    public init(id: String, baseline: Baseline, requirement: PolicyRequirement, reference: String) {
        self.id = id
        self.baseline = baseline
        self.requirement = requirement
        self.reference = reference
    }
}
