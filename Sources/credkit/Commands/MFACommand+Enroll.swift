import ArgumentParser
import CredKitCrypto
import CredKitOTP
import CredKitQR
import Foundation

extension MFACommand {
    /// `credkit mfa enroll`: make a seed, show it, and keep it only once the app proves it has it.
    struct Enroll: ParsableCommand {
        /// Pairs of codes the user may type for one seed before the run gives up.
        static let maximumTries = 3

        static let configuration = CommandConfiguration(
            abstract: "Make a new seed, show its QR code, check two consecutive codes from the app, then save it.",
            discussion: """
            First checks that --secret-file can be saved: its folder exists (or is created with mode \
            0700 by --create-dirs) and takes a new file, and the file does not exist (or --force). \
            Then prints the otpauth:// URI and the seed in groups of four for manual entry, and below \
            them the QR code, drawn with a 1-module quiet zone and error correction L so that code and \
            prompt fit an 80x24 terminal (--margin, --ec, --format and --invert change that). It asks for the first and the second of two consecutive codes from the \
            authenticator app (from the terminal, or line by line from standard input when it is not \
            a terminal). Each code is checked as it is typed: digits only (spaces allowed), the right \
            count, a first code that matches the seed near now, and a second code that differs from \
            the first; a code that cannot be right is refused with the reason and asked again. The \
            pair is checked as AWS EnableMFADevice does: the two codes must belong to consecutive \
            time steps within --window steps of now. When it fails, the message says why (phone \
            clock off by N steps, codes not consecutive, a typo) and the same seed can be tried \
            again, up to \(maximumTries) pairs, so the app's entry stays valid. On success the seed's \
            URI is written to --secret-file with mode 0600 and the exit status is 0. When the run \
            ends without a good pair, nothing is written (folders made by --create-dirs are removed), \
            and the exit status is 1; usage and file errors exit 2 before any seed is shown. On a \
            terminal it offers to clear the screen and scrollback, where the seed stays otherwise.
            """)

        @Option(help: "The issuer shown in the app (your company or service).")
        var issuer: String

        @Option(help: "The account name shown in the app.")
        var account: String

        @Option(name: .customLong("secret-file"), help: ArgumentHelp("Where to save the seed (created with mode 0600).", valueName: "file"))
        var secretFile: String

        @Flag(help: "Replace --secret-file if it exists.")
        var force = false

        @Flag(name: .customLong("create-dirs"), help: "Create the folder of --secret-file (mode 0700) if it does not exist.")
        var createDirectories = false

        @Option(help: "Steps each side of now in which the two codes may fall (default 10, as AWS).")
        var window: Int = 10

        @OptionGroup var display: MFADisplayOptions

        func validate() throws {
            guard (0...100).contains(window) else { throw ValidationError("--window must be between 0 and 100 steps") }
            guard !issuer.isEmpty, !account.isEmpty else { throw ValidationError("--issuer and --account must not be empty") }
            guard !issuer.contains(":") else { throw ValidationError("--issuer must not contain ':' (it separates issuer and account in the label)") }
        }

        func run() throws {
            // Everything that can fail is checked before the seed is shown: a seed the phone has
            // scanned but credkit cannot save is lost.
            let preflight = try SecretFilePreflight.check(secretFile, force: force, createDirectories: createDirectories)
            let secret = try SecureRandom.secret(count: 20)
            let uri = OTPAuthURI(kind: .totp, secret: secret, account: account, issuer: issuer)
            let totp = try TOTP(secret: secret)
            let uriText = uri.uriString()
            let code: QRCode
            do {
                code = try QRCode(uriText, errorCorrection: display.errorCorrection)
            } catch {
                preflight.removeCreatedDirectories()
                throw CLIFailure.input(error.reason)
            }

            let interactive = Console.isTerminal(0)
            let onScreen = Console.isTerminal(1)
            do {
                try MFADisplay.show(uriText, secret: secret, code: code, options: display, linesBelow: 1)
                try Console.flush()
                let reader = CodeReader(totp: totp, interactive: interactive, window: window)
                let result = try checkPairs(reader, totp: totp)
                try SecretOutput.write(uriText + "\n", to: secretFile, replace: force)
                offerToClear(interactive: interactive, onScreen: onScreen)
                try Console.line("MFA device enrolled: \(result.explanation).")
                try Console.line("Seed saved to \(secretFile) (mode 0600). Verify codes with: credkit totp verify CODE --secret-file \(secretFile)")
            } catch {
                preflight.removeCreatedDirectories()
                if !(error is StandardOutputClosed) { offerToClear(interactive: interactive, onScreen: onScreen) }
                throw error
            }
        }

        /// Asks for pairs of codes until one passes, up to `maximumTries`.
        private func checkPairs(_ reader: CodeReader, totp: TOTP) throws -> EnrollmentResult {
            var attempt = 1
            while true {
                let first = try reader.read("Enter the first code shown by the app: ")
                if reader.interactive { Console.writeStandardError("Wait for the code to change (at most \(totp.period) seconds).\n") }
                let second = try reader.read("Enter the next code shown by the app: ", differentFrom: first)
                let now = Int64(Date().timeIntervalSince1970.rounded(.down))
                let result = try totp.verifyConsecutive(first, second, at: now, window: window)
                if result.isAccepted { return result }
                Console.error("those codes do not work: \(result.explanation)")
                guard attempt < Self.maximumTries else {
                    throw CLIFailure.failed("enrollment failed after \(Self.maximumTries) tries: \(result.explanation); nothing was saved. Delete the entry you added in the app before the next run, which makes a new seed")
                }
                attempt += 1
                Console.writeStandardError("Try again with the same seed (the app's entry stays valid)? [Y/n] ")
                guard let answer = reader.answer(), !answer.hasPrefix("n") else {
                    throw CLIFailure.failed("enrollment stopped: \(result.explanation); nothing was saved. Delete the entry you added in the app before the next run, which makes a new seed")
                }
                Console.writeStandardError("Try \(attempt) of \(Self.maximumTries).\n")
            }
        }

