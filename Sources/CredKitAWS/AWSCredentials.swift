import CredKitCrypto

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

    /// Creates credentials from a key ID and secret bytes.
    public init(accessKeyID: String, secretAccessKey: SecretBytes, sessionToken: SecretBytes? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
    }

    /// Creates credentials from strings (configuration files, environment). The strings are
    /// copied into secret storage; callers holding them should drop them promptly.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String) {
        self.init(
            accessKeyID: accessKeyID,
            secretAccessKey: SecretBytes(copying: Array(secretAccessKey.utf8)),
            sessionToken: sessionToken.map { SecretBytes(copying: Array($0.utf8)) },
            source: source)
    }

    /// Whether these are temporary credentials (a session token is present).
    public var isTemporary: Bool { sessionToken != nil }

    public var description: String {
        "AWSCredentials(\(AccessKeyID.redact(accessKeyID)), secret redacted\(isTemporary ? ", session token redacted" : ""), from \(source))"
    }

    public var debugDescription: String { description }
}
