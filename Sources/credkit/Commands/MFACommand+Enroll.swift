import ArgumentParser
import CredKitCrypto
import CredKitOTP
import CredKitQR
import Foundation

extension MFACommand {
    /// `credkit mfa enroll`: make a seed, show it, and keep it only once the app proves it has it.
    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new seed, show its QR code, check two consecutive codes from the app, then save it.",
            discussion: """
            Prints the QR code, the otpauth:// URI and the seed in groups of four for manual entry, \
            then asks for the first and the second of two consecutive codes from the authenticator \
            app (from the terminal, or line by line from standard input when it is not a terminal). \
            They are checked as AWS EnableMFADevice does: the two codes must belong to consecutive \
            time steps within --window steps of now. On success the seed's URI is written to \
            --secret-file FILE with mode 0600 and the exit status is 0. On failure nothing is \
            written, the message says which check failed, and the exit status is 1.
            """)

        @Option(help: "The issuer shown in the app (your company or service).")
        var issuer: String

        @Option(help: "The account name shown in the app.")
        var account: String

        @Option(name: .customLong("secret-file"), help: ArgumentHelp("Where to save the seed (created with mode 0600).", valueName: "file"))
        var secretFile: String

        @Flag(help: "Replace --secret-file if it exists.")
        var force = false

        @Option(help: "Steps each side of now in which the two codes may fall (default 10, as AWS).")
        var window: Int = 10

        @Option(help: "How to draw the QR code: terminal or ascii (png/svg: use 'credkit mfa show' with 'credkit qr').")
        var format: QROutputFormat = .terminal

        func validate() throws {
            guard format == .terminal || format == .ascii else {
                throw ValidationError("--format must be terminal or ascii here")
            }
            guard (0...100).contains(window) else { throw ValidationError("--window must be between 0 and 100 steps") }
            guard !issuer.isEmpty, !account.isEmpty else { throw ValidationError("--issuer and --account must not be empty") }
            guard !issuer.contains(":") else { throw ValidationError("--issuer must not contain ':' (it separates issuer and account in the label)") }
        }

        func run() throws {
            // Fail before showing a seed that could not be saved.
            if !force, FileManager.default.fileExists(atPath: secretFile) {
                throw CLIFailure.input("'\(secretFile)' already exists; use --force to replace it")
            }
            let secret = try SecureRandom.secret(count: 20)
            let uri = OTPAuthURI(kind: .totp, secret: secret, account: account, issuer: issuer)
            let totp = try TOTP(secret: secret)
            let uriText = uri.uriString()

            try MFADisplay.show(uriText, secret: secret, format: format)
            try Console.line()
            try Console.flush()

            let interactive = Console.isTerminal(0)
            let first = try readCode(prompt: "Enter the first code shown by the app: ", interactive: interactive)
            if interactive {
                Console.writeStandardError("Wait for the code to change (at most 30 seconds).\n")
            }
            let second = try readCode(prompt: "Enter the next code shown by the app: ", interactive: interactive)

            let now = Int64(Date().timeIntervalSince1970.rounded(.down))
            let result = try totp.verifyConsecutive(first, second, at: now, window: window)
            guard result.isAccepted else {
                throw CLIFailure.failed("enrollment failed: \(result.explanation); nothing was saved")
            }
            try SecretOutput.write(uriText + "\n", to: secretFile, replace: force)
            try Console.line("MFA device enrolled: \(result.explanation).")
            try Console.line("Seed saved to \(secretFile) (mode 0600). Verify codes with: credkit totp verify CODE --secret-file \(secretFile)")
        }

        private func readCode(prompt: String, interactive: Bool) throws -> String {
            Console.writeStandardError(prompt)
            var line = SecretInput.readLine(fd: 0)
            defer { wipe(&line) }
            if !interactive { Console.writeStandardError("\n") }
            let code = String(decoding: line.filter { $0 != 0x20 && $0 != 0x0d && $0 != 0x09 }, as: UTF8.self)
            guard !code.isEmpty else {
                throw CLIFailure.failed("enrollment failed: no code was entered; nothing was saved")
            }
            return code
        }
    }
}

/// What enrollment and `mfa show` put on screen: QR code, URI, seed in groups of four.
enum MFADisplay {
    static func show(_ uriText: String, secret: SecretBytes, format: QROutputFormat) throws {
        let code: QRCode
        do {
            code = try QRCode(uriText, errorCorrection: .medium)
        } catch {
            throw CLIFailure.input(error.reason)
        }
        try Console.line("Scan this QR code with your authenticator app:")
        try Console.line()
        try QRDisplay.print(code, format: format)
        try Console.line()
        try Console.line("URI:  \(uriText)")
        try Console.line("Seed: \(Base32.grouped(Base32.encode(secret)))  (for manual entry: time-based, SHA1, 6 digits, 30 s)")
    }
}
