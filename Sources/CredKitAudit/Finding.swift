import CredKitAWS
import Foundation

/// One problem found with one user's credentials.
public struct Finding: Sendable, Hashable {
    /// Which check found it.
    public var check: CheckID
    /// How serious it is.
    public var severity: Severity
    /// The user name (`<root_account>` for root).
    public var user: String
    /// The access key ID, when known (live mode or a matched credentials file). Redact before showing.
    public var keyID: String?
    /// The report's key slot (1 or 2), when the finding is about a key.
    public var keySlot: Int?
    /// The age in days of what the check measured (key age, days unused, days since root use).
    public var ageDays: Int?
    /// When the key must be rotated by, for rotation findings.
    public var due: Date?
    /// A sentence for people.
    public var message: String
    /// The report line of the user's row, when from a report.
    public var line: Int?

    /// The CIS / Security Hub reference of the check.
    public var reference: String { check.reference }

    /// Creates a finding with the check's default severity.
    public init(check: CheckID, user: String, keyID: String? = nil, keySlot: Int? = nil, ageDays: Int? = nil,
                due: Date? = nil, message: String, line: Int? = nil) {
        self.check = check
        self.severity = check.severity
        self.user = user
        self.keyID = keyID
        self.keySlot = keySlot
        self.ageDays = ageDays
        self.due = due
        self.message = message
        self.line = line
    }

    /// How to name the key in messages: the redacted (or full) key ID, else the report slot.
    public func keyLabel(showSecrets: Bool) -> String? {
        if let keyID { return showSecrets ? keyID : AccessKeyID.redact(keyID) }
        return keySlot.map { "access_key_\($0)" }
    }
}
