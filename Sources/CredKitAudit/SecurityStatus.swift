import CredKitPolicy

/// The five items of the IAM console's security-status panel, as the AWS account-security
/// guides list them, each complete, incomplete or unknown (not enough data), with the fix.
public struct SecurityStatus: Sendable, Hashable {
    /// The state of one item.
    public enum State: String, Sendable, Hashable {
        /// Done.
        case complete
        /// Not done.
        case incomplete
        /// The data given cannot tell (for example groups without `--live`).
        case unknown
    }

    /// One panel item.
    public struct Item: Sendable, Hashable {
        /// A stable id: `root-access-keys`, `root-mfa`, `individual-users`, `groups`, `password-policy`.
        public var id: String
        /// The item as the console words it.
        public var title: String
        /// Its state.
        public var state: State
        /// What was seen.
        public var detail: String
        /// How to complete it.
        public var fix: String
    }

    /// The five items in the console's order.
    public var items: [Item]

    /// How many items are complete.
    public var completeCount: Int { items.filter { $0.state == .complete }.count }

    /// What the panel is computed from; nil fields are unknown.
    public struct Inputs: Sendable {
        /// The credential report, if any.
        public var report: CredentialReport?
        /// `GetAccountSummary`, if fetched.
        public var accountSummary: [String: Int]?
        /// The password policy, if known (from a file or the API).
        public var passwordPolicy: PasswordPolicy?
        /// Group membership by user, if fetched (live).
        public var groupsByUser: [String: [String]]?
        /// Users with directly attached or inline policies, if fetched (live).
        public var usersWithDirectPolicies: [String]?
        /// The baseline item 5 judges the password policy against (CIS by default).
        public var passwordBaseline: Baseline = .cis

        /// Creates inputs.
        public init(report: CredentialReport? = nil, accountSummary: [String: Int]? = nil, passwordPolicy: PasswordPolicy? = nil,
                    groupsByUser: [String: [String]]? = nil, usersWithDirectPolicies: [String]? = nil) {
            self.report = report
            self.accountSummary = accountSummary
            self.passwordPolicy = passwordPolicy
            self.groupsByUser = groupsByUser
            self.usersWithDirectPolicies = usersWithDirectPolicies
        }
    }

    /// Evaluates the five items.
    public static func evaluate(_ inputs: Inputs) -> SecurityStatus {
        var items: [Item] = []
        let root = inputs.report?.root

        // 1. Delete your root access keys.
        let rootKeysFix = "sign in as root, open Security credentials, and delete the access keys"
        if let root {
            let keys = root.accessKeys.filter(\.exists)
            let active = keys.filter(\.isActive).count
            let kinds = [active > 0 ? "\(active) active" : nil, keys.count > active ? "\(keys.count - active) inactive" : nil].compactMap { $0 }
            items.append(Item(id: "root-access-keys", title: "Delete your root access keys", state: keys.isEmpty ? .complete : .incomplete,
                              detail: keys.isEmpty ? "the root user has no access keys"
                                  : "the root user has \(keys.count) access key\(keys.count == 1 ? "" : "s") (\(kinds.joined(separator: ", ")))",
                              fix: rootKeysFix))
        } else if let present = inputs.accountSummary?["AccountAccessKeysPresent"] {
            items.append(Item(id: "root-access-keys", title: "Delete your root access keys", state: present == 0 ? .complete : .incomplete,
                              detail: "AccountAccessKeysPresent = \(present)", fix: rootKeysFix))
        } else {
            items.append(Item(id: "root-access-keys", title: "Delete your root access keys", state: .unknown,
                              detail: "the report has no <root_account> row", fix: rootKeysFix))
        }

        // 2. Activate MFA on your root account.
        let mfaFix = "sign in as root, open Security credentials, and assign an MFA device"
        if let root {
            items.append(Item(id: "root-mfa", title: "Activate MFA on your root account", state: root.mfaActive ? .complete : .incomplete,
                              detail: root.mfaActive ? "root MFA is active" : "root has no MFA", fix: mfaFix))
        } else if let enabled = inputs.accountSummary?["AccountMFAEnabled"] {
            items.append(Item(id: "root-mfa", title: "Activate MFA on your root account", state: enabled == 1 ? .complete : .incomplete,
                              detail: "AccountMFAEnabled = \(enabled)", fix: mfaFix))
        } else {
            items.append(Item(id: "root-mfa", title: "Activate MFA on your root account", state: .unknown,
                              detail: "the report has no <root_account> row", fix: mfaFix))
        }

        // 3. Create individual IAM users.
        let usersFix = "create an IAM user (or use IAM Identity Center) for each person instead of sharing root"
        if let count = inputs.report.map({ $0.users.count }) ?? inputs.accountSummary?["Users"] {
            items.append(Item(id: "individual-users", title: "Create individual IAM users", state: count > 0 ? .complete : .incomplete,
                              detail: "\(count) IAM user\(count == 1 ? "" : "s")", fix: usersFix))
        } else {
            items.append(Item(id: "individual-users", title: "Create individual IAM users", state: .unknown, detail: "no user data", fix: usersFix))
        }

        // 4. Use groups to assign permissions.
        let groupsFix = "create groups for job functions, attach policies to the groups, and add users to them"
        if let groups = inputs.groupsByUser, let direct = inputs.usersWithDirectPolicies {
            let withoutGroup = groups.filter { $0.value.isEmpty }.map(\.key).sorted()
            let complete = direct.isEmpty && !groups.isEmpty && withoutGroup.count < groups.count
            var detail: [String] = []
            if !direct.isEmpty { detail.append("\(direct.count) user\(direct.count == 1 ? " has" : "s have") policies attached directly") }
            if !withoutGroup.isEmpty { detail.append("\(withoutGroup.count) user\(withoutGroup.count == 1 ? " is" : "s are") in no group") }
            items.append(Item(id: "groups", title: "Use groups to assign permissions", state: complete ? .complete : .incomplete,
                              detail: detail.isEmpty ? "permissions come from groups" : detail.joined(separator: "; "), fix: groupsFix))
        } else {
            items.append(Item(id: "groups", title: "Use groups to assign permissions", state: .unknown,
                              detail: "needs --live (group membership is not in the credential report)", fix: groupsFix))
        }

        // 5. Apply an IAM password policy: a custom policy that passes the chosen baseline,
        // judged by CredKitPolicy's evaluation so the two cannot drift.
        let baseline = inputs.passwordBaseline
        let policyFix = "set a password policy that passes \(baseline.title): credkit policy suggest --baseline \(baseline.rawValue)"
        if let policy = inputs.passwordPolicy {
            let failed = policy.evaluate(against: [baseline]).results.filter { $0.status == .fail }
            var notes: [String] = []
            if policy.isAWSDefault { notes.append("no password policy is set (AWS's default applies)") }
            notes += failed.map { "\($0.rule.reference) asks \($0.expected), the policy has \($0.actual)" }
            let complete = !policy.isAWSDefault && failed.isEmpty
            items.append(Item(id: "password-policy", title: "Apply an IAM password policy", state: complete ? .complete : .incomplete,
                              detail: complete ? "custom policy passes \(baseline.title)" : notes.joined(separator: "; "),
                              fix: policyFix))
        } else {
            items.append(Item(id: "password-policy", title: "Apply an IAM password policy", state: .unknown,
                              detail: "needs --password-policy FILE or --live", fix: policyFix))
        }
        return SecurityStatus(items: items)
    }
}
