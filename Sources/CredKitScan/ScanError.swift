/// The error thrown by CredKitScan. Its description names files, lines and commands,
/// never the bytes of a secret.
public struct ScanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        /// A path could not be read (missing, not a file or directory).
        case unreadable
        /// A configuration file is malformed or names unknown settings.
        case invalidConfiguration
        /// A baseline file is malformed.
        case invalidBaseline
        /// A git command failed or the directory is not inside a work tree.
        case git
        /// Arguments that cannot work together.
        case invalidRequest
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
