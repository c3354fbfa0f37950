import ArgumentParser
import CredKitPolicy

extension PolicyCommand {
    /// `credkit policy check`: rules per baseline, disagreements, and real strength.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a password policy against baselines and show how weak a compliant password can be.",
            discussion: """
            Each rule prints PASS, FAIL or MANUAL (IAM cannot express it) with the expected and actual \
            value and its reference. The strength section gives the size of the smallest password space \
            the policy allows and the weakest common-pattern password it accepts, scored by zxcvbn. \
            Exit status: 0 every rule passes, 1 a rule fails, 2 bad input.
            """)

        @OptionGroup var source: PolicySource

        @Option(name: .customLong("baseline"),
                help: ArgumentHelp("A baseline to check: cis, securityhub, nist or aws-default; repeat for several (default: all four).",
                                   valueName: "name"))
        var baselines: [Baseline] = []

        @Flag(name: .customLong("with-mfa"), help: "Passwords are one factor of several: NIST's minimum is 8 characters, not 15.")
        var withMFA = false

        @Option(help: "Output format: text or json.")
        var format: PolicyReportFormat = .text

        func run() throws {
            let loaded = try source.load()
            try Self.report(loaded, baselines: baselines, withMFA: withMFA, format: format)
        }

        /// Evaluates and prints; throws `ExitCode(1)` when a rule fails.
        static func report(_ loaded: LoadedPolicy, baselines: [Baseline], withMFA: Bool, format: PolicyReportFormat) throws {
            var chosen: [Baseline] = []
            for baseline in baselines.isEmpty ? Baseline.allCases : baselines where !chosen.contains(baseline) {
                chosen.append(baseline)
            }
            let evaluation = loaded.policy.evaluate(against: chosen, withMFA: withMFA)
            let weakest = CommonPatternSearch().weakestCompliant(for: loaded.policy)
            let report = PolicyReport(loaded: loaded, evaluation: evaluation, withMFA: withMFA, weakest: weakest)
            try Console.write(format == .json ? try report.json() : report.text())
            if evaluation.failed { throw ExitCode(1) }
        }
    }
}
