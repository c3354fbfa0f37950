/// How much of a QR code can be damaged or hidden and still scan.
///
/// Higher levels survive more damage but need a bigger code for the same text.
/// The raw value is the standard's one-letter name (`L`, `M`, `Q`, `H`).
public enum QRErrorCorrection: String, CaseIterable, Hashable, Sendable {
    /// Level L: about 7% of the codewords can be restored.
    case low = "L"
    /// Level M: about 15% of the codewords can be restored. The usual default.
    case medium = "M"
    /// Level Q: about 25% of the codewords can be restored.
    case quartile = "Q"
    /// Level H: about 30% of the codewords can be restored.
    case high = "H"
}
