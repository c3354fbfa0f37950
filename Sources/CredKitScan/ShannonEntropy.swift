#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shannon entropy of a string's characters, in bits per character: placeholders such as
/// `AKIAXXXXXXXXXXXXXXXX` score low, generated keys score high.
public enum ShannonEntropy {
    /// The entropy of `bytes` in bits per byte (0 for empty input).
    public static func bitsPerByte<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        guard !bytes.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for byte in bytes { counts[Int(byte)] += 1 }
            let total = Double(bytes.count)
            var entropy = 0.0
            for count in counts where count > 0 {
                let p = Double(count) / total
                entropy -= p * log2(p)
            }
            return entropy
        }
    }

    /// The entropy of a string's UTF-8 bytes.
    public static func bitsPerByte(_ text: String) -> Double { bitsPerByte(Array(text.utf8)) }
}
