import CredKitQR
import Foundation

/// Drawing QR codes on standard output, shared by `credkit qr` and `credkit mfa`.
enum QRDisplay {
    /// The format to draw in: `terminal` falls back to `ascii` where colour escapes would be
    /// wrong (NO_COLOR set, or standard output not a terminal), with a note saying so.
    static func effectiveFormat(_ format: QROutputFormat, toFile: Bool) -> QROutputFormat {
        guard format == .terminal else { return format }
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty {
            Console.error("note: NO_COLOR is set, so the code is drawn without colour (--format ascii); it scans best on a light background")
            return .ascii
        }
        if !toFile, !Console.isTerminal(1) {
            Console.error("note: standard output is not a terminal, so the code is drawn without colour (--format ascii)")
            return .ascii
        }
        return .terminal
    }

    /// Warns when a code `columns` wide will wrap in the terminal, which makes it unscannable.
    static func warnIfTooWide(columns: Int) {
        if let available = Console.terminalColumns, columns > available {
            Console.warning("the code is \(columns) columns wide but the terminal has \(available): it will wrap and not scan. Widen the window, use --margin 2 or a lower --ec, or --format png")
        }
    }

    /// Draws `code` as text on standard output in `format` (terminal or ascii).
    static func print(_ code: QRCode, format: QROutputFormat, margin: Int = 4, invert: Bool = false) throws {
        let (text, columns): (String, Int)
        do {
            switch effectiveFormat(format, toFile: false) {
            case .terminal:
                let renderer = try TerminalRenderer(margin: margin, invert: invert)
                (text, columns) = (renderer.render(code), renderer.columns(for: code))
            default:
                let renderer = try ASCIIRenderer(margin: margin, invert: invert)
                (text, columns) = (renderer.render(code), renderer.columns(for: code))
            }
        } catch {
            throw CLIFailure.input(error.reason)
        }
        warnIfTooWide(columns: columns)
        try Console.write(text)
    }
}
