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
