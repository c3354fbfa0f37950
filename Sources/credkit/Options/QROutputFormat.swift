import ArgumentParser

/// What `credkit qr` draws: `--format terminal|ascii|png|svg`.
enum QROutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Unicode half blocks with ANSI colours, for a terminal.
    case terminal
    /// `##` and spaces, no escape codes, for logs.
    case ascii
    /// An 8-bit greyscale PNG image; needs `--output`.
    case png
    /// An SVG document.
    case svg

    /// Whether `--scale` means something for this format.
    var isImage: Bool { self == .png || self == .svg }
}
