import CredKitAWS
import Foundation

/// A credential an IAM user holds besides access keys and a console password: a service-specific
/// credential, an SSH public key for CodeCommit or an X.509 signing certificate. One shape for
/// the three, so one set of age and state checks serves them all.
public struct LongTermCredential: Sendable, Hashable {
    /// Which of the three it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A CodeCommit or Keyspaces password, or a long-term Bedrock or CloudWatch Logs API key.
        case serviceSpecific = "service-specific credential"
        /// An SSH public key for CodeCommit.
        case sshPublicKey = "SSH public key"
        /// An X.509 signing certificate.
        case signingCertificate = "signing certificate"
    }

    /// The service name of long-term Amazon Bedrock API keys.
    public static let bedrockService = "bedrock.amazonaws.com"

    /// Which kind.
    public var kind: Kind
    /// The credential, key or certificate ID (shown redacted unless `--show-secrets`).
    public var id: String
    /// The owner.
    public var userName: String
    /// The service a service-specific credential works with; nil for the other kinds.
    public var service: String?
    /// Active, inactive or expired.
    public var status: IAMCredentialStatus
    /// When it was created or uploaded.
    public var created: Date?
    /// When it expires (API keys created with an expiration period only).
    public var expires: Date?

    /// Creates a value.
    public init(kind: Kind, id: String, userName: String, service: String? = nil, status: IAMCredentialStatus,
                created: Date?, expires: Date? = nil) {
        self.kind = kind
        self.id = id
        self.userName = userName
        self.service = service
        self.status = status
        self.created = created
        self.expires = expires
    }

    /// From `ListServiceSpecificCredentials`.
    public init(_ credential: IAMServiceSpecificCredential) {
        self.init(kind: .serviceSpecific, id: credential.credentialID, userName: credential.userName, service: credential.serviceName,
                  status: credential.status, created: credential.createDate, expires: credential.expirationDate)
    }

    /// From `ListSSHPublicKeys`.
    public init(_ key: IAMSSHPublicKey) {
        self.init(kind: .sshPublicKey, id: key.keyID, userName: key.userName, status: key.status, created: key.uploadDate)
    }

    /// From `ListSigningCertificates`.
    public init(_ certificate: IAMSigningCertificate) {
        self.init(kind: .signingCertificate, id: certificate.certificateID, userName: certificate.userName,
                  status: certificate.status, created: certificate.uploadDate)
    }

    /// Whether this is a long-term Amazon Bedrock API key.
    public var isBedrockAPIKey: Bool { kind == .serviceSpecific && service == Self.bedrockService }

    /// The status as of `now`: an active credential past its expiration date counts as expired.
    public func status(at now: Date) -> IAMCredentialStatus {
        if status == .active, let expires, expires <= now { return .expired }
        return status
    }

    /// "bedrock.amazonaws.com credential", "SSH public key", "signing certificate": how messages name it.
    public var label: String {
        if let service, kind == .serviceSpecific { return "\(service) credential" }
        return kind.rawValue
    }
}
