/// Something that could not be scanned (an unreadable file, a broken symbolic link):
/// reported, never fatal.
public struct ScanWarning: Sendable, Hashable, CustomStringConvertible {
    /// The path concerned.
    public let path: String
    /// Why it was skipped.
    public let reason: String

    /// Creates a warning.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
