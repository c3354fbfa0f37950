internal import CPNG
import Foundation

/// Draws a QR code as an 8-bit greyscale PNG image with libpng.
///
/// Dark modules are black (0), light modules and the quiet zone white (255), unless inverted.
/// Encoding uses libpng's simplified write API, which catches libpng's errors itself, so no
/// `longjmp` ever crosses Swift frames.
public struct PNGRenderer: Hashable, Sendable {
    /// The widest image this renderer makes, in pixels.
    public static let maximumPixelWidth = 8192

    /// Pixels along each side of one module.
    public let scale: Int
    /// The quiet zone around the symbol, in modules.
    public let margin: Int
    /// Whether dark and light are swapped, quiet zone included.
    public let invert: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - scale: Pixels per module, at least 1; 8 by default.
    ///   - margin: The quiet zone in modules, 0 through 100; 4 (the default) is what the standard asks for.
    ///   - invert: Swap dark and light.
    /// - Throws: `QRError` with code `.invalidOption` for a scale or margin out of range.
    public init(scale: Int = 8, margin: Int = 4, invert: Bool = false) throws(QRError) {
        try ModuleRaster.checkMargin(margin)
        guard (1...Self.maximumPixelWidth).contains(scale) else {
            throw QRError(.invalidOption, "the scale must be between 1 and \(Self.maximumPixelWidth) pixels per module, not \(scale)")
        }
        self.scale = scale
        self.margin = margin
        self.invert = invert
    }

    /// The width (and height) of the image in pixels.
    public func pixelWidth(for code: QRCode) -> Int {
        (code.size + 2 * margin) * scale
    }

    /// Encodes the code as PNG data.
    /// - Throws: `QRError` with code `.invalidOption` when the image would be wider than
    ///   `maximumPixelWidth`, `.libpng` when libpng fails.
    public func render(_ code: QRCode) throws(QRError) -> Data {
        let width = pixelWidth(for: code)
        guard width <= Self.maximumPixelWidth else {
            throw QRError(.invalidOption, "the image would be \(width) pixels wide; the limit is \(Self.maximumPixelWidth): use a smaller scale")
        }
        let pixels = self.pixels(for: code)

        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(width)
        image.format = png_uint_32(PNG_FORMAT_GRAY)
        defer { png_image_free(&image) }

        // First pass measures, second pass writes: libpng wants the buffer up front.
        var byteCount: png_alloc_size_t = 0
        let measured = pixels.withUnsafeBytes { buffer in
            png_image_write_to_memory(&image, nil, &byteCount, 0, buffer.baseAddress, 0, nil)
        }
        guard measured != 0, byteCount > 0 else { throw Self.failure(image) }
        var data = Data(count: Int(byteCount))
        let written = data.withUnsafeMutableBytes { output in
            pixels.withUnsafeBytes { buffer in
                png_image_write_to_memory(&image, output.baseAddress, &byteCount, 0, buffer.baseAddress, 0, nil)
            }
        }
        guard written != 0 else { throw Self.failure(image) }
        data.count = Int(byteCount)
        return data
    }

    /// One byte per pixel, row by row.
    private func pixels(for code: QRCode) -> [UInt8] {
        let raster = ModuleRaster(code: code, margin: margin, invert: invert)
        let width = raster.width * scale
        var pixels = [UInt8](repeating: 255, count: width * width)
        for y in 0..<raster.width {
            for x in 0..<raster.width where raster.isDark(x: x, y: y) {
                for row in (y * scale)..<((y + 1) * scale) {
                    let start = row * width + x * scale
                    pixels.replaceSubrange(start..<(start + scale), with: repeatElement(0, count: scale))
                }
            }
        }
        return pixels
    }

    private static func failure(_ image: png_image) -> QRError {
        let message = withUnsafeBytes(of: image.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return QRError(.libpng, message.isEmpty ? "libpng could not encode the image" : "libpng could not encode the image: \(message)")
    }
}
