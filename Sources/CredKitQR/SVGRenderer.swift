/// Draws a QR code as an SVG document.
///
/// The document has a `viewBox` in modules (quiet zone included), `width` and `height` in
/// pixels (`scale` per module), `shape-rendering="crispEdges"`, a background `<rect>` and one
/// `<path>` for all dark modules. Inverted, the background is black and the path white.
public struct SVGRenderer: Hashable, Sendable {
    /// Pixels per module in the `width` and `height` attributes.
    public let scale: Int
    /// The quiet zone around the symbol, in modules.
    public let margin: Int
    /// Whether dark and light are swapped, quiet zone included.
    public let invert: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - scale: Pixels per module for the `width` and `height` attributes, 1 through 1000; 8 by default.
    ///   - margin: The quiet zone in modules, 0 through 100; 4 (the default) is what the standard asks for.
    ///   - invert: Swap dark and light.
    /// - Throws: `QRError` with code `.invalidOption` for a scale or margin out of range.
    public init(scale: Int = 8, margin: Int = 4, invert: Bool = false) throws(QRError) {
        try ModuleRaster.checkMargin(margin)
        guard (1...1000).contains(scale) else {
            throw QRError(.invalidOption, "the scale must be between 1 and 1000 pixels per module, not \(scale)")
        }
        self.scale = scale
        self.margin = margin
        self.invert = invert
    }

    /// Renders the code as a complete SVG document ending in a newline.
    public func render(_ code: QRCode) -> String {
        let modules = code.size + 2 * margin
        let pixels = modules * scale
        let background = invert ? "#000000" : "#FFFFFF"
        let foreground = invert ? "#FFFFFF" : "#000000"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(pixels)" height="\(pixels)" viewBox="0 0 \(modules) \(modules)" shape-rendering="crispEdges">
            <rect x="0" y="0" width="\(modules)" height="\(modules)" fill="\(background)"/>
            <path fill="\(foreground)" d="\(pathData(code))"/>
            </svg>

            """
    }

    /// One closed rectangle per horizontal run of dark modules.
    private func pathData(_ code: QRCode) -> String {
        var path = ""
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code.isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < code.size, code.isDark(x: x, y: y) { x += 1 }
                let run = x - start
                path += "M\(start + margin) \(y + margin)h\(run)v1h-\(run)z"
            }
        }
        return path
    }
}
