import CredKitPolicy
import Foundation

/// Prints `credkit password check` results as they come (text) or at the end (JSON).
/// Passwords are named by line number only.
struct PasswordReport {
    struct Entry: Encodable {
        let line: Int
        let passed: Bool
        let score: Int
        let bits: Double
        let log10Guesses: Double
        let compliant: Bool
        let violations: [String]
        let breached: Bool?
        let breachCount: Int?
        let reasons: [String]
    }

    struct Document: Encodable {
        let policy: String
        let minimumScore: Int
        let breachFile: String?
        let checked: Int
        let failed: Int
        let passwords: [Entry]
    }

    let policyLabel: String
    let minimumScore: Int
    let breachFile: String?
    let format: PolicyReportFormat
    private(set) var entries: [Entry] = []
    private(set) var failures = 0
    var count: Int { entries.count }

    init(policyLabel: String, minimumScore: Int, breachFile: String?, format: PolicyReportFormat) {
        self.policyLabel = policyLabel
        self.minimumScore = minimumScore
        self.breachFile = breachFile
        self.format = format
    }

    /// Records a verdict and, for text, prints it.
    mutating func add(_ verdict: PasswordVerdict, line: Int) throws {
        let entry = Entry(line: line, passed: verdict.passed, score: verdict.estimate.score,
                          bits: PolicyReport.round(verdict.estimate.bits),
                          log10Guesses: PolicyReport.round(verdict.estimate.log10Guesses),
                          compliant: verdict.compliant, violations: verdict.violations.map(\.description),
                          breached: verdict.breachCount.map { $0 > 0 }, breachCount: verdict.breachCount,
                          reasons: verdict.reasons)
        if !verdict.passed { failures += 1 }
        entries.append(entry)
        guard format == .text else { return }
        if entries.count == 1 {
            try Console.line("Policy: \(policyLabel); minimum zxcvbn score \(minimumScore)\(breachFile.map { "; breach list \($0)" } ?? "")")
        }
        let breach = entry.breachCount.map { $0 > 0 ? "breached (seen \($0) time\($0 == 1 ? "" : "s"))" : "not in breach list" }
        var summary = "line \(line): \(entry.passed ? "PASS" : "FAIL")  score \(entry.score)/4 (10^\(PolicyReport.format(entry.log10Guesses)) guesses)"
        summary += "  policy: \(entry.compliant ? "ok" : "fails")"
        if let breach { summary += "  \(breach)" }
        try Console.line(summary)
        for reason in entry.reasons { try Console.line("    - \(reason)") }
    }

    /// Prints the summary (text) or the whole document (JSON).
    func finish() throws {
        switch format {
        case .text:
            try Console.line("\(failures) of \(entries.count) password\(entries.count == 1 ? "" : "s") failed")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let document = Document(policy: policyLabel, minimumScore: minimumScore, breachFile: breachFile,
                                    checked: entries.count, failed: failures, passwords: entries)
            try Console.write(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
        }
    }
}
