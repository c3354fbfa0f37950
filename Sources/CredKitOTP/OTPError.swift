/// The error thrown by CredKitOTP. Its description never contains secret bytes.
public struct OTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        case invalidParameter
        case invalidSecret
        case invalidURI
        case invalidTime
        case stateFile
    }

    /// The failure kind.
    public let code: Code
    /// A human explanation, safe to print.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
