import ArgumentParser
import CredKitCrypto
import CredKitOTP

/// Where the secret comes from and how codes are made; shared by the `totp` and `hotp` commands.
struct OTPOptions: ParsableArguments {
    @Option(name: .customLong("secret-file"),
            help: ArgumentHelp("Read the secret (Base32, or a whole otpauth:// URI) from FILE, which must be private (chmod 600). Default: standard input.",
                               valueName: "file"))
    var secretFile: String?

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
    let uri: OTPAuthURI?

    /// Reads and parses the secret, printing the URI's warnings on standard error.
    static func load(_ options: OTPOptions, expecting kind: OTPAuthURI.Kind) throws -> LoadedSecret {
        var text = try SecretInput.read(file: options.secretFile, prompt: "Secret (Base32 or otpauth:// URI): ")
        defer { wipe(&text) }
        let source = options.secretFile.map { "'\($0)'" } ?? "standard input"
        do {
            let (secret, uri) = try OTPSecretText.parse(text)
            if let uri {
                if uri.kind != kind {
                    throw CLIFailure.input("the URI in \(source) is for \(uri.kind.rawValue), not \(kind.rawValue): use 'credkit \(uri.kind.rawValue)'")
                }
                uri.warnings.forEach { Console.warning("\(source): \($0)") }
            }
            return LoadedSecret(secret: secret, uri: uri)
        } catch let error as OTPError {
            throw CLIFailure.input("\(source): \(error.reason)")
        }
    }

    /// The algorithm: the option, else the URI's, else SHA-1; warns when the option overrides the URI.
    func algorithm(_ option: HashAlgorithm?) -> HashAlgorithm {
        resolve(option, uri?.algorithm, default: .sha1, name: "algorithm") { $0.rawValue }
    }

    /// The digits: the option, else the URI's, else 6.
    func digits(_ option: Int?) -> Int {
        resolve(option, uri?.digits, default: 6, name: "digits") { String($0) }
    }

    /// The period: the option, else the URI's, else 30.
    func period(_ option: Int?) -> Int {
        resolve(option, uri?.period, default: 30, name: "period") { String($0) }
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
    static func file(_ path: String) -> OTPOptions {
        var options = OTPOptions()
        options.secretFile = path
        return options
    }
}
