import CredKitAWS

/// Which account of an organization a result belongs to: its ID, its name in Organizations and
/// its IAM alias once read.
public struct AuditAccount: Sendable, Hashable {
    /// The 12-digit account ID.
    public var id: String
    /// The name in Organizations (`ListAccounts`), empty when none was given.
    public var name: String
    /// The IAM account alias, nil when it has none or it could not be read.
    public var alias: String?

    /// Creates a label.
    public init(id: String, name: String = "", alias: String? = nil) {
        self.id = id
        self.name = name
        self.alias = alias
    }

    /// `111111111111 (alias)`, else `111111111111 (name)`, else the bare ID: for headings and annotations.
    public var title: String {
        if let alias, !alias.isEmpty { return "\(id) (\(alias))" }
        return name.isEmpty ? id : "\(id) (\(name))"
    }
}

/// What one account of an organization run gave: its audit, or why it could not be read.
public struct AccountAuditOutcome: Sendable {
    /// The account.
    public var account: AuditAccount
    /// The account's checks, nil when it could not be read.
    public var result: AuditResult?
    /// Why the account could not be read (role missing, access denied), nil when it was.
    public var failure: String?

    /// Creates an outcome.
    public init(account: AuditAccount, result: AuditResult? = nil, failure: String? = nil) {
        self.account = account
        self.result = result
        self.failure = failure
    }
}

/// The accounts of one organization run, in account-ID order, for the reporters.
public struct OrganizationAuditResult: Sendable {
    /// Every account asked for, read or not.
    public var accounts: [AccountAuditOutcome]
    /// The role assumed in each account (`OrganizationAccountAccessRole`).
    public var roleName: String

    /// Creates a result.
    public init(accounts: [AccountAuditOutcome], roleName: String) {
        self.accounts = accounts
        self.roleName = roleName
    }

    /// The accounts that could not be read.
    public var unreadable: [AccountAuditOutcome] { accounts.filter { $0.result == nil } }

    /// Whether any account read has a finding or checklist item at least `severity`.
    public func hasFindings(atLeast severity: Severity) -> Bool {
        accounts.contains { $0.result?.hasFindings(atLeast: severity) ?? false }
    }

    /// "3 accounts read, 1 unreadable".
    public var countLine: String {
        let read = accounts.count - unreadable.count
        return "\(read) account\(read == 1 ? "" : "s") read" + (unreadable.isEmpty ? "" : ", \(unreadable.count) unreadable")
    }
}
