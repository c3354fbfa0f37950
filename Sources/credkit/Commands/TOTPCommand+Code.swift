import ArgumentParser
import Foundation
import CredKitCrypto
import CredKitOTP

extension TOTPCommand {
    /// `credkit totp code`: print the current code, or several consecutive ones.
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code",
            abstract: "Print the code for now (or --time), or --count consecutive codes from then.",
            discussion: """
            A time before --start-time (T0) is an error (exit 2): RFC 6238 defines no time step \
            before T0. oathtool instead rounds (time - T0) / period towards zero and wraps below \
            zero, so it prints step 0's code for the period before T0 and step 2^64 - 1's earlier.
            """)

        @OptionGroup var otp: OTPOptions
        @OptionGroup var timing: TOTPTimingOptions

        @Option(help: "Print N consecutive codes, one a line, starting at the time given (like oathtool -w N-1).")
        var count: Int = 1

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        }

        func run() throws {
            let loaded = try LoadedSecret.load(otp, expecting: .totp)
            let totp = try loaded.totp(otp, timing)
            let time = TimeArgument.resolve(timing.time)
            let first: UInt64
            do {
                first = try totp.step(at: time)
            } catch let error as OTPError {
                throw CLIFailure.input(error.reason)
            }
            let (last, overflow) = first.addingReportingOverflow(UInt64(count - 1))
            guard !overflow else { throw CLIFailure.input("--count \(count) runs past the last time step, \(UInt64.max)") }
            try totp.hotp.writeCodes(counters: first...last, threads: ProcessInfo.processInfo.activeProcessorCount) { chunk in
                try Console.write(bytes: chunk)
            }
        }
    }
}
