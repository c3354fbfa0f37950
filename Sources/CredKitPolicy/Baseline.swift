/// A named set of password-policy rules to check a policy against.
public enum Baseline: String, CaseIterable, Hashable, Sendable {
    /// CIS AWS Foundations Benchmark (v3.0): 1.8 length, 1.9 reuse.
    case cis
    /// AWS Security Hub controls IAM.7 and IAM.10 to IAM.17.
    case securityhub
    /// NIST SP 800-63B revision 4, §3.1.1.2 password verifiers.
    case nist
    /// What AWS enforces when an account has no policy.
    case awsDefault = "aws-default"

    /// A short title for reports.
    public var title: String {
        switch self {
        case .cis: "CIS AWS Foundations Benchmark v3.0"
        case .securityhub: "AWS Security Hub (IAM.7, IAM.10-IAM.17)"
        case .nist: "NIST SP 800-63B-4"
        case .awsDefault: "AWS default password policy"
        }
    }

    /// The rules of this baseline.
    /// - Parameter withMFA: passwords are one factor of several (NIST allows 8 characters
    ///   instead of 15); other baselines ignore it.
    public func rules(withMFA: Bool = false) -> [PolicyRule] {
        switch self {
        case .cis:
            return [
                PolicyRule(id: "cis-1.8", baseline: self, requirement: .minimumLength(atLeast: 14),
                           reference: "CIS AWS Foundations 1.8"),
                PolicyRule(id: "cis-1.9", baseline: self, requirement: .reusePrevention(atLeast: 24),
                           reference: "CIS AWS Foundations 1.9"),
            ]
        case .securityhub:
            return [
                PolicyRule(id: "iam.7-length", baseline: self, requirement: .minimumLength(atLeast: 8),
                           reference: "Security Hub IAM.7"),
                PolicyRule(id: "iam.10-length", baseline: self, requirement: .minimumLength(atLeast: 7),
                           reference: "Security Hub IAM.10 (PCI DSS 8.2.3)"),
                PolicyRule(id: "iam.15", baseline: self, requirement: .minimumLength(atLeast: 14),
                           reference: "Security Hub IAM.15"),
                PolicyRule(id: "iam.11", baseline: self, requirement: .requiresType(.uppercase),
                           reference: "Security Hub IAM.7, IAM.11"),
                PolicyRule(id: "iam.12", baseline: self, requirement: .requiresType(.lowercase),
                           reference: "Security Hub IAM.7, IAM.10, IAM.12"),
                PolicyRule(id: "iam.13", baseline: self, requirement: .requiresType(.symbol),
                           reference: "Security Hub IAM.7, IAM.13"),
                PolicyRule(id: "iam.14", baseline: self, requirement: .requiresType(.number),
                           reference: "Security Hub IAM.7, IAM.10, IAM.14"),
                PolicyRule(id: "iam.10-reuse", baseline: self, requirement: .reusePrevention(atLeast: 4),
                           reference: "Security Hub IAM.10 (PCI DSS 8.2.5)"),
                PolicyRule(id: "iam.16", baseline: self, requirement: .reusePrevention(atLeast: 24),
                           reference: "Security Hub IAM.16"),
                PolicyRule(id: "iam.17", baseline: self, requirement: .expiry(withinDays: 90),
                           reference: "Security Hub IAM.10, IAM.17"),
            ]
        case .nist:
            let section = "NIST SP 800-63B-4 §3.1.1.2"
            return [
                withMFA
                    ? PolicyRule(id: "nist-length-mfa", baseline: self, requirement: .minimumLength(atLeast: 8),
                                 reference: "\(section) (password as part of MFA)")
                    : PolicyRule(id: "nist-length", baseline: self, requirement: .minimumLength(atLeast: 15),
                                 reference: "\(section) (password as the only factor)"),
                PolicyRule(id: "nist-max-length", baseline: self, requirement: .maximumLengthAllowed(atLeast: 64),
                           reference: section),
                PolicyRule(id: "nist-composition", baseline: self, requirement: .noCompositionRules,
                           reference: section),
                PolicyRule(id: "nist-expiry", baseline: self, requirement: .noPeriodicExpiry, reference: section),
                PolicyRule(id: "nist-blocklist", baseline: self, requirement: .blocklist, reference: section),
            ]
        case .awsDefault:
            let guide = "IAM User Guide: default password policy"
            return [
                PolicyRule(id: "aws-default-length", baseline: self, requirement: .minimumLength(atLeast: 8),
                           reference: guide),
                PolicyRule(id: "aws-default-types", baseline: self, requirement: .characterTypes(atLeast: 3),
                           reference: guide),
            ]
        }
    }
}
