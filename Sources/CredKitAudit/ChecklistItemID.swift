/// The eight steps of AWS's guidance for securing a new account, with stable ids for JSON,
/// `--fail-on` and exemptions.
public enum ChecklistItemID: String, Sendable, Hashable, CaseIterable, Codable {
    /// 1. The root user has no access keys.
    case rootAccessKeys = "root-access-keys"
    /// 2. The root user has MFA.
    case rootMFA = "root-mfa"
    /// 3. People use IAM users of their own, not root.
    case individualUsers = "individual-users"
    /// 4. Permissions come through groups; an administrators group exists.
    case groups
    /// 5. A custom password policy passes the chosen baseline.
    case passwordPolicy = "password-policy"
    /// 6. Every IAM user with a console password has MFA.
    case userMFA = "user-mfa"
    /// 7. A multi-Region trail is logging, validated, into a bucket that is not public.
    case cloudTrail = "cloudtrail"
    /// 8. Billing reports (CUR or Data Exports) are delivered to S3.
    case billingReports = "billing-reports"

    /// The item's place in the list, from 1.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// The step as the checklist words it.
    public var title: String {
        switch self {
        case .rootAccessKeys: "Root user has no access keys"
        case .rootMFA: "Root user has MFA"
        case .individualUsers: "Individual IAM users instead of root"
        case .groups: "Groups assign permissions"
        case .passwordPolicy: "Password policy"
        case .userMFA: "MFA for every IAM user"
        case .cloudTrail: "CloudTrail in all Regions"
        case .billingReports: "Billing reports"
        }
    }

    /// How serious the item is when not done, for `--fail-on` (partly done is a warning).
    public var severity: Severity {
        switch self {
        case .rootAccessKeys, .rootMFA: .critical
        case .userMFA, .cloudTrail: .error
        case .individualUsers, .groups, .passwordPolicy, .billingReports: .warning
        }
    }

    /// The benchmark references.
    public var reference: String {
        switch self {
        case .rootAccessKeys: "CIS 1.4"
        case .rootMFA: "CIS 1.5, 1.6"
        case .individualUsers: "CIS 1.7"
        case .groups: "CIS 1.15"
        case .passwordPolicy: "CIS 1.8, 1.9"
        case .userMFA: "CIS 1.10"
        case .cloudTrail: "CIS 3.1, 3.2, 3.3"
        case .billingReports: "AWS new-account guidance"
        }
    }
}
