import ArgumentParser
import Foundation
import CredKitOTP

/// `credkit hotp`: counter-based one-time passwords (RFC 4226).
struct HOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotp",
        abstract: "Generate and verify counter-based one-time codes (RFC 4226).",
        discussion: """
        The secret is read from --secret-file FILE or standard input: a Base32 seed, or a whole \
        otpauth://hotp/ URI whose counter, algorithm and digits become the defaults.
        """,
        subcommands: [Code.self, Verify.self]
    )

    /// The counter: the option, else the URI's `counter`.
    static func counter(_ option: UInt64?, _ loaded: LoadedSecret) throws -> UInt64 {
        if let option { return option }
        if let counter = loaded.uri?.counter { return counter }
        throw CLIFailure.input("--counter is required (the secret has no otpauth URI counter)")
    }

    /// The last of `count` counters from `first`.
    /// - Throws: `CLIFailure.input` when they would run past 2^64 - 1, the last counter: refused
    ///   rather than cut short, so a script never gets fewer codes than it asked for.
    static func lastCounter(from first: UInt64, count: Int) throws -> UInt64 {
        let (last, overflow) = first.addingReportingOverflow(UInt64(count - 1))
        guard !overflow else {
            // `first` is above 0 here (a count fits in 63 bits), so this does not overflow.
            throw CLIFailure.input("--count \(count) runs past the last counter, \(UInt64.max): from \(first) there are only \(UInt64.max - first + 1) codes")
        }
        return last
    }
}

extension HOTPCommand {
    /// `credkit hotp code --counter N`.
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code", abstract: "Print the code for a counter, or --count codes from it.")

        @Option(help: "The counter value (default: the URI's counter).")
        var counter: UInt64?

        @Option(help: "Print N consecutive codes, one a line (refused if they would run past the last counter, 2^64 - 1).")
        var count: Int = 1

        @OptionGroup var otp: OTPOptions

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        }

        func run() throws {
            let loaded = try LoadedSecret.load(otp, expecting: .hotp)
            let hotp = try loaded.hotp(otp)
            let first = try HOTPCommand.counter(counter, loaded)
            let last = try HOTPCommand.lastCounter(from: first, count: count)
            try hotp.writeCodes(counters: first...last, threads: ProcessInfo.processInfo.activeProcessorCount) { try Console.write(bytes: $0) }
        }
    }

    /// `credkit hotp verify CODE --counter N [--look-ahead K]`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a code against a counter and the next --look-ahead counters.",
            discussion: """
            Prints the offset of the matching counter from --counter and exits 0 when valid (the \
            next counter to use is that counter plus one, shown on standard error); exits 1 when \
            not. With --state, codes for counters at or before the last accepted one are refused. \
            Counters run from 0 to 2^64 - 1; once a code for the last one is accepted, the state \
            refuses every later code (exit 1): the seed is used up.
            """)

        @Argument(help: "The code to check.")
        var code: String

        @Option(help: "The expected counter (default: the URI's counter).")
        var counter: UInt64?

        @Option(name: .customLong("look-ahead"), help: "Also accept the next K counters (resynchronisation).")
        var lookAhead: Int = 0

        @OptionGroup var otp: OTPOptions
        @OptionGroup var replay: ReplayOptions

        func validate() throws {
            guard (0...10_000).contains(lookAhead) else { throw ValidationError("--look-ahead must be between 0 and 10000") }
        }

        func run() throws {
            let loaded = try LoadedSecret.load(otp, expecting: .hotp)
            let hotp = try loaded.hotp(otp)
            let start = try HOTPCommand.counter(counter, loaded)
            let check = OTPCheck(state: replay.state, secret: loaded.secret)
            let matched: UInt64?
            var exhausted = false
            do {
                matched = try check.accept { last in
                    var from = start
                    var ahead = lookAhead
                    if let last, last >= from {
                        // Skip counters already used; keep the window's end where it was.
                        guard last < UInt64.max else {
                            exhausted = true
                            return nil
                        }
                        guard last - from < UInt64(ahead) else { return nil }
                        ahead -= Int(last - from) + 1
                        from = last + 1
                    }
                    return hotp.verify(code, counter: from, lookAhead: ahead)
                }
            } catch let error as OTPError {
                throw CLIFailure.input(error.reason)
            }
            guard let matched else {
                if exhausted {
                    throw CLIFailure.failed("code refused: the counter is exhausted: \(UInt64.max), the last counter, was already used; enrol a new seed")
                }
                if hotp.verify(code, counter: start, lookAhead: lookAhead) != nil {
                    throw CLIFailure.failed("code refused: its counter was already used")
                }
                throw CLIFailure.failed("invalid code")
            }
            try Console.line(String(matched - start))
            if matched == UInt64.max {
                Console.error("next counter: none: \(matched) is the last counter, the counter is exhausted")
            } else {
                Console.error("next counter: \(matched + 1)")
            }
        }
    }
}
