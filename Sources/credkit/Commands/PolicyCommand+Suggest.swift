import ArgumentParser
import CredKitPolicy

extension PolicyCommand {
    /// `credkit policy suggest`: a hardened policy as JSON for `update-account-password-policy`.
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Print a hardened policy as JSON for 'aws iam update-account-password-policy --cli-input-json'.",
            discussion: """
            Without a current policy, prints a fresh one. With one (a file, - or --aws-default), changes \
            as little as needed and prints the changes on standard error, so standard output stays \
            valid JSON: credkit policy suggest --baseline cis current.json > policy.json
            """)

        @Option(help: ArgumentHelp("The baseline to meet: cis or nist.", valueName: "name"))
        var baseline: Baseline

        @Flag(name: .customLong("with-mfa"), help: "Passwords are one factor of several (NIST: 8 characters minimum).")
        var withMFA = false

        @OptionGroup var source: PolicySource

        func validate() throws {
            guard PasswordPolicy.hardenableBaselines.contains(baseline) else {
                throw ValidationError("--baseline must be cis or nist for suggest, not \(baseline.rawValue)")
            }
        }

        func run() throws {
            let current = source.isGiven ? try source.load() : nil
            try Self.suggest(current: current, baseline: baseline, withMFA: withMFA)
        }

        /// Prints the hardened policy, and the changes from `current` on standard error.
        static func suggest(current: LoadedPolicy?, baseline: Baseline, withMFA: Bool) throws {
            let start = current?.policy ?? PasswordPolicy(allowUsersToChangePassword: true)
            guard let target = start.hardened(for: baseline, withMFA: withMFA) else {
                throw CLIFailure.input("cannot suggest a policy for \(baseline.rawValue)")
            }
            try Console.write(target.updateJSON())
            guard let current else { return }
            Console.flushStandardOutput()
            let changes = current.policy.changes(to: target)
            if changes.isEmpty {
                Console.writeStandardError("\(current.label) already meets \(baseline.rawValue): no changes\n")
            } else {
                Console.writeStandardError("Changes from \(current.label) to meet \(baseline.rawValue):\n")
                for change in changes { Console.writeStandardError("  \(change)\n") }
            }
        }
    }
}
