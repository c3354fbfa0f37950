/// The error thrown by CredKitAudit for input it cannot use: a malformed credential report,
/// exemption file or policy. Its reason names the file, line and field, and quotes at most a
/// short redacted prefix of a bad value (a secret may sit in the wrong column).
public struct AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// A file or value given by the user is malformed.
        case invalidInput
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
