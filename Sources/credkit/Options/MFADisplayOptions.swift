import ArgumentParser
import CredKitQR

/// How `mfa enroll` and `mfa show` draw the seed's QR code: `--format`, `--margin`, `--ec`, `--invert`.
struct MFADisplayOptions: ParsableArguments {
    /// The quiet zone drawn by default, in modules. Measured: at this margin the enrollment
    /// code still decodes with zbarimg and zxing-cpp when the terminal around it is dark
    /// (`MFAMarginTests`); one module less does not. It keeps a typical code inside 80x24.
    static let defaultMargin = 1

    @Option(help: "How to draw the QR code: terminal (colour half blocks), ascii (## text) or utf8 (half blocks without colour). Default: terminal; utf8 with NO_COLOR, ascii when standard output is not a terminal.")
    var format: QROutputFormat?

    @Option(help: "Quiet zone around the code in modules, 0 to 100 (default \(MFADisplayOptions.defaultMargin): the smallest that scans when the terminal around it is dark).")
    var margin: Int = MFADisplayOptions.defaultMargin

    /// A code on a screen is not scratched or creased, so the lowest level (qrencode's default
    /// too) is enough, and it keeps a URI of up to 134 bytes at version 6, 22 lines with the margin.
    @Option(name: .customLong("ec"), help: "Error correction: L (default: the smallest code, enough for a screen), M, Q or H.")
    var errorCorrection: QRErrorCorrection = .low

    @Flag(help: "Swap dark and light (for --format utf8 on dark text over a light background).")
    var invert = false

    func validate() throws {
        if let format, !QROutputFormat.textFormats.contains(format) {
            throw ValidationError("--format must be terminal, ascii or utf8 here; for an image use 'credkit mfa show' and pipe the URI into 'credkit qr --format png'")
        }
        guard (0...100).contains(margin) else {
            throw ValidationError("--margin must be between 0 and 100 modules, not \(margin)")
        }
    }

    /// What to suggest when the code drawn in `format` does not fit the terminal.
    static func advice(for format: QROutputFormat) -> String {
        "Enlarge the window, or use --ec L for a smaller code" + (format == .ascii ? ", or --format utf8 for half the lines" : "")
    }
}
