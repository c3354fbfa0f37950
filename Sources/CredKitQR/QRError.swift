/// The error thrown by CredKitQR. Its description never contains the encoded text,
/// which is usually an `otpauth://` URI with a secret in it.
public struct QRError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable {
        /// There was nothing to encode.
        case emptyInput
        /// The input does not fit in the largest QR code (version 40) at the chosen error-correction level.
        case inputTooLong
        /// A renderer or encoder option is out of range (negative margin, scale below 1, version above 40, ...).
        case invalidOption
        /// libqrencode failed for another reason (for example, out of memory).
        case qrencode
        /// libpng could not encode the image.
        case libpng
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

    /// The reason, safe to print.
    public var description: String { reason }
}
