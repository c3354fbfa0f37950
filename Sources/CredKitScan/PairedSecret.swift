/// A second credential reported together with a key ID: its secret access key, or the
/// session token of a temporary (`ASIA`) key.
public struct PairedSecret: Sendable, Hashable, CustomStringConvertible {
    /// The rule that matched it (`aws-secret-access-key`, `aws-session-token`).
    public let ruleID: String
    /// 1-based line in the file.
    public let line: Int
    /// 1-based column (in bytes) on that line.
    public let column: Int
    /// The value in full. Print it only when the user asked for secrets.
    public let secret: String
    /// The decoders that revealed it (`base64 > percent`); nil in plain text.
    public let decoding: String?

    /// Creates a paired value.
    public init(ruleID: String, line: Int, column: Int, secret: String, decoding: String? = nil) {
        self.ruleID = ruleID
        self.line = line
        self.column = column
        self.secret = secret
        self.decoding = decoding
    }

    /// The value masked for display.
    public var redacted: String { Redaction.redact(secret) }

    public var description: String { "\(ruleID) at line \(line), column \(column): \(redacted)" }
}
