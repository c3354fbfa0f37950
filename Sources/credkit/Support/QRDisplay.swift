import CredKitQR
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drawing QR codes on standard output, shared by `credkit qr` and `credkit mfa`.
enum QRDisplay {
    /// The advice `credkit qr` gives when a code does not fit.
    static let qrAdvice = "Widen the window, use --margin 2 or a lower --ec, or --format png"

    /// The format to draw in. An explicit `--format` is honoured as given (as `qrencode -t ANSIUTF8`
    /// does); only the default, terminal, falls back where colour escapes would be wrong, with a
    /// note saying so: to `colourless` (ascii, or utf8 for commands that must fit a screen) when
    /// NO_COLOR is set, to ascii when standard output is not a terminal.
    static func effectiveFormat(_ requested: QROutputFormat?, toFile: Bool, colourless: QROutputFormat = .ascii) -> QROutputFormat {
        if let requested { return requested }
        let onTerminal = toFile || Console.isTerminal(1)
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty {
            if colourless == .utf8, onTerminal {
                Console.error("note: NO_COLOR is set, so the code is drawn without colour (--format utf8); on dark text over a light background add --invert")
                return .utf8
            }
            Console.error("note: NO_COLOR is set, so the code is drawn without colour (--format ascii); it scans best on a light background")
            return .ascii
        }
        if !onTerminal {
            Console.error("note: standard output is not a terminal, so the code is drawn without colour (--format ascii)")
            return .ascii
        }
        return .terminal
    }

    /// Warns when a code `columns` wide will wrap in the terminal, which makes it unscannable.
    static func warnIfTooWide(columns: Int, advice: String = qrAdvice) {
        if let available = Console.terminalColumns, columns > available {
            Console.warning("the code is \(columns) columns wide but the terminal has \(available): it will wrap and not scan. \(advice)")
        }
    }

    /// Warns when `lines` of code plus `below` lines after it will not fit the terminal's height,
    /// so the top of the code scrolls away.
    static func warnIfTooTall(lines: Int, below: Int, advice: String) {
        if let available = terminalRows, lines + below > available {
            Console.warning("the code needs \(lines + below) lines but the terminal has \(available): its top will scroll away. \(advice)")
        }
    }

    /// Height of the terminal on standard output in lines, if known.
    static var terminalRows: Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        if let rows = ProcessInfo.processInfo.environment["LINES"], let value = Int(rows), value > 0 { return value }
        return nil
    }

    /// A code drawn as text.
    struct Rendering {
        let text: String
        let columns: Int
        let lines: Int
    }

    /// Draws `code` as text in `format` (terminal, ascii or utf8).
    static func render(_ code: QRCode, format: QROutputFormat, margin: Int, invert: Bool) throws -> Rendering {
        do {
            switch format {
            case .terminal:
                let renderer = try TerminalRenderer(margin: margin, invert: invert)
                return Rendering(text: renderer.render(code), columns: renderer.columns(for: code), lines: renderer.lines(for: code))
            case .utf8:
                let renderer = try UTF8Renderer(margin: margin, invert: invert)
                return Rendering(text: renderer.render(code), columns: renderer.columns(for: code), lines: renderer.lines(for: code))
            default:
                let renderer = try ASCIIRenderer(margin: margin, invert: invert)
                return Rendering(text: renderer.render(code), columns: renderer.columns(for: code), lines: code.size + 2 * margin)
            }
        } catch {
            throw CLIFailure.input(error.reason)
        }
    }
}
