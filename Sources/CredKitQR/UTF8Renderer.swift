/// Draws a QR code with Unicode half blocks and no escape codes, as `qrencode -t UTF8` does.
///
/// Each text line holds two rows of modules, so a code takes half the lines of `ASCIIRenderer`
/// and fits a small terminal. With no colours of its own, the glyphs take the terminal's text
/// colour: like qrencode, light modules (quiet zone included) are drawn as glyphs, which gives
/// dark modules on a light quiet zone in the common light-on-dark themes. On a dark-on-light
/// theme, `invert` draws the dark modules instead.
public struct UTF8Renderer: Hashable, Sendable {
    /// The quiet zone around the symbol, in modules.
    public let margin: Int
    /// Whether the glyphs are the dark modules (for dark text on a light background).
    public let invert: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - margin: The quiet zone in modules, 0 through 100; 4 (the default) is what the standard asks for.
    ///   - invert: Draw dark modules as glyphs, for terminals with dark text on a light background.
    /// - Throws: `QRError` with code `.invalidOption` for a margin out of range.
    public init(margin: Int = 4, invert: Bool = false) throws(QRError) {
        try ModuleRaster.checkMargin(margin)
        self.margin = margin
        self.invert = invert
    }

    /// The width of the rendered code in terminal columns.
    public func columns(for code: QRCode) -> Int {
        code.size + 2 * margin
    }

    /// The number of text lines the rendered code takes.
    public func lines(for code: QRCode) -> Int {
        (code.size + 2 * margin + 1) / 2
    }

    /// Renders the code as text lines, each ending in a newline.
    public func render(_ code: QRCode) -> String {
        // Glyphs are light modules unless inverted: the raster's "dark" is then what is inked.
        ModuleRaster(code: code, margin: margin, invert: !invert).halfBlockText()
    }
}
