import Foundation

/// An IAM user as `ListUsers` returns it.
public struct IAMUser: Sendable, Hashable, Codable {
    /// The user name.
    public var userName: String
    /// The stable user ID (`AIDA...`).
    public var userID: String
    /// The user's ARN.
    public var arn: String
    /// When the user was created.
    public var createDate: Date?
    /// When the console password was last used, if ever.
    public var passwordLastUsed: Date?

    /// Creates a user value.
    public init(userName: String, userID: String, arn: String, createDate: Date?, passwordLastUsed: Date?) {
        self.userName = userName
        self.userID = userID
        self.arn = arn
        self.createDate = createDate
        self.passwordLastUsed = passwordLastUsed
    }
}

/// An access key's metadata as `ListAccessKeys` returns it (never the secret).
public struct IAMAccessKey: Sendable, Hashable, Codable {
    /// The owner.
    public var userName: String
    /// The access key ID.
    public var accessKeyID: String
    /// Whether the key is `Active` (true) or `Inactive`.
    public var isActive: Bool
    /// When the key was created.
    public var createDate: Date?

    /// Creates a key value.
    public init(userName: String, accessKeyID: String, isActive: Bool, createDate: Date?) {
        self.userName = userName
        self.accessKeyID = accessKeyID
        self.isActive = isActive
        self.createDate = createDate
    }
}

/// What `GetAccessKeyLastUsed` says.
public struct AccessKeyLastUsed: Sendable, Hashable, Codable {
    /// The owner.
    public var userName: String
    /// When the key was last used; nil when never (AWS answers `N/A`).
    public var lastUsedDate: Date?
    /// The service it was last used with.
    public var serviceName: String?
    /// The region it was last used in.
    public var region: String?
}

/// An MFA device (`ListMFADevices`, `ListVirtualMFADevices`).
public struct MFADevice: Sendable, Hashable, Codable {
    /// The user the device is assigned to, when assigned.
    public var userName: String?
    /// The device ARN or hardware serial number.
    public var serialNumber: String
    /// When the device was enabled, when assigned.
    public var enableDate: Date?
}

/// A managed policy attached directly to a user.
public struct AttachedPolicy: Sendable, Hashable, Codable {
    /// The policy name.
    public var name: String
    /// The policy ARN.
    public var arn: String
}

/// The caller behind a set of credentials (`sts:GetCallerIdentity`).
public struct CallerIdentity: Sendable, Hashable, Codable {
    /// The 12-digit account ID.
    public var account: String
    /// The caller's ARN (`arn:aws:iam::123456789012:user/alice`).
    public var arn: String
    /// The unique ID of the user or role session.
    public var userID: String

    /// The IAM user name when the ARN is a user's, else nil.
    public var userName: String? {
        guard let range = arn.range(of: ":user/") else { return nil }
        return arn[range.upperBound...].split(separator: "/").last.map(String.init)
    }

    /// Whether the caller is the account's root user.
    public var isRoot: Bool { arn.hasSuffix(":root") }
}
