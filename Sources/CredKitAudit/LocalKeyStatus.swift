import CredKitAWS
import Foundation

/// An access key from a local credentials file, matched against the account.
public struct LocalKeyStatus: Sendable, Hashable {
    /// Where the key stands.
    public enum State: String, Sendable, Hashable {
        /// Active and not due within the warning window.
        case ok
        /// Due within the warning window.
        case dueSoon = "due-soon"
        /// Older than the maximum age.
        case overdue
        /// Deactivated in IAM.
        case inactive
        /// AWS rejected it (deleted key, wrong secret, expired).
        case invalid
        /// Could not be matched (not in the report, or ambiguous).
        case unknown
    }

    /// The profile name in the file.
    public var profile: String
    /// The file the key came from.
    public var file: String
    /// The key ID (redact before showing).
    public var keyID: String
    /// The owning user, if known.
    public var user: String?
    /// The state.
    public var state: State
    /// The key's age in days, if known.
    public var ageDays: Int?
    /// When it must be rotated by, if known.
    public var due: Date?
    /// Details for people (why unknown or invalid).
    public var detail: String

    /// The severity this status implies for `--fail-on`, if any.
    public var severity: Severity? {
        switch state {
        case .overdue: .error
        case .dueSoon, .invalid: .warning
        case .ok, .inactive, .unknown: nil
        }
    }
}
