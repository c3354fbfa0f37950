/// The hash functions credkit uses, for digests and HMAC.
public enum HashAlgorithm: String, CaseIterable, Hashable, Sendable {
    case sha1
    case sha256
    case sha512

    /// Length of the digest in bytes.
    public var digestLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    /// Length of the compression function's block in bytes (the HMAC pad length).
    public var blockLength: Int {
        switch self {
        case .sha1, .sha256: 64
        case .sha512: 128
        }
    }

    /// The name used in `otpauth://` URIs and by oathtool: `SHA1`, `SHA256`, `SHA512`.
    public var uriName: String {
        switch self {
        case .sha1: "SHA1"
        case .sha256: "SHA256"
        case .sha512: "SHA512"
        }
    }

    /// Parses `sha1`, `SHA-256`, `sha512` and the like, case-insensitively.
    public init?(name: String) {
        let folded = String(name.lowercased().filter { $0 != "-" })
        self.init(rawValue: folded)
    }
}
