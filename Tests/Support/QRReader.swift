import Foundation

/// Decodes QR codes with a real reader, zbarimg (Debian zbar-tools), and rasterises SVG with rsvg-convert.
public enum QRReader {
    /// A decode that found nothing, or a tool that failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The raw bytes of the one symbol zbarimg finds in an image file, without zbar's newline.
    ///
    /// zbar skips light-on-dark codes unless asked: `inverted` passes `-Stest-inverted`.
    public static func decode(imageAt path: String, inverted: Bool = false) throws -> Data {
        let arguments = ["--nodbus", "--raw", "-q"] + (inverted ? ["-Stest-inverted"] : []) + [path]
        let result = try ProcessRunner.run("zbarimg", arguments)
        guard result.status == 0 else {
            throw Failure(description: "zbarimg found no code in \(path) (exit \(result.status)): \(result.stderr)")
        }
        guard result.stdoutData.last == 0x0A else {
            throw Failure(description: "zbarimg output does not end in a newline")
        }
        return result.stdoutData.dropLast()
    }

    /// Writes `bitmap` as a PGM file (each pixel blown up to `scale` pixels) in `directory` and decodes it.
    public static func decode(_ bitmap: Bitmap, scale: Int = 4, inverted: Bool = false, in directory: URL) throws -> Data {
        let file = directory.appendingPathComponent("\(UUID().uuidString).pgm")
        try bitmap.scaled(by: scale).pgm().write(to: file)
        return try decode(imageAt: file.path, inverted: inverted)
    }

    /// Decodes `bitmap` through a temporary PGM file.
    public static func decode(_ bitmap: Bitmap, scale: Int = 4, inverted: Bool = false) throws -> Data {
        let directory = try TemporaryDirectory("credkit-qr")
        defer { directory.remove() }
        return try decode(bitmap, scale: scale, inverted: inverted, in: directory.url)
    }

    /// Rasterises an SVG file to PNG with rsvg-convert.
    public static func rasterise(svg: String, to png: String) throws {
        let result = try ProcessRunner.run("rsvg-convert", ["--format", "png", "--output", png, svg])
        guard result.status == 0 else {
            throw Failure(description: "rsvg-convert failed (exit \(result.status)): \(result.stderr)")
        }
    }
}
