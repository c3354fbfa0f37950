import ArgumentParser
import CredKitCrypto
import CredKitOTP
import Foundation

extension TOTPCommand {
    /// `credkit totp new`: a new seed from the CSPRNG, 160 bits unless `--bits` says otherwise.
    struct New: ParsableCommand {
        /// The seed sizes offered: RFC 4226's minimum of 128 bits up to a SHA-512 block's worth.
        static let bitRange = 128...512

        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Make a new TOTP secret (160 bits unless --bits says otherwise) and its otpauth:// URI.",
            discussion: """
            Prints the secret in Base32 and as an otpauth:// URI. With --output FILE the URI is \
            written to FILE (created with mode 0600) instead, and only a redacted URI is printed; \
            FILE can then be given to --secret-file. Secrets are never shorter than the 128 bits \
            RFC 4226 asks for.
            """)

        @Option(help: "Secret size in bits: a multiple of 8 from 128 to 512 (default 160, what apps expect).")
        var bits: Int = 160

        @Option(help: "The issuer shown in authenticator apps (e.g. your company or service).")
        var issuer: String?

        @Option(help: "The account name shown in authenticator apps (default: $USER).")
        var account: String?

        @Option(help: "Hash function: sha1, sha256 or sha512. Many apps only support sha1.")
        var algorithm: HashAlgorithm = .sha1

        @Option(help: "Digits in a code, 6 to 10. Many apps only support 6.")
        var digits: Int = 6

        @Option(help: "Time step in seconds. Many apps only support 30.")
        var period: Int = 30

        @Option(help: ArgumentHelp("Write the otpauth:// URI to FILE (mode 0600) instead of printing the secret.", valueName: "file"))
        var output: String?

        @Flag(help: "Overwrite --output FILE if it exists.")
        var force = false

        func validate() throws {
            guard Self.bitRange.contains(bits), bits % 8 == 0 else {
                throw ValidationError("--bits must be a multiple of 8 from \(Self.bitRange.lowerBound) to \(Self.bitRange.upperBound), not \(bits)")
            }
            guard HOTP.digitRange.contains(digits) else { throw ValidationError("--digits must be between 6 and 10, not \(digits)") }
            guard TOTP.periodRange.contains(period) else { throw ValidationError("--period must be between 1 and 86400 seconds, not \(period)") }
        }

        func run() throws {
            let secret = try SecureRandom.secret(count: bits / 8)
            let accountName = account ?? ProcessInfo.processInfo.environment["USER"] ?? "user"
            let uri = OTPAuthURI(kind: .totp, secret: secret, account: accountName, issuer: issuer,
                                 algorithm: algorithm, digits: digits, period: period)
            if let output {
                try SecretOutput.write(uri.uriString() + "\n", to: output, replace: force)
                try Console.line("wrote \(output) (mode 0600)")
                try Console.line("uri: \(uri.redactedURIString())")
                return
            }
            try Console.line("secret: \(Base32.encode(secret))")
            try Console.line("uri: \(uri.uriString())")
        }
    }
}
