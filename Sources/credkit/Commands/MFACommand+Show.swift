import ArgumentParser
import CredKitCrypto
import CredKitOTP
import CredKitQR

extension MFACommand {
    /// `credkit mfa show`: display an existing seed again, to enroll another device.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the QR code and URI of an existing seed again (it prints the seed: mind who is watching).")

        @Option(name: .customLong("secret-file"), help: ArgumentHelp("The seed: an otpauth:// URI or Base32 (mode 0600).", valueName: "file"))
        var secretFile: String

        @Option(help: "Issuer for a bare Base32 seed (a URI carries its own).")
        var issuer: String?

        @Option(help: "Account for a bare Base32 seed (a URI carries its own).")
        var account: String?

        @OptionGroup var display: MFADisplayOptions

        func run() throws {
            let loaded = try LoadedSecret.load(OTPOptions.file(secretFile), expecting: .totp)
            var uri = loaded.uri ?? OTPAuthURI(secret: loaded.secret, account: account ?? "account", issuer: issuer)
            if loaded.fromGoogleAuthenticator {
                uri.account = account ?? "account"
                uri.labelIssuer = issuer
                uri.issuerParameter = issuer
            } else if loaded.uri != nil {
                if let issuer { uri.issuerParameter = issuer; uri.labelIssuer = issuer }
                if let account { uri.account = account }
            }
            Console.warning("showing the seed of '\(secretFile)': anyone who sees it can make your codes")
            let code: QRCode
            do {
                code = try QRCode(uri.uriString(), errorCorrection: display.errorCorrection)
            } catch {
                throw CLIFailure.input(error.reason)
            }
            try MFADisplay.show(uri.uriString(), secret: loaded.secret, code: code, options: display, linesBelow: 0)
        }
    }
}
