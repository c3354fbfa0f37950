import Foundation

/// Decodes QR codes with a second real reader, zxing-cpp, through its Python binding
/// (Debian python3-zxing-cpp; there is no zxing-cpp command-line reader in Debian 12).
public enum ZXingReader {
    /// A Python interpreter that can import zxingcpp, if any: the one on PATH, else Debian's.
    public static let python: String? = {
        for candidate in ["python3", "/usr/bin/python3"] {
            if let result = try? ProcessRunner.run(candidate, ["-c", "import zxingcpp, numpy"]), result.status == 0 {
                return candidate
            }
        }
        return nil
    }()

    /// Whether zxing-cpp can be used.
    public static var isAvailable: Bool { python != nil }

    private static let script = """
    import sys, numpy, zxingcpp
    data = open(sys.argv[1], "rb").read()
    header = data.split(b"\\n", 3)
    width, height = map(int, header[1].split())
    pixels = numpy.frombuffer(header[3], dtype=numpy.uint8).reshape(height, width)
    result = zxingcpp.read_barcode(pixels, formats=zxingcpp.BarcodeFormat.QRCode)
    if not result or not result.valid:
        sys.exit(1)
    sys.stdout.buffer.write(result.text.encode("utf-8"))
    """

    /// The text of the one QR code zxing-cpp finds in `bitmap` (each pixel blown up to `scale`).
    public static func decode(_ bitmap: Bitmap, scale: Int = 4) throws -> String {
        guard let python else { throw QRReader.Failure(description: "zxing-cpp is not installed (Debian: python3-zxing-cpp)") }
        let directory = try TemporaryDirectory("credkit-zxing")
        defer { directory.remove() }
        let file = directory.path("code.pgm")
        try bitmap.scaled(by: scale).pgm().write(to: URL(fileURLWithPath: file))
        let result = try ProcessRunner.run(python, ["-c", script, file])
        guard result.status == 0 else {
            throw QRReader.Failure(description: "zxing-cpp found no code (exit \(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}