        /// The seed stays on screen and in the scrollback: offer to clear both, or say so.
        private func offerToClear(interactive: Bool, onScreen: Bool) {
            guard onScreen else { return }
            guard interactive else {
                Console.error("note: the seed is still on the screen and in the terminal's scrollback: clear them (clear; printf '\\033[3J') when done")
                return
            }
            Console.writeStandardError("The seed is still on the screen and in the terminal's scrollback. Clear them now? [Y/n] ")
            let answer = CodeReader.readAnswer()
            if answer == nil || answer?.hasPrefix("n") == true {
                Console.error("note: not cleared: the seed stays in the scrollback until you clear it (clear; printf '\\033[3J')")
                return
            }
            // Home, erase the screen, erase the scrollback (xterm's ED 3).
            try? Console.write("\u{1B}[H\u{1B}[2J\u{1B}[3J")
            try? Console.flush()
            Console.error("Screen and scrollback cleared.")
        }
    }
}

/// Reads enrollment codes, refusing at once a code that cannot be right and asking again.
struct CodeReader {
    let totp: TOTP
    let interactive: Bool
    let window: Int

    /// Reads a code after `prompt`; nil `differentFrom` for the first code of a pair.
    /// - Throws: `CLIFailure.failed` when the input ends first.
    func read(_ prompt: String, differentFrom first: String? = nil) throws -> String {
        while true {
            Console.writeStandardError(prompt)
            guard var line = SecretInput.readLineOrEnd(fd: 0) else {
                if !interactive { Console.writeStandardError("\n") }
                throw CLIFailure.failed("enrollment stopped: no code was entered; nothing was saved")
            }
            defer { wipe(&line) }
            if !interactive { Console.writeStandardError("\n") }
            let typed = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0d }
            if let problem = problem(with: typed, differentFrom: first) {
                Console.error("refused: \(problem)")
                continue
            }
            return String(decoding: typed, as: UTF8.self)
        }
    }

    /// Why a typed code cannot be right, or nil.
    private func problem(with typed: [UInt8], differentFrom first: String?) -> String? {
        if typed.isEmpty { return "no code was typed; type the \(totp.digits) digits the app shows" }
        if let bad = typed.first(where: { !(0x30...0x39).contains($0) }) {
            let shown = (0x21..<0x7f).contains(bad) ? "'\(Character(Unicode.Scalar(bad)))'" : "a character that"
            return "\(shown) is not a digit; a code is \(totp.digits) digits (spaces are allowed)"
        }
        if typed.count != totp.digits {
            return "that is \(typed.count) digit\(typed.count == 1 ? "" : "s"); the app shows \(totp.digits)"
        }
        let code = String(decoding: typed, as: UTF8.self)
        if let first {
            if ConstantTime.equals(code, first) {
                return "that is the first code again: wait until the app shows a new code (at most \(totp.period) seconds), then type that one"
            }
            return nil
        }
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        // Far wider than the check's window, so a phone clock that is off is told apart from a typo.
        let diagnostic = max(window, 10) * 4
        let match = try? totp.verify(code, at: now, window: diagnostic)
        if match == nil {
            return "that code does not match this seed near the current time: check it for a typo, and that the app shows the account you just added"
        }
        return nil
    }

    /// Reads a yes/no answer, lowercased; nil when the input ended.
    func answer() -> String? {
        let answer = Self.readAnswer()
        if !interactive { Console.writeStandardError("\n") }
        return answer
    }

    /// Reads one line from standard input, trimmed and lowercased; nil at the end of input.
    static func readAnswer() -> String? {
        guard let line = SecretInput.readLineOrEnd(fd: 0) else { return nil }
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// What enrollment and `mfa show` put on screen: URI, seed in groups of four, then the QR code,
/// so that on a small terminal the text scrolls away first and the code stays whole.
enum MFADisplay {
    /// Prints the seed and its code.
    /// - Parameter linesBelow: lines the caller prints after the code (a prompt), counted when
    ///   warning that the code will not fit the terminal's height.
    static func show(_ uriText: String, secret: SecretBytes, code: QRCode, options: MFADisplayOptions, linesBelow: Int) throws {
        let format = QRDisplay.effectiveFormat(options.format, toFile: false, colourless: .utf8)
        let rendering = try QRDisplay.render(code, format: format, margin: options.margin, invert: options.invert)
        try Console.line("URI:  \(uriText)")
        try Console.line("Seed: \(Base32.grouped(Base32.encode(secret)))  (TOTP, SHA1, 6 digits, 30 s)")
        try Console.line("Scan this QR code with your authenticator app, or type the seed above:")
        let advice = MFADisplayOptions.advice(for: format)
        QRDisplay.warnIfTooWide(columns: rendering.columns, advice: advice)
        QRDisplay.warnIfTooTall(lines: rendering.lines, below: linesBelow + 1, advice: advice)
        try Console.write(rendering.text)
    }
}
