import ArgumentParser
import CredKitAudit
import CredKitAWS
import Foundation

/// Output formats of `keys` and `audit`.
enum AWSOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, markdown
}

extension Severity: ExpressibleByArgument {}

/// Thresholds, exemptions, clock and output options shared by `keys` and `audit`.
struct AuditCheckOptions: ParsableArguments {
    @Option(help: "Output format: text, json, github (annotations plus $GITHUB_STEP_SUMMARY) or markdown.")
    var format: AWSOutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: warning, error or critical.")
    var failOn: Severity = .error

    @Option(help: ArgumentHelp("Check as of this time (ISO 8601, e.g. 2025-06-01T00:00:00Z) instead of now, for reproducible runs.", valueName: "time"))
    var now: String?

    @Flag(name: .customLong("show-secrets"), help: "Show access key IDs in full (never secret access keys).")
    var showSecrets = false

    @Flag(help: "Text format: print the finding text in full instead of fitting the table to the terminal or $COLUMNS.")
    var wide = false

    @Option(name: .customLong("max-age"), help: "Active keys older than this many days must be rotated (CIS 1.14).")
    var maxAge = 90

    @Option(name: .customLong("warn-before"), help: "Warn this many days before a key reaches --max-age.")
    var warnBefore = 14

    @Option(name: .customLong("unused-days"), help: "Keys and passwords unused this many days are findings (CIS 1.12).")
    var unusedDays = 45

    @Option(name: .customLong("grace-days"), help: "Keys younger than this are spared the unused, setup and two-keys checks (rotation in progress).")
    var graceDays = 7

    @Option(name: .customLong("root-use-days"), help: "Root use within this many days is a finding.")
    var rootUseDays = 90

    @Option(help: ArgumentHelp("JSON file of exemptions, each with user, tag or group and a required reason.", valueName: "file"))
    var exemptions: String?

    var thresholds: CheckThresholds {
        CheckThresholds(maxAgeDays: maxAge, warnBeforeDays: warnBefore, unusedDays: unusedDays, graceDays: graceDays, rootRecentUseDays: rootUseDays)
    }

    func validate() throws {
        if let problem = thresholds.problem { throw ValidationError(problem) }
        if let now, AWSTimestamp.parseISO8601(now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 time such as 2025-06-01T00:00:00Z")
        }
    }

    /// The pinned clock, or the real one.
    func clock() -> Date {
        now.flatMap(AWSTimestamp.parseISO8601) ?? Date()
    }

    /// The exemptions file, parsed.
    func loadExemptions() throws -> [Exemption] {
        guard let path = exemptions else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.input("\(path): cannot read the exemptions file")
        }
        return try AuditCommandSupport.input { try Exemption.parseList(data, path: path) }
    }
}
