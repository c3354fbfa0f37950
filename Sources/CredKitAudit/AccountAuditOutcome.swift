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
