import ArgumentParser

/// What `credkit qr` draws: `--format terminal|ascii|utf8|png|svg`.
enum QROutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Unicode half blocks with ANSI colours, for a terminal.
    case terminal
    /// `##` and spaces, no escape codes, for logs.
    case ascii
    /// Unicode half blocks without colours, like `qrencode -t UTF8`: half the lines of ascii.
    case utf8
    /// An 8-bit greyscale PNG image; needs `--output`.
    case png
    /// An SVG document.
    case svg

    /// Whether `--scale` means something for this format.
    var isImage: Bool { self == .png || self == .svg }

    /// The formats that draw on a terminal, for commands that only show codes on screen.
    static let textFormats: [QROutputFormat] = [.terminal, .ascii, .utf8]
}
