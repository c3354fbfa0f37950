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
        case .sha1: SHA1_Init(state.bindMemory(to: SHA_CTX.self, capacity: 1))
        case .sha256: SHA256_Init(state.bindMemory(to: SHA256_CTX.self, capacity: 1))
        case .sha512: SHA512_Init(state.bindMemory(to: SHA512_CTX.self, capacity: 1))
        }
        update(state, pad.baseAddress!, pad.count)
    }

    // The low-level SHA*_CTX functions over a state held in raw memory.

    @inline(__always)
    private func update(_ state: UnsafeMutableRawPointer, _ data: UnsafeRawPointer, _ count: Int) {
        switch algorithm {
        case .sha1: SHA1_Update(state.assumingMemoryBound(to: SHA_CTX.self), data, count)
        case .sha256: SHA256_Update(state.assumingMemoryBound(to: SHA256_CTX.self), data, count)
        case .sha512: SHA512_Update(state.assumingMemoryBound(to: SHA512_CTX.self), data, count)
        }
    }

    @inline(__always)
    private func finalize(_ state: UnsafeMutableRawPointer, into output: UnsafeMutableRawPointer) {
        let out = output.assumingMemoryBound(to: UInt8.self)
        switch algorithm {
        case .sha1: SHA1_Final(out, state.assumingMemoryBound(to: SHA_CTX.self))
        case .sha256: SHA256_Final(out, state.assumingMemoryBound(to: SHA256_CTX.self))
        case .sha512: SHA512_Final(out, state.assumingMemoryBound(to: SHA512_CTX.self))
        }
    }

    /// Writes the MAC of `message` to `output`, which must hold at least `macLength` bytes.
    /// Allocation-free: the hot path for HOTP/TOTP.
    public func authenticate(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= macLength, "HMAC output buffer too small")
        if message.count <= algorithm.blockLength - (algorithm == .sha512 ? 17 : 9) {
            authenticateOneBlock(message, into: output)
            return
        }
        let out = output.baseAddress!
        let input = message.baseAddress ?? UnsafeRawPointer(out)
        withUnsafeTemporaryAllocation(byteCount: stateSize, alignment: 16) { scratch in
            let state = scratch.baseAddress!
            state.copyMemory(from: states, byteCount: stateSize)
            update(state, input, message.count)
            finalize(state, into: out)
            state.copyMemory(from: states + stateSize, byteCount: stateSize)
            update(state, out, macLength)
            finalize(state, into: out)
            OPENSSL_cleanse(state, stateSize)
        }
    }

    /// Short messages (a HOTP counter, a digest) fit with their padding in one block: then each
    /// half of the HMAC is exactly one call of the compression function on a precomputed state,
    /// without the bookkeeping of Update/Final. This is the TOTP hot path.
    private func authenticateOneBlock(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        let scratchSize = algorithm.blockLength + stateSize
        withUnsafeTemporaryAllocation(byteCount: scratchSize, alignment: 16) { scratch in
            oneBlock(message, into: output, scratch: scratch.baseAddress!)
            OPENSSL_cleanse(scratch.baseAddress!, scratchSize)
        }
    }

    /// Calls `body` with the MAC of each counter in `counters`, encoded as 8 big-endian bytes
    /// (HOTP's moving factor). One scratch area serves the whole range and is wiped at the end:
    /// the loop for generating many one-time codes. A closed range reaches the last counter, 2^64 - 1.
    public func authenticateCounters(_ counters: ClosedRange<UInt64>, _ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) rethrows {
        let block = algorithm.blockLength
        let scratchSize = block + stateSize + 8 + 64
        try withUnsafeTemporaryAllocation(byteCount: scratchSize, alignment: 16) { scratch in
            let base = scratch.baseAddress!
            let message = base + block + stateSize
            let mac = UnsafeMutableRawBufferPointer(start: message + 8, count: macLength)
            defer { OPENSSL_cleanse(base, scratchSize) }
            for counter in counters {
                message.storeBytes(of: counter.bigEndian, as: UInt64.self)
                oneBlock(UnsafeRawBufferPointer(start: message, count: 8), into: mac, scratch: base)
                try body(counter, UnsafeRawBufferPointer(mac))
            }
        }
    }

    /// The one-block HMAC in caller-provided scratch (`blockLength + stateSize` bytes).
    @inline(__always)
    private func oneBlock(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, scratch buffer: UnsafeMutableRawPointer) {
        let block = algorithm.blockLength
        let state = buffer + block
        // Inner: H(ipad-state, message || 0x80 || zeros || bit length of (pad block + message)).
        pad(buffer, with: message, block: block)
        state.copyMemory(from: states, byteCount: stateSize)
        transform(state, buffer)
        let digest = UnsafeMutableRawBufferPointer(start: buffer, count: macLength)
        extractDigest(from: state, into: digest)
        // Outer: H(opad-state, inner digest || padding).
        pad(buffer, with: UnsafeRawBufferPointer(digest), block: block)
        state.copyMemory(from: states + stateSize, byteCount: stateSize)
        transform(state, buffer)
        extractDigest(from: state, into: output)
    }

    /// Lays out one final block: data, the 0x80 marker, zeros, and the big-endian bit length
    /// counting the pad block already absorbed (SHA-512's 128-bit length field: its high half is zero).
    @inline(__always)
    private func pad(_ buffer: UnsafeMutableRawPointer, with data: UnsafeRawBufferPointer, block: Int) {
        let count = data.count
        if count > 0, let base = data.baseAddress, base != UnsafeRawPointer(buffer) {
            buffer.copyMemory(from: base, byteCount: count)
        }
        buffer.storeBytes(of: 0x80, toByteOffset: count, as: UInt8.self)
        (buffer + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: block - count - 1 - 8)
        let bits = UInt64(block + count) * 8
        buffer.storeBytes(of: bits.bigEndian, toByteOffset: block - 8, as: UInt64.self)
    }

    @inline(__always)
    private func transform(_ state: UnsafeMutableRawPointer, _ block: UnsafeRawPointer) {
        let data = block.assumingMemoryBound(to: UInt8.self)
        switch algorithm {
        case .sha1: SHA1_Transform(state.assumingMemoryBound(to: SHA_CTX.self), data)
        case .sha256: SHA256_Transform(state.assumingMemoryBound(to: SHA256_CTX.self), data)
        case .sha512: SHA512_Transform(state.assumingMemoryBound(to: SHA512_CTX.self), data)
        }
    }

    /// The chaining value sits at the start of every SHA*_CTX as native-endian words.
    @inline(__always)
    private func extractDigest(from state: UnsafeRawPointer, into output: UnsafeMutableRawBufferPointer) {
        if algorithm == .sha512 {
            for index in 0..<8 {
                output.storeBytes(of: state.load(fromByteOffset: index * 8, as: UInt64.self).bigEndian,
                                  toByteOffset: index * 8, as: UInt64.self)
            }
        } else {
            for index in 0..<(macLength / 4) {
                output.storeBytes(of: state.load(fromByteOffset: index * 4, as: UInt32.self).bigEndian,
                                  toByteOffset: index * 4, as: UInt32.self)
            }
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

}
