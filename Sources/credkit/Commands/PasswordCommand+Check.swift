import ArgumentParser
import CredKitCrypto
import CredKitPolicy

extension PasswordCommand {
    /// `credkit password check`: policy compliance, zxcvbn score and breach-list lookups.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check passwords read from standard input, one a line.",
            discussion: """
            A password fails when it breaks the policy (--policy FILE, else AWS's default policy), \
            scores below --min-score on zxcvbn's 0-4 scale, or is in the --breach-file list (Have I \
            Been Pwned's SHA-1 format: sorted SHA1:COUNT lines). Passwords are referred to by line \
            number and never printed. Exit status: 0 all pass, 1 one fails, 2 bad input.
            """)

        @Option(help: ArgumentHelp("A policy JSON file (aws iam get-account-password-policy output). Default: AWS's default policy.",
                                   valueName: "file"))
        var policy: String?

        @Option(name: .customLong("user-input"), parsing: .upToNextOption,
                help: ArgumentHelp("Words that make a password weaker for this user (names, company, service), for zxcvbn.",
                                   valueName: "word"))
        var userInputs: [String] = []

        @Option(name: .customLong("min-score"), help: "The lowest acceptable zxcvbn score, 0 to 4.")
        var minScore: Int = 3

        @Option(name: .customLong("breach-file"),
                help: ArgumentHelp("A sorted SHA1:COUNT list (Have I Been Pwned's format) to look passwords up in.",
                                   valueName: "file"))
        var breachFile: String?

        @Flag(name: .customLong("verify-breach-file"),
              help: "Check every line of --breach-file and its sort order first (reads the whole file).")
        var verifyBreachFile = false

        @Option(help: "Output format: text or json.")
        var format: PolicyReportFormat = .text

        func validate() throws {
            guard PasswordCheck.scoreRange.contains(minScore) else {
                throw ValidationError("--min-score must be from 0 to 4, not \(minScore)")
            }
            if verifyBreachFile, breachFile == nil {
                throw ValidationError("--verify-breach-file needs --breach-file")
            }
        }

        func run() throws {
            if policy == "-" {
                throw CLIFailure.input("--policy cannot be standard input: passwords are read from there")
            }
            let loaded = try policy.map(PolicySource.read) ?? LoadedPolicy(policy: .awsDefault, label: "AWS default policy")
            let breachList = try openBreachList()
            let check = PasswordCheck(policy: loaded.policy, minimumScore: minScore, userInputs: userInputs,
                                      breachList: breachList)
            var report = PasswordReport(policyLabel: loaded.label, minimumScore: minScore,
                                        breachFile: breachFile, format: format)
            let reader = PasswordLineReader()
            while var line = try reader.next() {
                defer { wipe(&line) }
                do {
                    try report.add(try check.check(line), line: reader.lineNumber)
                } catch let error as PolicyError {
                    throw CLIFailure.input("standard input line \(reader.lineNumber): \(error.reason)")
                }
            }
            guard report.count > 0 else {
                throw CLIFailure.input("no passwords on standard input (one a line)")
            }
            try report.finish()
            if report.failures > 0 { throw ExitCode(1) }
        }

        private func openBreachList() throws -> BreachList? {
            guard let breachFile else { return nil }
            do {
                let list = try BreachList(path: breachFile)
                if list.isEmpty { Console.warning("breach file '\(breachFile)' is empty: no password will be found in it") }
                if verifyBreachFile { _ = try list.verify() }
                return list
            } catch let error as PolicyError {
                throw CLIFailure.input(error.reason)
            }
        }
    }
}
