import CredKitTestSupport
import Foundation
import Testing

/// `credkit audit` offline: the eight-item checklist from a credential report and the AWS CLI's
/// JSON files (`Vectors/aws/checklist/`), every item's states.
@Suite("credkit audit: the account checklist from files")
struct AuditChecklistTests {
    static func file(_ name: String) -> String {
        Fixtures.vectors.appendingPathComponent("aws/checklist/\(name)").path
    }

    static let secured = file("credential-report-secured.csv")
    static let policy = Fixtures.vectors.appendingPathComponent("aws/password-policy-cis.json").path

    /// Runs `audit --format json` and returns (complete, state by id, evidence by id, exit status).
    static func checklist(_ arguments: [String]) throws -> (complete: Int, states: [String: String], evidence: [String: String], status: Int32) {
        let result = try ProcessRunner.credkit(["audit", "--now", KeysFixtures.now, "--format", "json"] + arguments)
        try #require(result.status != 2, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let checklist = try #require(object["checklist"] as? [String: Any])
        #expect(checklist["total"] as? Int == 8)
        let items = try #require(checklist["items"] as? [[String: Any]])
        var states: [String: String] = [:]
        var evidence: [String: String] = [:]
        for item in items {
            states[item["id"] as? String ?? ""] = item["state"] as? String
            evidence[item["id"] as? String ?? ""] = item["evidence"] as? String
        }
        return (try #require(checklist["complete"] as? Int), states, evidence, result.status)
    }

    @Test func textCountsEightAndSaysUnknownWithoutInput() throws {
        let result = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--password-policy", Self.policy, "--now", KeysFixtures.now])
        #expect(result.stdout.hasPrefix("Account checklist: 1 of 8 complete\n"), "\(result.stdout)")
        #expect(result.stdout.contains("[ ] 1. Root user has no access keys (root-access-keys): not done; the root user has 1 access key (1 active)"))
        #expect(result.stdout.contains("[?] 7. CloudTrail in all Regions (cloudtrail): unknown; needs --live or --trails FILE"))
        #expect(result.stdout.contains("[?] 8. Billing reports (billing-reports): unknown; needs --live or"))
        #expect(result.stdout.contains("[~] 3. Individual IAM users instead of root (individual-users): partly;")
                && result.stdout.contains("root user was used recently (CIS 1.7)"))
        #expect(result.stdout.contains("[~] 6. MFA for every IAM user (user-mfa): partly; 1 of 3 console users without MFA: dave"))
        #expect(result.stdout.contains("SEVERITY  CHECK"), "the findings follow the checklist")
    }

    @Test func securedAccountWithEveryFileIsSevenOfEight() throws {
        let seen = try Self.checklist([
            "--report", Self.secured, "--password-policy", Self.policy,
            "--trails", Self.file("describe-trails.json"), "--trail-status", Self.file("get-trail-status-logging.json"),
            "--event-selectors", Self.file("get-event-selectors-all.json"), "--bucket-access", Self.file("get-public-access-block-all.json"),
            "--report-definitions", Self.file("describe-report-definitions.json"), "--exports", Self.file("list-exports-none.json"),
        ])
        #expect(seen.complete == 7, "\(seen.states)")
        #expect(seen.states["groups"] == "unknown", "group membership needs --live")
        #expect(seen.states["root-mfa"] == "done")
        #expect(seen.states["root-access-keys"] == "done")
        #expect(seen.states["user-mfa"] == "done")
        #expect(seen.evidence["user-mfa"]?.contains("access keys without a password (MFA cannot protect a key; rotate to roles): deploy") == true)
        #expect(seen.states["cloudtrail"] == "done")
        #expect(seen.evidence["billing-reports"] == "Cost and Usage Report hourly-cur to s3://org-billing")
    }

    @Test func inactiveRootKeyIsNotDoneAndSaysInactive() throws {
        let seen = try Self.checklist(["--report", Self.file("credential-report-inactive-root-key.csv")])
        #expect(seen.states["root-access-keys"] == "not-done")
        #expect(seen.evidence["root-access-keys"] == "the root user has 1 access key (1 inactive)")
        #expect(seen.states["user-mfa"] == "not-done")
        #expect(seen.status == 1, "root access key is critical")
    }

