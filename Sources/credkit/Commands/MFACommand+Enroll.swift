import ArgumentParser
import CredKitCrypto
import CredKitOTP
import CredKitQR
import Foundation

extension MFACommand {
    /// `credkit mfa enroll`: make a seed (or have AWS make one), show it, and keep it only once
    /// the app proves it has it.
    struct Enroll: ParsableCommand {
        /// Pairs of codes the user may type for one seed before the run gives up.
        static let maximumTries = CodePairPrompt.maximumTries

        static let configuration = CommandConfiguration(
            commandName: "enroll",
            abstract: "Make a new seed (locally, or a virtual MFA device in AWS with --iam-user), show its QR code, and check two consecutive codes from the app.",
            discussion: """
            Locally (--issuer, --account, --secret-file): first checks that --secret-file can be saved: \
            its folder exists (or is created with mode 0700 by --create-dirs) and takes a new file, and \
            the file does not exist (or --force). Then prints the otpauth:// URI and the seed in groups \
            of four for manual entry, and below them the QR code, drawn with a 1-module quiet zone and \
            error correction L so that code and prompt fit an 80x24 terminal (--margin, --ec, --format \
            and --invert change that). It asks for the first and the second of two consecutive codes \
            from the authenticator app (from the terminal, or line by line from standard input when it \
            is not a terminal). Each code is checked as it is typed: digits only (spaces allowed), the \
            right count, a first code that matches the seed near now, and a second code that differs \
            from the first; a code that cannot be right is refused with the reason and asked again. \
            The pair is checked as AWS EnableMFADevice does: the two codes must belong to consecutive \
            time steps within --window steps of now. When it fails, the message says why (phone clock \
            off by N steps, codes not consecutive, a typo) and the same seed can be tried again, up to \
            \(maximumTries) pairs, so the app's entry stays valid. On success the seed's URI is written \
            to --secret-file with mode 0600 and the exit status is 0. When the run ends without a good \
            pair, nothing is written (folders made by --create-dirs are removed), and the exit status \
            is 1; usage and file errors exit 2 before any seed is shown. On a terminal it offers to \
            clear the screen and scrollback, where the seed stays otherwise.

            In AWS (--iam-user NAME, with --profile, --region, --endpoint-url, --timeout): checks that \
            the user exists and has fewer than 8 MFA devices, then creates a virtual MFA device \
            (CreateVirtualMFADevice, named --device-name, default the user name, with --path and \
            --tag), shows the seed AWS made in the same way, and sends each pair of codes to AWS \
            (EnableMFADevice), which decides; a refused pair can be tried again with the same device. \
            When the run ends without an assigned device (no good pair, no more input, Ctrl-C, an \
            error), the unassigned device is deleted (DeleteVirtualMFADevice) so nothing is left \
            behind, and the exit status is 1 (2 for errors from AWS: access denied, no such user, \
            too many devices, a device name in use). The seed is written nowhere unless --secret-file \
            asks for a copy (mode 0600, after AWS accepted the codes). The caller needs \
            iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices and \
            iam:DeleteVirtualMFADevice. The root user's MFA cannot be assigned this way (--root says why).
            """)

        @Option(help: "The issuer shown in the app (your company or service; in AWS default 'AWS').")
        var issuer: String?

        @Option(help: "The account name shown in the app (in AWS default NAME@ACCOUNT-ID).")
        var account: String?

        @Option(name: .customLong("secret-file"),
                help: ArgumentHelp("Where to save the seed (created with mode 0600); in AWS optional, a copy.", valueName: "file"))
        var secretFile: String?

        @Flag(help: "Replace --secret-file if it exists.")
        var force = false

        @Flag(name: .customLong("create-dirs"), help: "Create the folder of --secret-file (mode 0700) if it does not exist.")
        var createDirectories = false

        @Option(help: "Steps each side of now in which the two codes may fall (default 10, as AWS).")
        var window: Int = 10

