/// Helpers for AWS access key IDs (`AKIA...`, `ASIA...`): not secret on their own, but
/// shown redacted by default because they name a credential.
public enum AccessKeyID {
    /// The ID with everything but the four-letter prefix and the last four characters masked:
    /// `AKIA************MPLE`. Short or odd IDs are masked entirely.
    public static func redact(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count >= 12 else { return String(repeating: "*", count: max(chars.count, 4)) }
        return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
    }

    /// Whether `id` has the shape of an access key ID: 16 to 128 upper-case letters and digits.
    public static func isWellFormed(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (16...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
