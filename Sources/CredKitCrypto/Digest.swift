internal import COpenSSL

/// One-shot message digests (SHA-1, SHA-256, SHA-512) through libcrypto.
public enum Digest {
    /// The digest of `data`.
    public static func hash(_ algorithm: HashAlgorithm, _ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.digestLength)
        out.withUnsafeMutableBufferPointer { output in
            let input = data.baseAddress ?? UnsafeRawPointer(output.baseAddress!)
            switch algorithm {
            case .sha1: _ = SHA1(input.assumingMemoryBound(to: UInt8.self), data.count, output.baseAddress)
            case .sha256: _ = SHA256(input.assumingMemoryBound(to: UInt8.self), data.count, output.baseAddress)
            case .sha512: _ = SHA512(input.assumingMemoryBound(to: UInt8.self), data.count, output.baseAddress)
            }
        }
        return out
    }

    /// The digest of a byte sequence.
    public static func hash<Bytes: Sequence>(_ algorithm: HashAlgorithm, _ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        let bytes = Array(data)
        return bytes.withUnsafeBytes { hash(algorithm, $0) }
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ algorithm: HashAlgorithm, _ text: String) -> [UInt8] {
        hash(algorithm, Array(text.utf8))
    }
}

/// An incremental digest for data that arrives in pieces (files, request bodies).
public final class DigestContext: @unchecked Sendable {
    /// The hash function.
    public let algorithm: HashAlgorithm
    private let context: OpaquePointer

    /// Starts a new digest.
    public init(_ algorithm: HashAlgorithm) {
        self.algorithm = algorithm
        // EVP_MD_CTX_new only fails when memory is exhausted, where Swift traps anyway.
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
        self.context = context
        let md: OpaquePointer? = switch algorithm {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
        EVP_DigestInit_ex(context, md, nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest.
    public func update(_ data: UnsafeRawBufferPointer) {
        guard let base = data.baseAddress, data.count > 0 else { return }
        EVP_DigestUpdate(context, base, data.count)
    }

    /// Adds a byte sequence to the digest.
    public func update<Bytes: Sequence>(_ data: Bytes) where Bytes.Element == UInt8 {
        let bytes = Array(data)
        bytes.withUnsafeBytes { update($0) }
    }

    /// Finishes and returns the digest; the context cannot be used afterwards.
    public func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.digestLength)
        var length: UInt32 = 0
        out.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        return out
    }
}