        @Option(name: .customLong("iam-user"),
                help: ArgumentHelp("Create a virtual MFA device in AWS and assign it to this IAM user.", valueName: "name"))
        var iamUser: String?

        @Option(name: .customLong("device-name"), help: ArgumentHelp("The virtual MFA device's name (default: the user name).", valueName: "name"))
        var deviceName: String?

        @Option(help: ArgumentHelp("The virtual MFA device's path (default /).", valueName: "path"))
        var path: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for the virtual MFA device (repeatable).", valueName: "key=value"))
        var tags: [String] = []

        @Flag(help: "Explain how to assign the root user's MFA (it cannot be done here).")
        var root = false

        @OptionGroup var display: MFADisplayOptions
        @OptionGroup var aws: AWSOptions

        func validate() throws {
            guard (0...100).contains(window) else { throw ValidationError("--window must be between 0 and 100 steps") }
            if root { return }
            if let issuer {
                guard !issuer.isEmpty else { throw ValidationError("--issuer must not be empty") }
                guard !issuer.contains(":") else { throw ValidationError("--issuer must not contain ':' (it separates issuer and account in the label)") }
            }
            if account?.isEmpty == true { throw ValidationError("--account must not be empty") }
            if let iamUser {
                try MFAAWSSupport.validateName(iamUser, option: "--iam-user")
                try MFAAWSSupport.validateName(deviceName ?? iamUser, option: "--device-name")
                if let path { try MFAAWSSupport.validatePath(path) }
                _ = try parsedTags()
            } else {
                guard issuer != nil, account != nil, secretFile != nil else {
                    throw ValidationError("give --issuer, --account and --secret-file for a seed of your own, or --iam-user NAME for a virtual MFA device in AWS")
                }
                if deviceName != nil || path != nil || !tags.isEmpty {
                    throw ValidationError("--device-name, --path and --tag name a device in AWS: add --iam-user NAME")
                }
            }
        }

        /// `--tag KEY=VALUE` as pairs.
        func parsedTags() throws -> [(key: String, value: String)] {
            try tags.map { tag in
                guard let equals = tag.firstIndex(of: "="), equals != tag.startIndex else {
                    throw ValidationError("--tag takes KEY=VALUE, not '\(tag)'")
                }
                return (String(tag[..<equals]), String(tag[tag.index(after: equals)...]))
            }
        }

        func run() throws {
            if root { throw CLIFailure.input(MFAAWSSupport.rootExplanation) }
            if let iamUser { return try enrollInAWS(iamUser) }
            guard let issuer, let account, let secretFile else { throw CLIFailure.input("give --issuer, --account and --secret-file") }
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
                let prompt = CodePairPrompt(reader: CodeReader(totp: totp, interactive: interactive, window: window))
                let explanation = try prompt.run { first, second in
                    let now = Int64(Date().timeIntervalSince1970.rounded(.down))
                    let result = try totp.verifyConsecutive(first, second, at: now, window: window)
                    return result.isAccepted ? .accepted(result.explanation) : .rejected(result.explanation)
                }
                try SecretOutput.write(uriText + "\n", to: secretFile, replace: force)
                offerToClear(interactive: interactive, onScreen: onScreen)
                try Console.line("MFA device enrolled: \(explanation).")
                try Console.line("Seed saved to \(secretFile) (mode 0600). Verify codes with: credkit totp verify CODE --secret-file \(secretFile)")
            } catch {
                preflight.removeCreatedDirectories()
                if !(error is StandardOutputClosed) { offerToClear(interactive: interactive, onScreen: onScreen) }
                if let stopped = error as? PairPromptStopped {
                    guard stopped.codesWereTyped else { throw CLIFailure.failed("enrollment \(stopped.summary); nothing was saved") }
                    throw CLIFailure.failed("enrollment \(stopped.summary); nothing was saved. Delete the entry you added in the app before the next run, which makes a new seed")
                }
                throw error
            }
        }

        /// The seed stays on screen and in the scrollback: offer to clear both, or say so.
        func offerToClear(interactive: Bool, onScreen: Bool) {
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
