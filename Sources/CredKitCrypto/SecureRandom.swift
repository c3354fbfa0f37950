internal import COpenSSL

/// Random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    /// Fills `buffer` with random bytes.
    /// - Throws: `CryptoError.randomFailure` when the generator cannot deliver (never silently weak).
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var offset = 0
        while offset < buffer.count {
            let chunk = min(buffer.count - offset, Int(Int32.max))
            guard RAND_bytes(base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), Int32(chunk)) == 1 else {
                throw CryptoError(.randomFailure, "the system random generator failed (RAND_bytes)")
            }
            offset += chunk
        }
    }

    /// A new secret of `count` random bytes, generated directly into wiped storage.
    public static func secret(count: Int) throws -> SecretBytes {
        try SecretBytes(count: count) { buffer in
            try fill(buffer)
            return buffer.count
        }
    }

    /// `count` random bytes that are not secret (nonces, jitter, test data).
    public static func bytes(count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        try result.withUnsafeMutableBytes { try fill($0) }
        return result
    }

    /// A uniformly random integer in `0..<upperBound` without modulo bias.
    public static func uniform(below upperBound: UInt64) throws -> UInt64 {
        precondition(upperBound > 0)
        let limit = UInt64.max - (UInt64.max % upperBound)
        while true {
            var value: UInt64 = 0
            try withUnsafeMutableBytes(of: &value) { try fill($0) }
            if value < limit { return value % upperBound }
        }
    }
}
