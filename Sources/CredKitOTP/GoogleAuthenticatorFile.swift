import CredKitCrypto

/// A libpam-google-authenticator `~/.google_authenticator` file: the Base32 seed on the first
/// line, then option lines starting with `"` and eight-digit emergency scratch codes.
///
/// `STEP_SIZE`, `TOTP_AUTH` and `HOTP_COUNTER` are honoured (period, type, counter); the PAM
/// module's own policies are not, and `unsupported` says which of them the file sets.
public struct GoogleAuthenticatorFile: Sendable {
    /// The seed from the first line.
    public var secret: SecretBytes
    /// `totp`, or `hotp` when the file has `HOTP_COUNTER`.
    public var kind: OTPAuthURI.Kind
    /// `HOTP_COUNTER`: the next counter value, for HOTP files.
    public var counter: UInt64?
    /// `STEP_SIZE` in seconds, when set.
    public var period: Int?
    /// One sentence for each option or line that credkit does not honour.
    public private(set) var unsupported: [String] = []

    /// Whether `text` looks like such a file: more than one line, and an option line (`" ...`) after the first.
    public static func looksLikeFile<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        lines(text).dropFirst().contains { $0.first == UInt8(ascii: "\"") }
    }

    /// Parses the file. The bytes are not kept.
    /// - Throws: `OTPError` with code `.invalidSecret` for a bad seed line or a line that is
    ///   neither an option nor a scratch code.
    public static func parse<Bytes: Collection>(_ text: Bytes) throws -> GoogleAuthenticatorFile where Bytes.Element == UInt8 {
        let all = lines(text)
        guard let seedLine = all.first else { throw OTPError(.invalidSecret, "the google_authenticator file is empty") }
        let secret: SecretBytes
        do {
            secret = try Base32.decodeSecret(seedLine)
        } catch let error as CryptoError {
            throw OTPError(.invalidSecret, "the first line of the google_authenticator file is not a Base32 seed: \(error.reason)")
        }
        var file = GoogleAuthenticatorFile(secret: secret, kind: .totp)
        var scratchCodes = 0
        var saidTOTP = false
        for (number, line) in all.enumerated().dropFirst() {
            let words = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
            guard line.first == UInt8(ascii: "\"") else {
                if words.count == 1, words[0].utf8.count == 8, words[0].utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                    scratchCodes += 1
                    continue
                }
                throw OTPError(.invalidSecret, "line \(number + 1) of the google_authenticator file is neither an option (\" NAME) nor a scratch code")
            }
            let option = words.first == "\"" ? Array(words.dropFirst()) : [String(words.first?.dropFirst() ?? "")] + words.dropFirst()
            guard let name = option.first, !name.isEmpty else { continue }
            let value = option.dropFirst().first
            switch name {
            case "TOTP_AUTH":
                saidTOTP = true
            case "HOTP_COUNTER":
                guard let value, let counter = UInt64(value) else {
                    throw OTPError(.invalidSecret, "line \(number + 1): HOTP_COUNTER needs a non-negative integer")
                }
                file.kind = .hotp
                file.counter = counter
            case "STEP_SIZE":
                guard let value, let period = Int(value), TOTP.periodRange.contains(period) else {
                    throw OTPError(.invalidSecret, "line \(number + 1): STEP_SIZE must be 1 to 86400 seconds")
                }
                file.period = period
            case "WINDOW_SIZE":
                file.unsupported.append("the google_authenticator option WINDOW_SIZE is not honoured: give --window to 'credkit totp verify'")
            case "DISALLOW_REUSE":
                file.unsupported.append("the google_authenticator option DISALLOW_REUSE is not honoured: give --state FILE to 'credkit totp verify'")
            case "RATE_LIMIT":
                file.unsupported.append("the google_authenticator option RATE_LIMIT is not honoured: credkit does not limit attempts")
            default:
                file.unsupported.append("the google_authenticator option \(name) is not known to credkit and is ignored")
            }
        }
        if saidTOTP && file.counter != nil {
            // Which codes the app makes would be a guess: refuse rather than pick one.
            throw OTPError(.invalidSecret, "the google_authenticator file sets both TOTP_AUTH and HOTP_COUNTER; keep the one the app uses")
        }
        if scratchCodes > 0 {
            file.unsupported.append("the \(scratchCodes) emergency scratch code\(scratchCodes == 1 ? "" : "s") of the google_authenticator file \(scratchCodes == 1 ? "is" : "are") not honoured: credkit checks only time- or counter-based codes")
        }
        return file
    }

    /// The non-empty lines, without their line ends.
    private static func lines<Bytes: Collection>(_ text: Bytes) -> [Bytes.SubSequence] where Bytes.Element == UInt8 {
        text.split(whereSeparator: { $0 == 0x0a || $0 == 0x0d })
    }
}
