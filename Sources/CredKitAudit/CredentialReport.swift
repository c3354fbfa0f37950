import Foundation

/// A parsed IAM credential report.
public struct CredentialReport: Sendable {
    /// Where the report came from, for messages (a path, `standard input`, `GetCredentialReport`).
    public let source: String
    /// Every row, in report order.
    public var entries: [CredentialReportEntry]

    /// Creates a report from rows.
    public init(source: String, entries: [CredentialReportEntry]) {
        self.source = source
        self.entries = entries
    }

    /// The root user's row, if the report has one.
    public var root: CredentialReportEntry? { entries.first(where: \.isRoot) }

    /// The IAM users (every row but root).
    public var users: [CredentialReportEntry] { entries.filter { !$0.isRoot } }

    /// The 22 columns AWS documents, in AWS's order. They are read by name, so order does not matter.
    public static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]
}
