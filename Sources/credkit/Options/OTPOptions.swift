import ArgumentParser
import CredKitCrypto
import CredKitOTP

/// Where the secret comes from and how codes are made; shared by the `totp` and `hotp` commands.
struct OTPOptions: ParsableArguments {
    @Option(name: .customLong("secret-file"),
            help: ArgumentHelp("Read the secret from FILE, which must be private (chmod 600): Base32 (white space and line breaks allowed), a whole otpauth:// URI, hex:KEY, or a ~/.google_authenticator file. Default: standard input.",
                               valueName: "file"))
    var secretFile: String?

    @Flag(help: "The key is hex, as oathtool takes it by default (or write it as hex:KEY).")
    var hex = false

    @Option(help: "Hash function: sha1, sha256 or sha512 (default: from the URI, else sha1).")
    var algorithm: HashAlgorithm?

    @Option(help: "Digits in a code, 6 to 10 (default: from the URI, else 6).")
    var digits: Int?

    func validate() throws {
        if let digits, !HOTP.digitRange.contains(digits) {
            throw ValidationError("--digits must be between 6 and 10, not \(digits)")
        }
    }
}

/// The TOTP timing options.
struct TOTPTimingOptions: ParsableArguments {
    @Option(help: "Time step in seconds (default: from the URI, else 30).")
    var period: Int?

    @Option(name: .customLong("start-time"),
            help: ArgumentHelp("T0, the time step 0 starts: Unix seconds or ISO 8601 (default 0).", valueName: "time"))
    var startTime: TimeArgument?

    @Option(help: ArgumentHelp("The time to use: Unix seconds, @seconds or ISO 8601 (default: now).", valueName: "time"))
    var time: TimeArgument?

    func validate() throws {
        if let period, !TOTP.periodRange.contains(period) {
            throw ValidationError("--period must be between 1 and 86400 seconds, not \(period)")
        }
    }
}

/// A secret loaded from a file or standard input, with the URI's parameters if one was given.
struct LoadedSecret {
    let secret: SecretBytes
    /// The URI given, or one that carries a ~/.google_authenticator file's type, counter and period.
    let uri: OTPAuthURI?
    /// The ~/.google_authenticator file the secret came from, if any (its URI has no account,
    /// and only its period may differ from the defaults).
    var googleAuthenticator: GoogleAuthenticatorFile? = nil

    var fromGoogleAuthenticator: Bool { googleAuthenticator != nil }

    /// The URI's parameters, when a real URI was given.
    private var givenURI: OTPAuthURI? { fromGoogleAuthenticator ? nil : uri }

    /// Reads and parses the secret, printing the URI's warnings on standard error.
    static func load(_ options: OTPOptions, expecting kind: OTPAuthURI.Kind) throws -> LoadedSecret {
        var text = try SecretInput.read(file: options.secretFile, prompt: "Secret (Base32 or otpauth:// URI): ")
        defer { wipe(&text) }
        let source = options.secretFile.map { "'\($0)'" } ?? "standard input"
        do {
            let parsed = try OTPSecretText.parse(text, keyFormat: options.hex ? .hex : .base32)
            var uri = parsed.uri
            if let file = parsed.googleAuthenticator {
                uri = OTPAuthURI(kind: file.kind, secret: parsed.secret, account: "", issuer: nil,
                                 period: file.period ?? 30, counter: file.counter)
            }
            if let uri {
                if uri.kind != kind {
                    let what = parsed.googleAuthenticator == nil ? "the URI in \(source) is" : "\(source) is a google_authenticator file"
                    throw CLIFailure.input("\(what) for \(uri.kind.rawValue), not \(kind.rawValue): use 'credkit \(uri.kind.rawValue)'")
                }
                uri.warnings.forEach { Console.warning("\(source): \($0)") }
            }
            parsed.warnings.forEach { Console.warning("\(source): \($0)") }
            return LoadedSecret(secret: parsed.secret, uri: uri, googleAuthenticator: parsed.googleAuthenticator)
        } catch let error as OTPError {
            throw CLIFailure.input("\(source): \(error.reason)")
        }
    }

    /// The algorithm: the option, else the URI's, else SHA-1; warns when the option overrides the URI.
    func algorithm(_ option: HashAlgorithm?) -> HashAlgorithm {
        resolve(option, givenURI?.algorithm, default: .sha1, name: "algorithm") { $0.rawValue }
    }

    /// The digits: the option, else the URI's, else 6.
    func digits(_ option: Int?) -> Int {
        resolve(option, givenURI?.digits, default: 6, name: "digits") { String($0) }
    }

    /// The period: the option, else the URI's, else 30.
    func period(_ option: Int?) -> Int {
        resolve(option, givenURI?.period ?? googleAuthenticator?.period, default: 30, name: "period") { String($0) }
    }

    private func resolve<T: Equatable>(_ option: T?, _ fromURI: T?, default fallback: T, name: String, _ show: (T) -> String) -> T {
        if let option {
            if let fromURI, fromURI != option {
                Console.warning("--\(name) \(show(option)) overrides \(name)=\(show(fromURI)) from the URI")
            }
            return option
        }
        return fromURI ?? fallback
    }

    /// A TOTP generator from the secret, the URI and the options.
    func totp(_ options: OTPOptions, _ timing: TOTPTimingOptions) throws -> TOTP {
        do {
            return try TOTP(secret: secret, algorithm: algorithm(options.algorithm), digits: digits(options.digits),
                            period: period(timing.period), startTime: timing.startTime?.seconds ?? 0)
        } catch let error as OTPError {
            throw CLIFailure.input(error.reason)
        }
    }

    /// An HOTP generator from the secret, the URI and the options.
    func hotp(_ options: OTPOptions) throws -> HOTP {
        do {
            return try HOTP(secret: secret, algorithm: algorithm(options.algorithm), digits: digits(options.digits))
        } catch let error as OTPError {
            throw CLIFailure.input(error.reason)
        }
    }
}

/// Replay protection from the command line.
struct ReplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Replay protection: remember the last accepted step in FILE and refuse any code for it or an earlier one.",
                               valueName: "file"))
    var state: String?
}

extension OTPOptions {
    /// Options that read the secret from `path` with no overrides.
    static func file(_ path: String) throws -> OTPOptions {
        // Parsed, not built by hand: a flag of an unparsed option group cannot be read.
        try OTPOptions.parse(["--secret-file=\(path)"])
    }
}
