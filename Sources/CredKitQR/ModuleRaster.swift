/// A QR code with its quiet zone, as a square grid of modules, after inversion.
///
/// Every renderer draws from this, so margin and invert mean the same thing in every format.
struct ModuleRaster {
    /// Modules along each side, quiet zone included.
    let width: Int
    private let code: QRCode
    private let margin: Int
    private let invert: Bool

    /// The largest quiet zone a renderer accepts, in modules; far beyond any real use.
    static let maximumMargin = 100

    init(code: QRCode, margin: Int, invert: Bool) {
        self.code = code
        self.margin = margin
        self.invert = invert
        width = code.size + 2 * margin
    }

    /// Whether the module at column `x`, row `y` (quiet zone included) is drawn dark.
    /// Coordinates outside the raster count as quiet zone.
    func isDark(x: Int, y: Int) -> Bool {
        code.isDark(x: x - margin, y: y - margin) != invert
    }

    /// Checks a quiet-zone width given to a renderer.
    static func checkMargin(_ margin: Int) throws(QRError) {
        guard (0...maximumMargin).contains(margin) else {
            throw QRError(.invalidOption, "the margin (quiet zone) must be between 0 and \(maximumMargin) modules, not \(margin)")
        }
    }
}
