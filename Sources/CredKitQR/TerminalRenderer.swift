/// Draws a QR code for a terminal with Unicode half blocks and explicit ANSI colours.
///
/// Each text line holds two rows of modules (`▀`, `▄`, `█` or a space), so one module is one
/// column wide and half a line high, which is close to square in most fonts. Every line starts
/// by setting both colours (foreground black, `ESC[38;5;16m`, background white, `ESC[48;5;231m`)
/// and ends with a reset (`ESC[0m`), so the code scans on dark and light themes alike.
/// The symbol always has an odd number of rows, so the lower half of the last line is padding
/// drawn in the quiet-zone colour.
public struct TerminalRenderer: Hashable, Sendable {
    /// The escape sequence that starts every line: black foreground, white background.
    public static let lineStart = "\u{1B}[38;5;16;48;5;231m"
    /// The escape sequence that ends every line: all attributes reset.
    public static let lineEnd = "\u{1B}[0m"

    /// The quiet zone around the symbol, in modules.
    public let margin: Int
    /// Whether dark and light are swapped, quiet zone included.
    public let invert: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - margin: The quiet zone in modules, 0 through 100. The standard asks for 4 (the default);
    ///     many scanners fail with less.
    ///   - invert: Swap dark and light, for example for a printer that draws light on dark.
    /// - Throws: `QRError` with code `.invalidOption` for a margin out of range.
    public init(margin: Int = 4, invert: Bool = false) throws(QRError) {
        try ModuleRaster.checkMargin(margin)
        self.margin = margin
        self.invert = invert
    }

    /// The width of the rendered code in terminal columns, so a caller can warn when the
    /// terminal is narrower.
    public func columns(for code: QRCode) -> Int {
        code.size + 2 * margin
    }

    /// The number of text lines the rendered code takes.
    public func lines(for code: QRCode) -> Int {
        (code.size + 2 * margin + 1) / 2
    }

    /// Renders the code as text lines, each ending in a newline.
    public func render(_ code: QRCode) -> String {
        ModuleRaster(code: code, margin: margin, invert: invert).halfBlockText(lineStart: Self.lineStart, lineEnd: Self.lineEnd)
    }
}
