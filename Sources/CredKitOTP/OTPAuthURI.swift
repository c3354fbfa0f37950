import CredKitCrypto

/// An `otpauth://` URI in Google Authenticator's Key Uri Format:
/// `otpauth://TYPE/LABEL?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30&counter=N`.
///
/// The label is `Issuer:account` or just `account`. When the label's issuer and the `issuer`
/// parameter differ (Microsoft's URIs do this), the URI is accepted, the parameter wins, and
/// `warnings` says so.
public struct OTPAuthURI: Sendable {
    /// `totp` or `hotp`.
    public enum Kind: String, Sendable, CaseIterable {
        case totp, hotp
    }

    /// The OTP type.
    public var kind: Kind
    /// The shared secret.
    public var secret: SecretBytes
    /// The account name from the label.
    public var account: String
    /// The issuer prefix of the label (`Issuer:` in `Issuer:account`), if any.
    public var labelIssuer: String?
    /// The `issuer` parameter, if any.
    public var issuerParameter: String?
    /// The hash function (`algorithm`, default SHA1).
    public var algorithm: HashAlgorithm
    /// The number of digits (`digits`, default 6).
    public var digits: Int
    /// The TOTP period in seconds (`period`, default 30).
    public var period: Int
    /// The HOTP counter (`counter`, required for `hotp`).
    public var counter: UInt64?
    /// Things a careful reader should know about a parsed URI (for example a label/parameter issuer mismatch).
    public private(set) var warnings: [String] = []

    /// The issuer that applies: the `issuer` parameter when present, else the label's prefix.
    public var issuer: String? { issuerParameter ?? labelIssuer }

    /// Creates a URI value for a new or known secret; the issuer goes into both label and parameter.
    public init(kind: Kind = .totp, secret: SecretBytes, account: String, issuer: String?,
                algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30, counter: UInt64? = nil) {
        self.kind = kind
        self.secret = secret
        self.account = account
        self.labelIssuer = issuer
        self.issuerParameter = issuer
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.counter = kind == .hotp ? (counter ?? 0) : counter
    }

    /// The URI as text. It contains the secret: show it only when the user asked for it.
    public func uriString() -> String {
        uriString(secretText: Base32.encode(secret))
    }

    /// The URI with the secret replaced by `REDACTED`, safe for logs.
    public func redactedURIString() -> String {
        uriString(secretText: "REDACTED")
    }

    private func uriString(secretText: String) -> String {
        var label = Self.percentEncode(account)
        if let labelIssuer, !labelIssuer.isEmpty {
            label = Self.percentEncode(labelIssuer) + ":" + label
        } else if account.contains(":") {
            // Without a literal separator, the escaped colon would split the account on reading.
            label = Self.percentEncode(issuerParameter ?? "") + ":" + label
        }
        var query = ["secret=\(secretText)"]
        if let issuer = issuerParameter ?? labelIssuer, !issuer.isEmpty {
            query.append("issuer=\(Self.percentEncode(issuer))")
        }
        if algorithm != .sha1 { query.append("algorithm=\(algorithm.uriName)") }
        if digits != 6 { query.append("digits=\(digits)") }
        if kind == .totp, period != 30 { query.append("period=\(period)") }
        if kind == .hotp { query.append("counter=\(counter ?? 0)") }
        return "otpauth://\(kind.rawValue)/\(label)?\(query.joined(separator: "&"))"
    }

    /// Builds the matching generator for a `totp` URI.
    public func totp(startTime: Int64 = 0) throws -> TOTP {
        try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period, startTime: startTime)
    }

    /// Builds the matching generator for an `hotp` (or any) URI.
    public func hotp() throws -> HOTP {
        try HOTP(secret: secret, algorithm: algorithm, digits: digits)
    }
}

// MARK: - Parsing

