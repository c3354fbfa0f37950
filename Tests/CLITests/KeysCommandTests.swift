import CredKitTestSupport
import Foundation
import Testing

/// Fixture paths and helpers shared by the keys/audit CLI tests.
enum KeysFixtures {
    static let basic = Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv").path
    static let exemptions = Fixtures.vectors.appendingPathComponent("aws/exemptions-basic.json").path
    static let now = "2025-06-01T00:00:00Z"
    static var basicText: String { (try? String(contentsOfFile: basic, encoding: .utf8)) ?? "" }

    /// The header and the rows of the named users only.
    static func report(users: Set<String>) -> String {
        let lines = basicText.split(separator: "\n").map(String.init)
        return ([lines[0]] + lines.dropFirst().filter { users.contains(String($0.prefix { $0 != "," })) }).joined(separator: "\n") + "\n"
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "stdout: \(result.stdout)")
    }
}

@Suite("credkit keys with credential reports")
struct KeysCommandTests {
    @Test func textTableListsFindingsAndExitsOne() throws {
        let result = try ProcessRunner.credkit(["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now,
                                                "--exemptions", KeysFixtures.exemptions])
        #expect(result.status == 1)
        #expect(result.stdout.contains("key-age               alice"))
        #expect(result.stdout.contains("rotate by 2025-06-08 (8 days left)"))
        #expect(result.stdout.contains("Exempted (1):"))
        #expect(result.stdout.contains("exempt by user ci-*: deploy key pinned"))
        #expect(result.stdout.contains("Not evaluated without --live (2):"))
        #expect(result.stdout.contains("2 critical, 5 error, 8 warning"))
        #expect(!result.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
    }

