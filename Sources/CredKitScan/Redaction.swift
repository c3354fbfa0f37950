/// Masks secrets for display: `AKIA************WXYZ`.
public enum Redaction {
    /// Keeps the first and last four characters of values of 12 characters or more and
    /// masks the rest (at most 32 stars, so long session tokens stay one short line);
    /// shorter values are masked entirely.
    public static func redact(_ value: String) -> String {
        let chars = Array(value)
        guard chars.count >= 12 else { return String(repeating: "*", count: max(chars.count, 4)) }
        let stars = min(chars.count - 8, 32)
        return String(chars.prefix(4)) + String(repeating: "*", count: stars) + String(chars.suffix(4))
    }
}
