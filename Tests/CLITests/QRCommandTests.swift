import CredKitTestSupport
import Foundation
import Testing

/// Runs the built `credkit qr` and reads what it draws back with zbarimg.
@Suite("credkit qr")
struct QRCommandTests {
    static let short = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
    static let utf8 = "otpauth://totp/Bücher & Söhne:東京?secret=JBSWY3DPEHPK3PXP&issuer=Bücher & Söhne"
    static let long = "otpauth://totp/Very%20Long%20Issuer%20Name%20Incorporated:firstname.lastname+mfa@subdomain.example.com"
        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Very%20Long%20Issuer%20Name%20Incorporated"
        + "&algorithm=SHA512&digits=8&period=60"

    // MARK: - It scans

    @Test("png written with --output scans and is private", arguments: [short, utf8, long], ["L", "H"])
    func png(text: String, level: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("code.png")
        let result = try ProcessRunner.credkit(["qr", "--format", "png", "--output", file, "--ec", level], stdin: text + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try permissions(file) == 0o600)
        #expect(try zbar(file) == Data(text.utf8))
    }

    @Test("png --invert scans as a light-on-dark code")
    func pngInverted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("code.png")
        let result = try ProcessRunner.credkit(["qr", "--format", "png", "--output", file, "--invert", "--scale", "4"], stdin: Self.short)
        #expect(result.status == 0, "\(result.stderr)")
        // zbarimg only looks for light-on-dark codes when asked to.
        #expect(try zbar(file, inverted: true) == Data(Self.short.utf8))
    }

    @Test("svg on standard output scans after rsvg-convert", arguments: [short, utf8])
    func svg(text: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try ProcessRunner.credkit(["qr", "--format", "svg", "--scale", "4"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<?xml"))
        let svg = directory.path("code.svg")
        let png = directory.path("code.png")
        try result.stdoutData.write(to: URL(fileURLWithPath: svg))
        let raster = try ProcessRunner.run("rsvg-convert", ["--format", "png", "--output", png, svg])
        try #require(raster.status == 0, "\(raster.stderr)")
        #expect(try zbar(png) == Data(text.utf8))
    }

    @Test("ascii on standard output scans", arguments: [short, utf8, long], [0, 2, 4])
    func ascii(text: String, margin: Int) throws {
        let result = try ProcessRunner.credkit(["qr", "--format", "ascii", "--margin", "\(margin)"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let modules = try parseASCII(result.stdout)
        // The margin is exactly as asked: the outer `margin` rows and columns are light, the next is not.
        #expect(modules.prefix(margin).allSatisfy { $0.allSatisfy { !$0 } })
        #expect(modules[margin].contains(true))
        #expect(modules.allSatisfy { $0.prefix(margin).allSatisfy { !$0 } && $0[margin...].contains(true) || !$0.contains(true) })
        #expect(try zbar(modules: modules, quietZone: 4 - margin) == Data(text.utf8))
    }

    @Test("--output writes ascii and svg files private too", arguments: ["ascii", "svg", "terminal"])
    func textToFile(format: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("code.txt")
        let result = try ProcessRunner.credkit(["qr", "--format", format, "--output", file], stdin: Self.short, environment: ["NO_COLOR": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try permissions(file) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).count > 100)
    }

    @Test("an existing readable file is replaced by a private one")
    func replacesFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("code.png")
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let result = try ProcessRunner.credkit(["qr", "--format", "png", "--output", file], stdin: Self.short)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try permissions(file) == 0o600)
        #expect(try zbar(file) == Data(Self.short.utf8))
    }

    // MARK: - Input

    @Test("text from the argument, from -, and from standard input without its newline")
    func inputForms() throws {
        let fromArgument = try ProcessRunner.credkit(["qr", "--format", "ascii", "hello world"])
        let fromDash = try ProcessRunner.credkit(["qr", "--format", "ascii", "-"], stdin: "hello world\n")
        let fromStdin = try ProcessRunner.credkit(["qr", "--format", "ascii"], stdin: "hello world\r\n")
        for result in [fromArgument, fromDash, fromStdin] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try zbar(modules: parseASCII(result.stdout), quietZone: 0) == Data("hello world".utf8))
        }
    }

    @Test("a secret on the command line draws a warning, one on standard input does not")
    func secretOnCommandLine() throws {
        let argument = try ProcessRunner.credkit(["qr", "--format", "ascii", Self.short])
        #expect(argument.status == 0)
        #expect(argument.stderr.contains("standard input"))
        let piped = try ProcessRunner.credkit(["qr", "--format", "ascii"], stdin: Self.short)
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty)
    }

    // MARK: - Terminal behaviour

    @Test("terminal format on a pipe falls back to ascii with a note")
    func pipedTerminal() throws {
        // An empty NO_COLOR counts as unset; this session's own may be set.
        let result = try ProcessRunner.credkit(["qr"], stdin: Self.short, environment: ["NO_COLOR": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("not a terminal"))
        #expect(!result.stderr.contains("NO_COLOR"))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(try zbar(modules: parseASCII(result.stdout), quietZone: 0) == Data(Self.short.utf8))
    }

    @Test("on a terminal: colour, unless NO_COLOR is set", .enabled(if: ProcessRunner.isAvailable("script")))
    func onTerminal() throws {
        let binary = Fixtures.credkitBinary.path
        // script(1) runs the command on a pseudo-terminal, so isatty(1) is true.
        let coloured = try ProcessRunner.run("script", ["-qec", "\(binary) qr hello", "/dev/null"], environment: ["NO_COLOR": ""])
        #expect(coloured.status == 0, "\(coloured.stderr)")
        #expect(coloured.stdout.contains("\u{1B}[") && coloured.stdout.contains("▀"))
        #expect(!coloured.stdout.contains("note:"))
        let plain = try ProcessRunner.run("script", ["-qec", "\(binary) qr hello", "/dev/null"], environment: ["NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("NO_COLOR"))
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("##"))
    }

    @Test("a code wider than the terminal draws a warning")
    func widthWarning() throws {
        let narrow = try ProcessRunner.credkit(["qr", "--format", "ascii"], stdin: Self.short, environment: ["COLUMNS": "40"])
        #expect(narrow.status == 0)
        #expect(narrow.stderr.contains("wide"))
        #expect(narrow.stderr.contains("40"))
        let wide = try ProcessRunner.credkit(["qr", "--format", "ascii"], stdin: Self.short, environment: ["COLUMNS": "500"])
        #expect(wide.status == 0)
        #expect(wide.stderr.isEmpty)
    }

    // MARK: - Exit codes

    @Test("usage errors exit 2", arguments: [
        ["qr", "--format", "png", "x"],
        ["qr", "--ec", "X", "x"],
        ["qr", "--ec", "", "x"],
        ["qr", "--format", "jpeg", "x"],
        ["qr", "--margin", "-1", "x"],
        ["qr", "--margin", "101", "x"],
        ["qr", "--format", "ascii", "--scale", "3", "x"],
        ["qr", "--format", "svg", "--scale", "0", "x"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try ProcessRunner.credkit(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test("--ec accepts every level, in either case", arguments: ["L", "m", "Q", "high"])
    func levels(level: String) throws {
        let result = try ProcessRunner.credkit(["qr", "--format", "ascii", "--ec", level], stdin: Self.short)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try zbar(modules: parseASCII(result.stdout), quietZone: 0) == Data(Self.short.utf8))
    }

    @Test("input errors exit 2 with a message")
    func inputErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tooLong = try ProcessRunner.credkit(["qr", "--ec", "H", "--format", "ascii"], stdin: String(repeating: "a", count: 1300))
        #expect(tooLong.status == 2)
        #expect(tooLong.stderr.contains("too long"))
        let empty = try ProcessRunner.credkit(["qr", "--format", "ascii"], stdin: "\n")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no text"))
        let notUTF8 = try ProcessRunner.run(Fixtures.credkitBinary.path, ["qr", "--format", "ascii"], stdin: Data([0x66, 0xFF, 0x0A]))
        #expect(notUTF8.status == 2)
        #expect(notUTF8.stderr.contains("UTF-8"))
        let unwritable = try ProcessRunner.credkit(["qr", "--format", "png", "--output", directory.path("missing/code.png")], stdin: Self.short)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("missing/code.png"))
        let tooBig = try ProcessRunner.credkit(["qr", "--format", "png", "--scale", "1000", "--output", directory.path("big.png")], stdin: Self.short)
        #expect(tooBig.status == 2)
        #expect(tooBig.stderr.contains("pixels"))
    }

    // MARK: - Helpers

    private func permissions(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    /// Decodes an image file with zbarimg; the one symbol's bytes.
    private func zbar(_ path: String, inverted: Bool = false) throws -> Data {
        try QRReader.decode(imageAt: path, inverted: inverted)
    }

    /// Decodes modules drawn as text, adding `quietZone` light modules around them.
    private func zbar(modules: [[Bool]], quietZone: Int) throws -> Data {
        try QRReader.decode(Bitmap(rows: modules).padded(by: quietZone))
    }

    /// Parses `##` (dark) and two spaces (light) per module, one line per row.
    private func parseASCII(_ text: String) throws -> [[Bool]] {
        try TextPictures.parseASCII(text).rows
    }
}
