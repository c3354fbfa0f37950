import CredKitCrypto
import Foundation

/// An access key pair, optionally with a session token, and where it was found.
///
/// The secret access key and the session token live in wiped `SecretBytes`; `description`
/// shows only the redacted key ID and the source.
public struct AWSCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key ID (`AKIA...` for long-term keys, `ASIA...` for temporary ones).
    public let accessKeyID: String
    /// The secret access key.
    public let secretAccessKey: SecretBytes
    /// The session token of temporary credentials.
    public let sessionToken: SecretBytes?
    /// Where the credentials came from, for messages: `environment`, `profile "ci" in ~/.aws/credentials`.
    public let source: String
    /// When temporary credentials stop working (assumed roles, SSO, containers, instances); nil when unknown or never.
    public let expiration: Date?

    /// Creates credentials from a key ID and secret bytes.
    public init(accessKeyID: String, secretAccessKey: SecretBytes, sessionToken: SecretBytes? = nil, source: String,
                expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
        self.expiration = expiration
    }

    /// Creates credentials from strings (configuration files, environment). The strings are
    /// copied into secret storage; callers holding them should drop them promptly.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String, expiration: Date? = nil) {
        self.init(
            accessKeyID: accessKeyID,
            secretAccessKey: SecretBytes(copying: Array(secretAccessKey.utf8)),
            sessionToken: sessionToken.map { SecretBytes(copying: Array($0.utf8)) },
            source: source, expiration: expiration)
    }

    /// The same keys with another source label.
    public func relabelled(_ source: String) -> AWSCredentials {
        AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
                       source: source, expiration: expiration)
    }

    /// Whether these are temporary credentials (a session token is present).
    public var isTemporary: Bool { sessionToken != nil }

    public var description: String {
        "AWSCredentials(\(AccessKeyID.redact(accessKeyID)), secret redacted\(isTemporary ? ", session token redacted" : ""), from \(source))"
    }

    public var debugDescription: String { description }
}
