/// Draws a QR code as plain ASCII text, for logs and terminals without colour.
///
/// The format is fixed so a program can read it back: one text line per row of modules,
/// each module two characters wide (`"##"` for dark, two spaces for light), each line ending
/// in a newline. There are no escape codes, so on a dark terminal theme the code shows light
/// on dark; scanners that do not read inverted codes need a light background.
public struct ASCIIRenderer: Hashable, Sendable {
    /// The two characters drawn for a dark module.
    public static let darkModule = "##"
    /// The two characters drawn for a light module.
    public static let lightModule = "  "

    /// The quiet zone around the symbol, in modules.
    public let margin: Int
    /// Whether dark and light are swapped, quiet zone included.
    public let invert: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - margin: The quiet zone in modules, 0 through 100; 4 (the default) is what the standard asks for.
    ///   - invert: Swap dark and light.
    /// - Throws: `QRError` with code `.invalidOption` for a margin out of range.
    public init(margin: Int = 4, invert: Bool = false) throws(QRError) {
        try ModuleRaster.checkMargin(margin)
        self.margin = margin
        self.invert = invert
    }

    /// The width of the rendered code in columns (two per module).
    public func columns(for code: QRCode) -> Int {
        2 * (code.size + 2 * margin)
    }

    /// Renders the code as text lines, each ending in a newline.
    public func render(_ code: QRCode) -> String {
        let raster = ModuleRaster(code: code, margin: margin, invert: invert)
        var output = ""
        output.reserveCapacity(raster.width * (2 * raster.width + 1))
        for y in 0..<raster.width {
            for x in 0..<raster.width {
                output += raster.isDark(x: x, y: y) ? Self.darkModule : Self.lightModule
            }
            output += "\n"
        }
        return output
    }
}
