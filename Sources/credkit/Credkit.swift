import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Credkit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credkit",
        abstract: "MFA and credential hygiene: one-time codes, MFA enrollment, leaked-key scanning, key rotation and password policy.",
        discussion: """
        Exit status: 0 clean or valid, 1 findings or a failed check, 2 usage or input error.
        Secrets are read from files or standard input, never from the command line.
        """,
        version: CredkitVersion.current,
        subcommands: [
            TOTPCommand.self, HOTPCommand.self, QRCommand.self, MFACommand.self,
            ScanCommand.self, HookCommand.self, KeysCommand.self, AuditCommand.self,
            PolicyCommand.self, PasswordCommand.self, VersionCommand.self,
        ]
    )

    /// Runs the command tree with credkit's exit codes: ArgumentParser's usage errors
    /// (64 by default) and input errors become 2; `ExitCode` values pass through.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let code: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            code = 0
        } catch {
            code = report(error)
        }
        Console.flushStandardOutput()
        Glibc.exit(code)
    }

    private static func report(_ error: Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        if let failure = error as? CLIFailure {
            Console.error(failure.message)
            return failure.exitCode
        }
        if error is StandardOutputClosed { return 0 }
        let parserCode = exitCode(for: error)
        let message = fullMessage(for: error)
        if parserCode == .success {
            Console.flushStandardOutput()
            print(message)
            return 0
        }
        if !message.isEmpty { Console.error(message) }
        // Everything else is a usage or input error.
        return 2
    }
}

/// credkit's version string.
enum CredkitVersion {
    static let current = "0.1.0"
}
