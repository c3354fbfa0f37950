internal import COpenSSL

/// HMAC (RFC 2104) over SHA-1, SHA-256 or SHA-512.
public enum HMAC {
    /// The MAC of `message` under `key`, computed in one shot.
    public static func authenticate(_ algorithm: HashAlgorithm, key: SecretBytes, message: UnsafeRawBufferPointer) -> [UInt8] {
        HMACKey(algorithm, key: key).authenticate(message)
    }

    /// The MAC of a byte sequence under a non-secret or already-exposed key
    /// (for example a SigV4 signing key derived in memory).
    public static func authenticate<Key: Collection, Message: Collection>(
        _ algorithm: HashAlgorithm, key: Key, message: Message
    ) -> [UInt8] where Key.Element == UInt8, Message.Element == UInt8 {
        let keyed = HMACKey(algorithm, key: SecretBytes(copying: key))
        return Array(message).withUnsafeBytes { keyed.authenticate($0) }
    }
}

/// A keyed HMAC context: the key schedule (inner and outer pad states) is computed once,
/// so each further MAC under the same key costs two compression-function calls and no allocation.
///
/// The pad states are derived from the key and are wiped when the context is released.
public final class HMACKey: @unchecked Sendable {
    /// The hash function.
    public let algorithm: HashAlgorithm
    /// The MAC length in bytes.
    public var macLength: Int { algorithm.digestLength }

    // inner pad state followed by outer pad state, each one low-level SHA*_CTX.
    private let states: UnsafeMutableRawPointer
    private let stateSize: Int

    /// Precomputes the pad states for `key`.
    public init(_ algorithm: HashAlgorithm, key: SecretBytes) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha1: stateSize = MemoryLayout<SHA_CTX>.stride
        case .sha256: stateSize = MemoryLayout<SHA256_CTX>.stride
        case .sha512: stateSize = MemoryLayout<SHA512_CTX>.stride
        }
        states = UnsafeMutableRawPointer.allocate(byteCount: 2 * stateSize, alignment: 16)

        let block = algorithm.blockLength
        var pad = [UInt8](repeating: 0, count: block)
        key.withUnsafeBytes { keyBytes in
            if keyBytes.count > block {
                var hashed = Digest.hash(algorithm, keyBytes)
                pad.replaceSubrange(0..<hashed.count, with: hashed)
                wipe(&hashed)
            } else if keyBytes.count > 0 {
                pad.withUnsafeMutableBytes { $0.copyMemory(from: keyBytes) }
            }
        }
        for index in 0..<block { pad[index] ^= 0x36 }
        pad.withUnsafeBytes { absorbPad($0, into: states) }
        for index in 0..<block { pad[index] ^= 0x36 ^ 0x5c }
        pad.withUnsafeBytes { absorbPad($0, into: states + stateSize) }
        wipe(&pad)
    }

    deinit {
        OPENSSL_cleanse(states, 2 * stateSize)
        states.deallocate()
    }

    private func absorbPad(_ pad: UnsafeRawBufferPointer, into state: UnsafeMutableRawPointer) {
        switch algorithm {
        case .sha1:
            let ctx = state.bindMemory(to: SHA_CTX.self, capacity: 1)
            SHA1_Init(ctx)
            SHA1_Update(ctx, pad.baseAddress, pad.count)
        case .sha256:
            let ctx = state.bindMemory(to: SHA256_CTX.self, capacity: 1)
            SHA256_Init(ctx)
            SHA256_Update(ctx, pad.baseAddress, pad.count)
        case .sha512:
            let ctx = state.bindMemory(to: SHA512_CTX.self, capacity: 1)
            SHA512_Init(ctx)
            SHA512_Update(ctx, pad.baseAddress, pad.count)
        }
    }

    /// Writes the MAC of `message` to `output`, which must hold at least `macLength` bytes.
    /// Allocation-free: the hot path for HOTP/TOTP.
    public func authenticate(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= macLength, "HMAC output buffer too small")
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let input = message.baseAddress ?? UnsafeRawPointer(out)
        switch algorithm {
        case .sha1:
            var inner = states.load(as: SHA_CTX.self)
            SHA1_Update(&inner, input, message.count)
            SHA1_Final(out, &inner)
            var outer = states.load(fromByteOffset: stateSize, as: SHA_CTX.self)
            SHA1_Update(&outer, out, 20)
            SHA1_Final(out, &outer)
            Self.cleanse(&inner)
            Self.cleanse(&outer)
        case .sha256:
            var inner = states.load(as: SHA256_CTX.self)
            SHA256_Update(&inner, input, message.count)
            SHA256_Final(out, &inner)
            var outer = states.load(fromByteOffset: stateSize, as: SHA256_CTX.self)
            SHA256_Update(&outer, out, 32)
            SHA256_Final(out, &outer)
            Self.cleanse(&inner)
            Self.cleanse(&outer)
        case .sha512:
            var inner = states.load(as: SHA512_CTX.self)
            SHA512_Update(&inner, input, message.count)
            SHA512_Final(out, &inner)
            var outer = states.load(fromByteOffset: stateSize, as: SHA512_CTX.self)
            SHA512_Update(&outer, out, 64)
            SHA512_Final(out, &outer)
            Self.cleanse(&inner)
            Self.cleanse(&outer)
        }
    }

    /// The MAC of `message`.
    public func authenticate(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: macLength)
        out.withUnsafeMutableBytes { authenticate(message, into: $0) }
        return out
    }

    /// The MAC of a byte sequence.
    public func authenticate<Message: Collection>(_ message: Message) -> [UInt8] where Message.Element == UInt8 {
        Array(message).withUnsafeBytes { authenticate($0) }
    }

    private static func cleanse<T>(_ value: inout T) {
        withUnsafeMutableBytes(of: &value) { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }
}