    @Test func jsonHasStableFieldsOneObjectPerFinding() throws {
        let result = try ProcessRunner.credkit(["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now,
                                                "--exemptions", KeysFixtures.exemptions, "--format", "json"])
        #expect(result.status == 1)
        let object = try KeysFixtures.json(result)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 15)
        for finding in findings {
            #expect(Set(finding.keys).isSuperset(of: ["check", "severity", "user", "key_id", "age_days", "due", "reference"]))
        }
        let alice = try #require(findings.first { $0["user"] as? String == "alice" })
        #expect(alice["check"] as? String == "key-age")
        #expect(alice["age_days"] as? Int == 151)
        #expect(alice["due"] as? String == "2025-04-01")
        #expect(alice["reference"] as? String == "CIS 1.14, Security Hub IAM.3")
        #expect(alice["key_id"] is NSNull)
        let exempted = try #require(object["exempted"] as? [[String: Any]])
        #expect((exempted.first?["exemption"] as? [String: String])?["reason"]?.contains("OPS-1234") == true)
    }

    @Test(arguments: [
        // (users in the report, --fail-on, expected exit status)
        (["ivan"], "error", 0),
        (["henry"], "error", 0),
        (["henry"], "warning", 1),
        (["alice"], "error", 1),
        (["alice"], "critical", 0),
        (["<root_account>"], "critical", 1),
    ])
    func failOnSetsTheExitStatus(_ users: [String], _ failOn: String, _ status: Int32) throws {
        let result = try ProcessRunner.credkit(["keys", "--report", "-", "--now", KeysFixtures.now, "--fail-on", failOn],
                                               stdin: KeysFixtures.report(users: Set(users)))
        #expect(result.status == status, "stdout: \(result.stdout) stderr: \(result.stderr)")
    }

    @Test func base64OnStandardInput() throws {
        let encoded = Data(KeysFixtures.basicText.utf8).base64EncodedString()
        let result = try ProcessRunner.credkit(["keys", "--report", "-", "--now", KeysFixtures.now, "--format", "json"], stdin: encoded)
        #expect(result.status == 1)
        #expect((try KeysFixtures.json(result)["findings"] as? [Any])?.count == 16)
    }

    @Test func malformedReportExitsTwoNamingLineAndColumn() throws {
        let broken = KeysFixtures.basicText.replacingOccurrences(of: "2025-03-10T12:00:00+00:00", with: "2025-03-10 noon")
        let result = try ProcessRunner.credkit(["keys", "--report", "-"], stdin: broken)
        #expect(result.status == 2)
        #expect(result.stderr.contains("standard input: line 4, column 10 (access_key_1_last_rotated)"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["keys"], "give --report FILE"),
        (["keys", "--report", "x", "--live"], "exclude each other"),
        (["keys", "--report", "-", "--now", "tomorrow"], "--now 'tomorrow' is not an ISO 8601 time"),
        (["keys", "--report", "-", "--max-age", "10", "--warn-before", "10"], "--warn-before must be between"),
        (["keys", "--report", "/no/such/report.csv"], "/no/such/report.csv: no such file"),
        (["keys", "--report", "-", "--exemptions", "/no/such.json"], "/no/such.json: cannot read"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let result = try ProcessRunner.credkit(arguments, stdin: KeysFixtures.basicText)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test func githubAnnotationsAndStepSummary() throws {
        let directory = try TemporaryDirectory("keys-gh")
        defer { directory.remove() }
        let summary = directory.path("summary.md")
        try "# earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.credkit(
            ["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now, "--format", "github", "--exemptions", KeysFixtures.exemptions],
            environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error title=credkit key-age [error]::alice access_key_1: active key is 151 days old"))
        #expect(result.stdout.contains("::warning title=credkit key-due-soon [warning]::bob"))
        #expect(result.stdout.contains("::notice title=credkit exempted key-age::ci-deploy"))
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("# earlier step\n## credkit keys: 2 critical, 5 error, 8 warning"))
        #expect(markdown.contains("| error | `key-age` | alice |"))
    }

    @Test func markdownFormat() throws {
        let result = try ProcessRunner.credkit(["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now, "--format", "markdown"])
        #expect(result.stdout.hasPrefix("## credkit keys: 2 critical, 6 error, 8 warning"), "no exemptions here: ci-deploy counts")
        #expect(result.stdout.contains("| critical | `root-access-key` | &lt;root\\_account&gt; |"))
    }

    /// Regression (issue 15): the README's table was 188 columns wide in an 80-column terminal.
    @Test(arguments: [80, 120, 200]) func textTableFitsColumns(columns: Int) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = String(columns)
        let arguments = ["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now]
        let fitted = try ProcessRunner.credkit(arguments, environment: environment)
        #expect(fitted.status == 1)
        let widest = fitted.stdout.split(separator: "\n").map(\.unicodeScalars.count).max() ?? 0
        #expect(widest <= columns, "\(fitted.stdout)")
        let wide = try ProcessRunner.credkit(arguments + ["--wide"], environment: environment)
        let message = "active key is 151 days old (maximum 90); rotation was due 2025-04-01"
        #expect(wide.stdout.contains(message))
        if columns >= 200 {
            #expect(fitted.stdout == wide.stdout, "a table that fits is not cut")
        } else if columns <= 80 {
            #expect(fitted.stdout.contains("..."), "long text is cut with ...")
        }
    }

    /// The reminder issue's body is credkit's Markdown as it is: account text stays literal
    /// (no HTML tag, emphasis, mention or issue link), with the due date and the fix.
    @Test func markdownIssueBodyEscapesAccountText() throws {
        let directory = try TemporaryDirectory("keys-md")
        defer { directory.remove() }
        let report = directory.path("report.csv")
        let header = try #require(KeysFixtures.basicText.split(separator: "\n").first)
        let row = "_ops_@team#1,arn:aws:iam::123456789012:user/x,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2025-03-10T00:00:00+00:00,2025-05-30T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        try "\(header)\n\(row)\n".write(toFile: report, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.credkit(["keys", "--report", report, "--now", KeysFixtures.now, "--format", "markdown", "--fail-on", "warning"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("| warning | `key-due-soon` | \\_ops\\_\\@team\\#1 | `access_key_1` | 83 days | 2025-06-08 |"), "\(result.stdout)")
        #expect(result.stdout.contains("| create a new key, switch to it, then deactivate and delete the old one | CIS 1.14"))
    }
}

/// A report whose findings outnumber `FindingList.memoryLimit` (10,000): they go to temporary
/// files and come back in the order and with the fields of a small report's findings.
@Suite("credkit keys with findings on disk")
struct KeysSpilledFindingsTests {
    static let copies = 1_000

    /// The fixture's user rows `copies` times, each copy's users renamed `name-N`.
    static func largeReport() -> String {
        let lines = KeysFixtures.basicText.split(separator: "\n").map(String.init)
        let users = lines.dropFirst().filter { !$0.hasPrefix("<root_account>") }
        var text = lines[0] + "\n"
        for copy in 0..<copies {
            for row in users {
                let name = row.prefix { $0 != "," }
                text += "\(name)-\(copy)" + row.dropFirst(name.count) + "\n"
            }
        }
        return text
    }

    static func fields(_ finding: [String: Any]) -> String {
        ["check", "severity", "user", "age_days", "due", "key_slot"].map { "\(finding[$0] ?? "-")" }.joined(separator: " ")
    }

    @Test func findingsOnDiskMatchTheSmallReportsInSeverityOrder() throws {
        let directory = try TemporaryDirectory("keys-spill")
        defer { directory.remove() }
        let small = directory.path("small.csv")
        let large = directory.path("large.csv")
        let lines = KeysFixtures.basicText.split(separator: "\n").map(String.init)
        try (lines.filter { !$0.hasPrefix("<root_account>") }.joined(separator: "\n") + "\n").write(toFile: small, atomically: true, encoding: .utf8)
        try Self.largeReport().write(toFile: large, atomically: true, encoding: .utf8)

        let one = try KeysFixtures.json(ProcessRunner.credkit(["keys", "--report", small, "--now", KeysFixtures.now, "--format", "json"]))
        let oneFindings = try #require(one["findings"] as? [[String: Any]])
        #expect(oneFindings.count * Self.copies > 10_000, "enough findings to go to disk")
        let result = try ProcessRunner.credkit(["keys", "--report", large, "--now", KeysFixtures.now, "--format", "json"],
                                               environment: ["TMPDIR": directory.url.path])
        #expect(result.status == 1)
        let findings = try #require(try KeysFixtures.json(result)["findings"] as? [[String: Any]])
        // Severity by severity, each copy's findings in the small report's order, renamed.
        var expected: [String] = []
        for severity in ["critical", "error", "warning"] {
            for copy in 0..<Self.copies {
                for finding in oneFindings where finding["severity"] as? String == severity {
                    var renamed = finding
                    renamed["user"] = "\(finding["user"] as? String ?? "")-\(copy)"
                    expected.append(Self.fields(renamed))
                }
            }
        }
        #expect(findings.map(Self.fields) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["large.csv", "small.csv"],
                "no temporary file is left behind")

        let text = try ProcessRunner.credkit(["keys", "--report", large, "--now", KeysFixtures.now, "--wide"],
                                             environment: ["TMPDIR": directory.url.path])
        #expect(text.status == 1)
        #expect(text.stdout.split(separator: "\n").filter { $0.hasPrefix("error ") || $0.hasPrefix("warning ") || $0.hasPrefix("critical ") }.count
                == expected.count)
    }

    /// An exemption that covers every user of a large report: the exempted findings go to disk
    /// too and are all listed, with the exemption, in report order.
    @Test func exemptedFindingsOnDiskAreAllListed() throws {
        let directory = try TemporaryDirectory("keys-spill-exempt")
        defer { directory.remove() }
        let large = directory.path("large.csv")
        let exemptions = directory.path("exemptions.json")
        try Self.largeReport().write(toFile: large, atomically: true, encoding: .utf8)
        try #"{"exemptions": [{"user": "*", "reason": "all of them, for the test"}]}"#.write(toFile: exemptions, atomically: true, encoding: .utf8)
        let plain = try KeysFixtures.json(ProcessRunner.credkit(["keys", "--report", large, "--now", KeysFixtures.now, "--format", "json"],
                                                                environment: ["TMPDIR": directory.url.path]))
        let findings = try #require(plain["findings"] as? [[String: Any]])
        let result = try ProcessRunner.credkit(["keys", "--report", large, "--now", KeysFixtures.now, "--format", "json",
                                                "--exemptions", exemptions], environment: ["TMPDIR": directory.url.path])
        #expect(result.status == 0, "every finding is exempt: \(result.stderr)")
        let object = try KeysFixtures.json(result)
        let exempted = try #require(object["exempted"] as? [[String: Any]])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        #expect(exempted.count == findings.count)
        // Report order: by line, then as the checks give them.
        let lines = exempted.compactMap { $0["line"] as? Int }
        #expect(lines == lines.sorted())
        #expect(Set(exempted.map(Self.fields)) == Set(findings.map(Self.fields)))
        #expect(exempted.allSatisfy { ($0["exemption"] as? [String: String])?["reason"] == "all of them, for the test" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["exemptions.json", "large.csv"])
    }

    /// Where no temporary file can be made, the command says so and where, with exit status 2.
    @Test func unwritableTemporaryDirectoryIsNamed() throws {
        let directory = try TemporaryDirectory("keys-spill-tmp")
        defer { directory.remove() }
        let large = directory.path("large.csv")
        try Self.largeReport().write(toFile: large, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.credkit(["keys", "--report", large, "--now", KeysFixtures.now],
                                               environment: ["TMPDIR": "/nonexistent-credkit-tmp"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot create a temporary file for findings in /nonexistent-credkit-tmp (TMPDIR)"), "\(result.stderr)")
        let small = try ProcessRunner.credkit(["keys", "--report", KeysFixtures.basic, "--now", KeysFixtures.now],
                                              environment: ["TMPDIR": "/nonexistent-credkit-tmp"])
        #expect(small.status == 1, "a report that fits in memory needs no temporary file: \(small.stderr)")
    }
}
