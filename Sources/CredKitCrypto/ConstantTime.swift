internal import COpenSSL

/// Comparisons whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes, in time that depends only on the length
    /// (`CRYPTO_memcmp`). Inputs of different lengths are unequal; lengths are not secret.
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
        return CRYPTO_memcmp(left, right, a.count) == 0
    }

    /// Whether two byte sequences are equal, in constant time for equal lengths.
    public static func equals<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        let left = Array(a), right = Array(b)
        return left.withUnsafeBytes { l in right.withUnsafeBytes { r in equals(l, r) } }
    }

    /// Whether two strings have the same UTF-8 bytes, in constant time for equal lengths.
    /// For one-time codes: the code a user typed against the one computed.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
