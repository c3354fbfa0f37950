import CredKitCrypto

/// A secret as a user supplies it: a bare Base32 seed or a whole `otpauth://` URI.
public enum OTPSecretText {
    /// Parses `text` (UTF-8 bytes, already trimmed). The bytes are not kept.
    /// - Returns: the secret, and the URI when one was given (its parameters become defaults).
    public static func parse<Bytes: Collection>(_ text: Bytes) throws -> (secret: SecretBytes, uri: OTPAuthURI?) where Bytes.Element == UInt8 {
        if OTPAuthURI.looksLikeURI(text) {
            let uri = try OTPAuthURI.parse(text)
            return (uri.secret, uri)
        }
        do {
            return (try Base32.decodeSecret(text), nil)
        } catch let error as CryptoError {
            throw OTPError(.invalidSecret, "the secret is neither Base32 nor an otpauth:// URI: \(error.reason)")
        }
    }
}
