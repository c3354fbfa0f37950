/// The error thrown by CredKitPolicy. Its description names the file, line or field at fault
/// and never contains a password.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        /// A password policy document is malformed or a field is out of range.
        case invalidPolicy
        /// A breach list line is malformed or the list is out of order.
        case invalidBreachList
        /// A file could not be opened or mapped.
        case unreadableFile
        /// A password cannot be evaluated (for example, it contains a NUL byte).
        case invalidPassword
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
