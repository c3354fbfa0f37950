/// The error thrown by CredKitCrypto. Its description never contains secret bytes.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        case randomFailure
        case invalidBase32
        case libcrypto
        case fileExists
        case fileWrite
        /// A TLS connection could not be set up or failed: untrusted or mismatched certificate, protocol error.
        case tls
    }

    /// The failure kind.
    public let code: Code
    /// A human explanation, safe to print.
    public let reason: String

    /// Creates an error with a code and a printable reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