extension OTPAuthURI {
    /// Whether `text` starts with the `otpauth://` scheme (case-insensitive).
    public static func looksLikeURI<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        let scheme = Array("otpauth://".utf8)
        guard text.count >= scheme.count else { return false }
        return zip(text.prefix(scheme.count), scheme).allSatisfy { lowercase($0) == $1 }
    }

    /// Parses a URI given as UTF-8 bytes. The bytes are not kept: the caller can wipe them.
    /// - Throws: `OTPError.invalidURI` for a missing secret, bad Base32, unknown type,
    ///   out-of-range digits or period, an `encoder` (such as Steam's), or a malformed label or parameter.
    public static func parse<Bytes: Collection>(_ text: Bytes) throws -> OTPAuthURI where Bytes.Element == UInt8 {
        let bytes = Array(text)
        guard looksLikeURI(bytes) else {
            throw OTPError(.invalidURI, "not an otpauth:// URI (it must start with otpauth://)")
        }
        var rest = bytes[10...]
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
            throw OTPError(.invalidURI, "otpauth URI has no label: expected otpauth://totp/Issuer:account?secret=...")
        }
        let typeName = String(decoding: rest[rest.startIndex..<slash].map(lowercase), as: UTF8.self)
        guard let kind = Kind(rawValue: typeName) else {
            throw OTPError(.invalidURI, "unknown OTP type '\(typeName)': expected totp or hotp")
        }
        rest = rest[(slash + 1)...]
        let question = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        let rawLabel = rest[rest.startIndex..<question]
        let query = question < rest.endIndex ? rest[(question + 1)...] : rest[rest.endIndex...]

        // The separator is a literal ':' (escaped colons stay inside issuer or account);
        // a label with only an escaped separator ("Issuer%3Aaccount") is split after decoding.
        var labelIssuer: String?
        var account: String
        if let colon = rawLabel.firstIndex(of: UInt8(ascii: ":")) {
            labelIssuer = try decodeComponent(rawLabel[rawLabel.startIndex..<colon], plusIsSpace: false, what: "label issuer")
            account = try decodeComponent(rawLabel[(colon + 1)...], plusIsSpace: false, what: "label account")
        } else {
            account = try decodeComponent(rawLabel, plusIsSpace: false, what: "label")
            if let colon = account.firstIndex(of: ":") {
                labelIssuer = String(account[..<colon])
                account = String(account[account.index(after: colon)...])
            }
        }
        account = String(account.drop { $0 == " " })

        var secret: SecretBytes?
        var issuerParameter: String?
        var algorithm = HashAlgorithm.sha1
        var digits = 6
        var period = 30
        var counter: UInt64?
        var seen = Set<String>()
        var warnings: [String] = []

        for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let key = String(decoding: pair[pair.startIndex..<equals].map(lowercase), as: UTF8.self)
            let rawValue = equals < pair.endIndex ? pair[(equals + 1)...] : pair[pair.endIndex...]
            if seen.contains(key) {
                warnings.append("parameter '\(key)' appears more than once; the first one is used")
                continue
            }
            seen.insert(key)
            switch key {
            case "secret":
                var decoded = try percentDecode(rawValue, plusIsSpace: false, what: "secret")
                defer { wipe(&decoded) }
                do {
                    secret = try Base32.decodeSecret(decoded)
                } catch let error as CryptoError {
                    throw OTPError(.invalidURI, "secret parameter: \(error.reason)")
                }
            case "issuer":
                issuerParameter = try decodeComponent(rawValue, plusIsSpace: true, what: "issuer")
            case "algorithm":
                let name = try decodeComponent(rawValue, plusIsSpace: true, what: "algorithm")
                guard let parsed = HashAlgorithm(name: name) else {
                    throw OTPError(.invalidURI, "algorithm '\(name)' is not supported: use SHA1, SHA256 or SHA512")
                }
                algorithm = parsed
            case "digits":
                let text = try decodeComponent(rawValue, plusIsSpace: true, what: "digits")
                guard let value = Int(text), HOTP.digitRange.contains(value) else {
                    throw OTPError(.invalidURI, "digits '\(text)' is out of range: use 6 to 10")
                }
                digits = value
            case "period":
                let text = try decodeComponent(rawValue, plusIsSpace: true, what: "period")
                guard let value = Int(text), TOTP.periodRange.contains(value) else {
                    throw OTPError(.invalidURI, "period '\(text)' is out of range: use 1 to 86400 seconds")
                }
                period = value
            case "counter":
                let text = try decodeComponent(rawValue, plusIsSpace: true, what: "counter")
                guard let value = UInt64(text) else {
                    throw OTPError(.invalidURI, "counter '\(text)' is not a non-negative integer")
                }
                counter = value
            case "encoder":
                // Steam Guard (encoder=steam) turns the same HMAC into five characters of its own
                // alphabet: six-digit codes from such a URI would be silently wrong.
                let name = try decodeComponent(rawValue, plusIsSpace: true, what: "encoder")
                guard name.isEmpty else {
                    throw OTPError(.invalidURI, "encoder '\(name)' is not supported: credkit makes RFC 4226/6238 digit codes only, and codes for this URI would be wrong\(name.lowercased() == "steam" ? " (Steam Guard uses five characters from its own alphabet)" : "")")
                }
            default:
                continue // image=, color= and other vendor parameters are ignored, as apps do.
            }
        }

        guard let secret else {
            throw OTPError(.invalidURI, "otpauth URI has no secret parameter")
        }
        if kind == .hotp, counter == nil {
            throw OTPError(.invalidURI, "hotp URI needs a counter parameter")
        }
        if let labelIssuer, let issuerParameter, labelIssuer != issuerParameter {
            warnings.append("label issuer '\(labelIssuer)' differs from issuer parameter '\(issuerParameter)'; the issuer parameter is used")
        }
        var uri = OTPAuthURI(kind: kind, secret: secret, account: account, issuer: nil,
                             algorithm: algorithm, digits: digits, period: period, counter: counter)
        uri.labelIssuer = labelIssuer
        uri.issuerParameter = issuerParameter
        uri.warnings = warnings
        return uri
    }

    private static func decodeComponent(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool, what: String) throws -> String {
        let decoded = try percentDecode(bytes, plusIsSpace: plusIsSpace, what: what)
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw OTPError(.invalidURI, "\(what) is not valid UTF-8 after percent-decoding")
        }
        return text
    }

    private static func percentDecode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool, what: String) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = Hex.value(bytes[index + 1]), let low = Hex.value(bytes[index + 2]) else {
                    throw OTPError(.invalidURI, "\(what) has a malformed percent-escape at character \(index - bytes.startIndex + 1)")
                }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return out
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5a) ? byte + 32 : byte
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `:` and space are escaped).
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return out
    }
}
