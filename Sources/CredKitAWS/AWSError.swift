/// The error thrown by CredKitAWS. Its description never contains secret access keys,
/// session tokens or unredacted access key IDs.
public struct AWSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        /// A file or value given by the user is malformed (report, credentials file, policy, exemptions).
        case invalidInput
        /// No usable credentials were found, or they are incomplete.
        case credentialsNotFound
        /// AWS says the signature is wrong: the secret access key does not belong to the key ID.
        case signatureDoesNotMatch
        /// AWS does not know the access key ID.
        case invalidClientTokenId
        /// The session token or temporary credentials have expired.
        case expiredToken
        /// The caller is not allowed to perform the action.
        case accessDenied
        /// The requested entity does not exist (`NoSuchEntity`).
        case noSuchEntity
        /// An entity of that name already exists (`EntityAlreadyExists`).
        case entityAlreadyExists
        /// AWS did not accept the MFA codes (`InvalidAuthenticationCode`).
        case invalidAuthenticationCode
        /// Too many requests, still so after retrying.
        case throttled
        /// A rate or count limit (`LimitExceeded`).
        case limitExceeded
        /// A credential report is being generated and is not ready yet.
        case reportInProgress
        /// Another error answered by the service.
        case serviceError
        /// The service could not be reached, or answered something that is not the expected XML.
        case transport
    }

    /// The failure kind.
    public let code: Code
    /// A human explanation, safe to print.
    public let reason: String
    /// The error code AWS returned (`SignatureDoesNotMatch`, `Throttling`, ...), if any.
    public let serviceCode: String?
    /// The HTTP status of the failed response, if any.
    public let httpStatus: Int?

    /// Creates an error with a code and a printable reason.
    public init(_ code: Code, _ reason: String, serviceCode: String? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.reason = reason
        self.serviceCode = serviceCode
        self.httpStatus = httpStatus
    }

    public var description: String { reason }

    /// Whether the failure means the credentials themselves cannot be used
    /// (wrong secret, unknown key, expired session).
    public var isCredentialFailure: Bool {
        switch code {
        case .signatureDoesNotMatch, .invalidClientTokenId, .expiredToken, .credentialsNotFound: true
        default: false
        }
    }
}
