import ArgumentParser
import CredKitCrypto
import CredKitQR
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `credkit qr [TEXT | -]`: draws text, usually an otpauth:// URI, as a QR code for enrolment.
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Draw text (an otpauth:// URI) as a QR code in the terminal, as text, PNG or SVG.",
        discussion: """
        With no TEXT, or with -, the text is read from standard input and a trailing newline is \
        removed. Prefer standard input for URIs that hold a secret: command lines are visible to \
        other users. Without --format, the terminal format is used, falling back to ascii when \
        standard output is not a terminal or NO_COLOR is set; an explicit --format (terminal \
        included) is always honoured. Files written with --output are private to you (mode 0600), \
        since the code holds the secret. Exit status: 0 done, 2 usage or input error.
        """
    )

    @Argument(help: ArgumentHelp("The text to encode, or - (the default) to read standard input.", valueName: "text"))
    var text: String?

    @Option(help: "Output format: terminal, ascii, utf8 (half blocks without colour, like qrencode -t UTF8), png or svg (default: terminal, or ascii on a pipe or with NO_COLOR).")
    var format: QROutputFormat?

    @Option(help: ArgumentHelp("Write to FILE (mode 0600) instead of standard output; required for png.", valueName: "file"))
    var output: String?

    @Option(help: "Quiet zone around the code in modules, 0 to 100. The standard asks for 4; many scanners fail with less.")
    var margin: Int = 4

    @Flag(help: "Swap dark and light: a light code on a dark background. Not every scanner reads it.")
    var invert = false

    @Option(name: .customLong("ec"), help: "Error correction: L (7%), M (15%), Q (25%) or H (30%) of the code can be lost.")
    var errorCorrection: QRErrorCorrection = .medium

    @Option(help: "Pixels per module, for png and svg (default 8).")
    var scale: Int?

    func validate() throws {
        if format == .png, output == nil {
            throw ValidationError("--format png needs --output FILE")
        }
        guard (0...100).contains(margin) else {
            throw ValidationError("--margin must be between 0 and 100 modules, not \(margin)")
        }
        if let scale {
            guard format?.isImage == true else {
                throw ValidationError("--scale applies to --format png and svg only")
            }
            guard (1...1000).contains(scale) else {
                throw ValidationError("--scale must be between 1 and 1000 pixels, not \(scale)")
            }
        }
    }

    func run() throws {
        let input = try readText()
        let code = try orInputError { () throws(QRError) in
            try QRCode(input, errorCorrection: errorCorrection)
        }
        switch effectiveFormat() {
        case .terminal:
            let renderer = try orInputError { () throws(QRError) in try TerminalRenderer(margin: margin, invert: invert) }
            try emitText(renderer.render(code), columns: renderer.columns(for: code))
        case .ascii:
            let renderer = try orInputError { () throws(QRError) in try ASCIIRenderer(margin: margin, invert: invert) }
            try emitText(renderer.render(code), columns: renderer.columns(for: code))
        case .utf8:
            let renderer = try orInputError { () throws(QRError) in try UTF8Renderer(margin: margin, invert: invert) }
            try emitText(renderer.render(code), columns: renderer.columns(for: code))
        case .svg:
            let renderer = try orInputError { () throws(QRError) in try SVGRenderer(scale: scale ?? 8, margin: margin, invert: invert) }
            try emitText(renderer.render(code), columns: nil)
        case .png:
            let data = try orInputError { () throws(QRError) in
                try PNGRenderer(scale: scale ?? 8, margin: margin, invert: invert).render(code)
            }
            // validate() guarantees --output for png.
            try writeFile(data, to: output ?? "")
        }
    }

    // MARK: - Input

    /// The TEXT argument, or standard input without its trailing newline.
    private func readText() throws -> String {
        if let text, text != "-" {
            if text.range(of: "secret=", options: .caseInsensitive) != nil {
                Console.warning("the text on the command line holds a secret, which other users can see in the process list: pipe it on standard input instead")
            }
            return text
        }
        if Console.isTerminal(0) {
            Console.writeStandardError("credkit: reading the text from standard input (end with Ctrl-D)\n")
        }
        // The text is usually an otpauth:// URI: read it like a secret, buffers wiped.
        var bytes = try SecretInput.readAll(fd: 0, name: "standard input", what: "text",
                                            hint: "a QR code holds at most 2953")
        defer { wipe(&bytes) }
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
            bytes.removeLast()
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw CLIFailure.input("standard input is not UTF-8 text")
        }
        return string
    }

    // MARK: - Output

    /// The default, terminal, falls back to ascii where colour escapes would be wrong: NO_COLOR, or a pipe.
    private func effectiveFormat() -> QROutputFormat {
        QRDisplay.effectiveFormat(format, toFile: output != nil)
    }

    /// Prints text to standard output, warning when it is wider than the terminal, or writes it to --output.
    private func emitText(_ rendered: String, columns: Int?) throws {
        if let output {
            try writeFile(Data(rendered.utf8), to: output)
            return
        }
        if let columns { QRDisplay.warnIfTooWide(columns: columns) }
        try Console.write(rendered)
    }

    private func writeFile(_ data: Data, to path: String) throws {
        try SecretOutput.write(data, to: path, replace: true)
        Console.error("wrote \(path) (mode 0600)")
    }

    /// Runs `body`, turning a QRError into an input error (exit 2) with its reason.
    private func orInputError<Result>(_ body: () throws(QRError) -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            throw CLIFailure.input(error.reason)
        }
    }
}
