import CredKitCrypto

/// A secret as a user supplies it: a bare Base32 seed, a whole `otpauth://` URI, a hex key
/// (oathtool's default format, given with `hex:` or asked for by the caller), or a
/// libpam-google-authenticator `~/.google_authenticator` file.
public enum OTPSecretText {
    /// RFC 4226 (R6) asks for shared secrets of at least 128 bits; shorter ones get a warning.
    public static let minimumSecretBits = 128

    /// How the key is written when it is not a URI.
    public enum KeyFormat: Sendable {
        /// Base32, unless the text starts with `hex:`.
        case base32
        /// Hexadecimal, as `oathtool` takes keys by default.
        case hex
    }

    /// What `parse` found.
    public struct Parsed: Sendable {
        /// The shared secret.
        public var secret: SecretBytes
        /// The URI, when one was given (its parameters become defaults).
        public var uri: OTPAuthURI?
        /// The `~/.google_authenticator` options, when the text was such a file.
        public var googleAuthenticator: GoogleAuthenticatorFile?
        /// Things the user should know: a short secret, options that are not honoured.
        public var warnings: [String] = []
    }

    /// Parses `text` (UTF-8 bytes, already trimmed). The bytes are not kept.
    /// - Throws: `OTPError` with code `.invalidSecret` or `.invalidURI`, naming what is wrong but never the secret.
    public static func parse<Bytes: Collection>(_ text: Bytes, keyFormat: KeyFormat = .base32) throws -> Parsed where Bytes.Element == UInt8 {
        var parsed: Parsed
        if OTPAuthURI.looksLikeURI(text) {
            let uri = try OTPAuthURI.parse(text)
            parsed = Parsed(secret: uri.secret, uri: uri)
        } else if GoogleAuthenticatorFile.looksLikeFile(text) {
            let file = try GoogleAuthenticatorFile.parse(text)
            parsed = Parsed(secret: file.secret, googleAuthenticator: file, warnings: file.unsupported)
        } else if let body = hexBody(text) {
            parsed = Parsed(secret: try decodeHex(body))
        } else if keyFormat == .hex {
            parsed = Parsed(secret: try decodeHex(text[...]))
        } else {
            do {
                parsed = Parsed(secret: try Base32.decodeSecret(text))
            } catch let error as CryptoError {
                throw OTPError(.invalidSecret, "the secret is neither Base32 nor an otpauth:// URI: \(error.reason) (for a hex key, as oathtool takes it, use --hex or the prefix hex:)")
            }
        }
        let bits = parsed.secret.count * 8
        if bits < minimumSecretBits {
            parsed.warnings.insert("the secret is only \(bits) bits; RFC 4226 asks for at least \(minimumSecretBits) (pyotp refuses under 112): replace it with one from 'credkit totp new' when you can", at: 0)
        }
        return parsed
    }

    /// The text after a `hex:` prefix (either case), or nil.
    private static func hexBody<Bytes: Collection>(_ text: Bytes) -> Bytes.SubSequence? where Bytes.Element == UInt8 {
        let prefix = Array("hex:".utf8)
        guard text.count >= prefix.count,
              zip(text.prefix(prefix.count), prefix).allSatisfy({ ($0 | 0x20) == $1 }) else { return nil }
        return text.dropFirst(prefix.count)
    }

    /// Decodes hex digits (either case) into secret storage; white space between them is skipped.
    static func decodeHex<Bytes: Collection>(_ text: Bytes) throws -> SecretBytes where Bytes.Element == UInt8 {
        var digits = 0
        for (index, char) in text.enumerated() {
            if char == 0x20 || (0x09...0x0d).contains(char) { continue }
            guard Hex.value(char) != nil else {
                throw OTPError(.invalidSecret, "invalid hex key: character \(index + 1) is not a hex digit 0-9, a-f")
            }
            digits += 1
        }
        guard digits > 0 else { throw OTPError(.invalidSecret, "invalid hex key: no hex digits") }
        guard digits % 2 == 0 else {
            throw OTPError(.invalidSecret, "invalid hex key: \(digits) hex digits is an odd number (a digit is missing or extra)")
        }
        return SecretBytes(count: digits / 2) { output in
            var written = 0
            var high: UInt8?
            for char in text {
                guard let value = Hex.value(char) else { continue }
                if let first = high {
                    output[written] = first << 4 | value
                    written += 1
                    high = nil
                } else {
                    high = value
                }
            }
            high = nil
            return written
        }
    }
}
