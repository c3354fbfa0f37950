import ArgumentParser
import Foundation
import CredKitCrypto
import CredKitOTP

extension TOTPCommand {
    /// `credkit totp code`: print the current code, or several consecutive ones.
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the code for now (or --time), or --count consecutive codes from then.")

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
            let (end, overflow) = first.addingReportingOverflow(UInt64(count))
            guard !overflow else { throw CLIFailure.input("--count \(count) runs past the last time step") }
            try totp.hotp.writeCodes(counters: first..<end, threads: ProcessInfo.processInfo.activeProcessorCount) { chunk in
                try Console.write(bytes: chunk)
            }
        }
    }
}
