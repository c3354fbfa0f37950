import ArgumentParser
import CredKitCrypto
import CredKitOTP

extension TOTPCommand {
    /// `credkit totp verify CODE [NEXT_CODE]`: check a code, or two consecutive codes.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a code; with two codes, the AWS enrollment/resync check (two consecutive codes).",
            discussion: """
            Prints the matched step offset (0 current, negative late, positive early) and exits 0 when \
            valid; exits 1 when not. With NEXT_CODE, the two codes must belong to consecutive steps \
            within --window steps of now (default 10, as AWS does for EnableMFADevice), and the offset \
            printed is the second code's. With --state, a code for a step at or before the last \
            accepted one is refused.
            """)

        @Argument(help: "The code to check.")
        var code: String

        @Argument(help: "The next code from the same device: turns on the two-consecutive-codes check.")
        var nextCode: String?

        @Option(help: "Steps to accept on each side of now (default 1; 10 with two codes).")
        var window: Int?

        @OptionGroup var otp: OTPOptions
        @OptionGroup var timing: TOTPTimingOptions
        @OptionGroup var replay: ReplayOptions

        func validate() throws {
            if let window, !(0...1000).contains(window) {
                throw ValidationError("--window must be between 0 and 1000 steps, not \(window)")
            }
        }

        func run() throws {
            let loaded = try LoadedSecret.load(otp, expecting: .totp)
            let totp = try loaded.totp(otp, timing)
            let now = TimeArgument.resolve(timing.time)
            let check = OTPCheck(state: replay.state, secret: loaded.secret)
            do {
                if let nextCode {
                    try verifyPair(totp, now: now, check: check, nextCode: nextCode)
                } else {
                    try verifySingle(totp, now: now, check: check)
                }
            } catch let error as OTPError {
                throw CLIFailure.input(error.reason)
            }
        }

        private func verifySingle(_ totp: TOTP, now: Int64, check: OTPCheck) throws {
            let window = self.window ?? 1
            guard totp.isWellFormed(code) else {
                throw CLIFailure.failed("invalid code: expected \(totp.digits) digits")
            }
            var match: TOTPMatch?
            let accepted = try check.accept { last in
                match = try totp.verify(code, at: now, window: window, after: last)
                return match?.step
            }
            if let match, accepted != nil {
                try Console.line(String(match.offset))
                return
            }
            if try totp.verify(code, at: now, window: window) != nil {
                throw CLIFailure.failed("code refused: it was already used, or an equal or later code was accepted before")
            }
            throw CLIFailure.failed("invalid code")
        }

        private func verifyPair(_ totp: TOTP, now: Int64, check: OTPCheck, nextCode: String) throws {
            let window = self.window ?? 10
            var result: EnrollmentResult = .wrongCodes(firstMatched: false, secondMatched: false)
            var replayed = false
            _ = try check.accept { last in
                result = try totp.verifyConsecutive(code, nextCode, at: now, window: window)
                guard case let .accepted(step, _) = result else { return nil }
                if let last, step - 1 <= last {
                    replayed = true
                    return nil
                }
                return step
            }
            if replayed {
                throw CLIFailure.failed("codes refused: they were already used, or a later code was accepted before")
            }
            guard case let .accepted(_, offset) = result else {
                throw CLIFailure.failed("invalid codes: \(result.explanation)")
            }
            try Console.line(String(offset))
        }
    }
}

/// Runs a verification with or without a replay guard.
struct OTPCheck {
    private let guardFile: ReplayGuard?
    private let fingerprint: String

    init(state: String?, secret: CredKitCrypto.SecretBytes) {
        guardFile = state.map { ReplayGuard(stateFile: $0) }
        fingerprint = state == nil ? "" : ReplayGuard.fingerprint(of: secret)
    }

    /// Calls `verify` with the last accepted step (nil without a state file) and records the
    /// step it returns.
    func accept(_ verify: (UInt64?) throws -> UInt64?) throws -> UInt64? {
        guard let guardFile else { return try verify(nil) }
        return try guardFile.accept(secret: fingerprint, verify)
    }
}
