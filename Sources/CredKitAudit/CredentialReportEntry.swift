import CredKitAWS
import Foundation

/// One row of the IAM credential report: a user (or the root user) and their credentials.
public struct CredentialReportEntry: Sendable, Hashable {
    /// One of the two access-key slots of a row.
    public struct AccessKey: Sendable, Hashable {
        /// 1 or 2: `access_key_1_*` or `access_key_2_*`.
        public var slot: Int
        /// Whether the key is active.
        public var isActive: Bool
        /// When the key was created or last rotated (`N/A` when there is no key).
        public var lastRotated: ReportTime
        /// When the key was last used (`N/A` when never).
        public var lastUsed: ReportTime
        /// The region it was last used in.
        public var lastUsedRegion: String?
        /// The service it was last used with.
        public var lastUsedService: String?
        /// The key ID, when known from the live API or a credentials file (the report itself has none).
        public var accessKeyID: String?

        /// Whether the slot holds a key at all.
        public var exists: Bool { isActive || lastRotated.date != nil }
    }

    /// The signing certificate slots (`cert_1_*`, `cert_2_*`).
    public struct Certificate: Sendable, Hashable {
        /// Whether the certificate is active.
        public var isActive: Bool
        /// When it was last rotated.
        public var lastRotated: ReportTime
    }

    /// The report's name for the root user.
    public static let rootUserName = "<root_account>"

    /// The 1-based line of the row in the report, for messages.
    public var line: Int
    /// The user name (`<root_account>` for root).
    public var user: String
    /// The ARN.
    public var arn: String
    /// When the user was created.
    public var userCreationTime: ReportTime
    /// Whether the user has a console password; nil when `not_supported` (root).
    public var passwordEnabled: Bool?
    /// When the password was last used to sign in.
    public var passwordLastUsed: ReportTime
    /// When the password was last changed.
    public var passwordLastChanged: ReportTime
    /// When the password must next be changed.
    public var passwordNextRotation: ReportTime
    /// Whether an MFA device is active.
    public var mfaActive: Bool
    /// The two access-key slots.
    public var accessKeys: [AccessKey]
    /// The two certificate slots.
    public var certificates: [Certificate]

    /// Whether this is the root user's row.
    public var isRoot: Bool { user == Self.rootUserName }

    /// Whether the user can sign in to the console: root always can; users when a password is enabled.
    public var hasConsoleAccess: Bool { isRoot || passwordEnabled == true }

    /// The active access keys.
    public var activeKeys: [AccessKey] { accessKeys.filter(\.isActive) }
}
