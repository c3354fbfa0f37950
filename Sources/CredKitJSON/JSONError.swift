/// The error thrown by CredKitJSON: where the document is wrong and why. The reason quotes at
/// most a key name, never a string value (values may be secrets).
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The text is not JSON (RFC 8259).
        case syntax
        /// An object names the same key twice.
        case duplicateKey
        /// A limit (size, nesting depth) was passed.
        case limitExceeded
    }

    /// The failure kind.
    public let code: Code
    /// The line (from 1) where the problem is.
    public let line: Int
    /// The column (from 1, in bytes) where the problem is.
    public let column: Int
    /// What is wrong, without the position.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, line: Int, column: Int, _ message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// "line L, column C: message".
    public var description: String { "line \(line), column \(column): \(message)" }

    /// The message for a file: "FILE:LINE:COLUMN: not valid JSON: ..." for syntax errors,
    /// "FILE:LINE:COLUMN: duplicate key ..." and the like otherwise.
    public func reason(in source: String) -> String {
        "\(source):\(line):\(column): \(code == .syntax ? "not valid JSON: " : "")\(message)"
    }
}