    @Test func cloudTrailStates() throws {
        let base = ["--report", Self.secured]
        #expect(try Self.checklist(base + ["--trails", Self.file("describe-trails-none.json")]).states["cloudtrail"] == "not-done")
        let partial = try Self.checklist(base + ["--trails", Self.file("describe-trails-single-region.json")])
        #expect(partial.states["cloudtrail"] == "partly")
        #expect(partial.evidence["cloudtrail"]?.contains("not multi-Region") == true)
        #expect(partial.evidence["cloudtrail"]?.contains("log file validation off") == true)
        let unknown = try Self.checklist(base + ["--trails", Self.file("describe-trails.json")])
        #expect(unknown.states["cloudtrail"] == "unknown", "status, selectors and bucket not given")
        #expect(unknown.evidence["cloudtrail"]?.contains("--trail-status FILE") == true)
        let writeOnly = try Self.checklist(base + ["--trails", Self.file("describe-trails.json"), "--trail-status", Self.file("get-trail-status-logging.json"),
                                                   "--event-selectors", Self.file("get-event-selectors-write-only.json"),
                                                   "--bucket-access", Self.file("get-public-access-block-all.json")])
        #expect(writeOnly.states["cloudtrail"] == "partly")
        #expect(writeOnly.evidence["cloudtrail"]?.contains("does not record management events read and write") == true)
        let publicBucket = try Self.checklist(base + ["--trails", Self.file("describe-trails.json"), "--trail-status", Self.file("get-trail-status-logging.json"),
                                                      "--event-selectors", Self.file("get-event-selectors-all.json"),
                                                      "--bucket-access", Self.file("get-bucket-policy-status-public.json")])
        #expect(publicBucket.states["cloudtrail"] == "partly")
        #expect(publicBucket.evidence["cloudtrail"]?.contains("bucket org-trail-logs is public") == true)
        #expect(publicBucket.status == 0 || publicBucket.status == 1)
    }

    @Test func billingStatesAndExemption() throws {
        let base = ["--report", Self.secured]
        let none = try Self.checklist(base + ["--report-definitions", Self.file("describe-report-definitions-none.json"),
                                              "--exports", Self.file("list-exports-none.json")])
        #expect(none.states["billing-reports"] == "not-done")
        let budget = try Self.checklist(base + ["--report-definitions", Self.file("describe-report-definitions-none.json"),
                                                "--exports", Self.file("list-exports-none.json"), "--budgets", Self.file("describe-budgets.json")])
        #expect(budget.states["billing-reports"] == "partly")
        #expect(budget.evidence["billing-reports"]?.contains("lighter alternative") == true)
        let half = try Self.checklist(base + ["--report-definitions", Self.file("describe-report-definitions-none.json")])
        #expect(half.states["billing-reports"] == "unknown", "Data Exports not given")
        #expect(half.evidence["billing-reports"]?.contains("--exports FILE") == true)

        // Not done is a warning: --fail-on warning fails, an exemption naming the item does not.
        let failing = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--now", KeysFixtures.now, "--fail-on", "warning",
                                                 "--report-definitions", Self.file("describe-report-definitions-none.json"),
                                                 "--exports", Self.file("list-exports-none.json"), "--password-policy", Self.policy,
                                                 "--format", "json"])
        #expect(failing.status == 1)
        let exempt = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--now", KeysFixtures.now, "--fail-on", "warning",
                                                "--report-definitions", Self.file("describe-report-definitions-none.json"),
                                                "--exports", Self.file("list-exports-none.json"), "--password-policy", Self.policy,
                                                "--exemptions", Self.file("exemptions-sandbox.json")])
        #expect(exempt.stdout.contains("exempt by item billing-reports: sandbox account"), "\(exempt.stdout)")
        #expect(exempt.stdout.hasPrefix("Account checklist: 5 of 8 complete, 1 exempt"))
        #expect(exempt.status == 0, "\(exempt.stdout)")
    }

    @Test func markdownAndGitHubCarryTheItems() throws {
        let markdown = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--now", KeysFixtures.now, "--format", "markdown"])
        #expect(markdown.stdout.contains("### Account checklist: 4 of 8 complete"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| 7 | CloudTrail in all Regions | `cloudtrail` | unknown |"))
        let github = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--now", KeysFixtures.now, "--format", "github"])
        #expect(github.stdout.contains("::notice title=credkit checklist 7 cloudtrail [unknown]::"))
        #expect(github.stdout.contains("credkit audit: account checklist 4 of 8 complete"))
    }

    @Test func badChecklistFilesExitTwo() throws {
        let directory = try TemporaryDirectory("checklist-bad")
        defer { directory.remove() }
        let path = directory.path("trails.json")
        try #"{"trails": []}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let wrong = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--trails", path])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("\(path): expected {\"trailList\": [...]}"))
        let stray = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--trail-status", Self.file("get-trail-status-logging.json")])
        #expect(stray.status == 2)
        #expect(stray.stderr.contains("need --trails FILE"))
        let item = directory.path("exemptions.json")
        try #"{"exemptions": [{"item": "billing", "reason": "r"}]}"#.write(toFile: item, atomically: true, encoding: .utf8)
        let unknownItem = try ProcessRunner.credkit(["audit", "--report", Self.secured, "--exemptions", item])
        #expect(unknownItem.status == 2)
        #expect(unknownItem.stderr.contains("unknown checklist item 'billing'"))
    }
}
