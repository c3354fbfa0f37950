import Foundation

/// The `Status` IAM gives service-specific credentials, SSH public keys and signing certificates
/// (botocore's `statusType`).
public enum IAMCredentialStatus: String, Sendable, Hashable, Codable {
    /// Usable.
    case active = "Active"
    /// Switched off, still present.
    case inactive = "Inactive"
    /// Past its expiration date (Bedrock and CloudWatch Logs API keys), still present.
    case expired = "Expired"

    /// Reads IAM's text; a status this version does not know counts as active, so its
    /// credential is still checked rather than silently passed over.
    public init(iamText: String?) {
        self = iamText.flatMap(Self.init(rawValue:)) ?? .active
    }
}

/// A service-specific credential's metadata as `ListServiceSpecificCredentials` returns it:
/// a CodeCommit or Keyspaces password, or a long-term Bedrock or CloudWatch Logs API key.
/// The password or key itself is never listed.
public struct IAMServiceSpecificCredential: Sendable, Hashable, Codable {
    /// The owner.
    public var userName: String
    /// The credential ID (`ACCA...`).
    public var credentialID: String
    /// The service it works with (`codecommit.amazonaws.com`, `bedrock.amazonaws.com`, ...).
    public var serviceName: String
    /// The generated user name for the service, when there is one (CodeCommit, Keyspaces).
    public var serviceUserName: String?
    /// The public part of an API key (Bedrock, CloudWatch Logs), when there is one.
    public var serviceCredentialAlias: String?
    /// Active, inactive or expired.
    public var status: IAMCredentialStatus
    /// When it was created.
    public var createDate: Date?
    /// When it expires; only API keys created with an expiration period have one.
    public var expirationDate: Date?

    /// Creates a credential value.
    public init(userName: String, credentialID: String, serviceName: String, serviceUserName: String? = nil,
                serviceCredentialAlias: String? = nil, status: IAMCredentialStatus, createDate: Date?, expirationDate: Date? = nil) {
        self.userName = userName
        self.credentialID = credentialID
        self.serviceName = serviceName
        self.serviceUserName = serviceUserName
        self.serviceCredentialAlias = serviceCredentialAlias
        self.status = status
        self.createDate = createDate
        self.expirationDate = expirationDate
    }
}

/// An SSH public key for CodeCommit as `ListSSHPublicKeys` returns it (no body, no fingerprint).
public struct IAMSSHPublicKey: Sendable, Hashable, Codable {
    /// The owner.
    public var userName: String
    /// The key ID (`APKA...`), which is also the SSH user name for CodeCommit.
    public var keyID: String
    /// Active or inactive.
    public var status: IAMCredentialStatus
    /// When it was uploaded.
    public var uploadDate: Date?

    /// Creates a key value.
    public init(userName: String, keyID: String, status: IAMCredentialStatus, uploadDate: Date?) {
        self.userName = userName
        self.keyID = keyID
        self.status = status
        self.uploadDate = uploadDate
    }
}

/// An X.509 signing certificate's metadata as `ListSigningCertificates` returns it (the body is
/// not kept: it is public and only its age and state matter here).
public struct IAMSigningCertificate: Sendable, Hashable, Codable {
    /// The owner.
    public var userName: String
    /// The certificate ID.
    public var certificateID: String
    /// Active or inactive.
    public var status: IAMCredentialStatus
    /// When it was uploaded.
    public var uploadDate: Date?

    /// Creates a certificate value.
    public init(userName: String, certificateID: String, status: IAMCredentialStatus, uploadDate: Date?) {
        self.userName = userName
        self.certificateID = certificateID
        self.status = status
        self.uploadDate = uploadDate
    }
}
