/// The error thrown by CredKitHTTP. Its reason names the peer and what went wrong, never a
/// header value or a URL's password.
public struct HTTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        /// The request cannot be sent as given: a URL that is not http(s), a header with a line
        /// break, an unusable proxy setting.
        case invalidRequest
        /// The server or proxy could not be reached, or the exchange failed (refused, timed out,
        /// TLS, malformed or oversized response).
        case transport
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
