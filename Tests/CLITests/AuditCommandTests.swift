import CredKitTestSupport
import Foundation
import Testing

@Suite("credkit audit with a report and a policy file")
struct AuditCommandTests {
    static let policy = Fixtures.vectors.appendingPathComponent("aws/password-policy-cis.json").path

    @Test func securityStatusCountsFiveItems() throws {
        let result = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--password-policy", Self.policy,
                                                "--now", KeysFixtures.now, "--panel"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Security status: 2 of 5 complete\n"))
        #expect(!result.stdout.contains("Account checklist"))
        #expect(result.stdout.contains("[ ] Delete your root access keys: the root user has 1 access key (1 active)"))
        #expect(result.stdout.contains("[x] Create individual IAM users: 10 IAM users"))
        #expect(result.stdout.contains("[?] Use groups to assign permissions: needs --live"))
        #expect(result.stdout.contains("[x] Apply an IAM password policy"))
        #expect(result.stdout.contains("root-mfa"))
    }

    @Test func jsonCarriesTheStatusItems() throws {
        let result = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--now", KeysFixtures.now, "--format", "json"])
        let object = try KeysFixtures.json(result)
        let status = try #require(object["security_status"] as? [String: Any])
        #expect(status["complete"] as? Int == 1)
        #expect(status["total"] as? Int == 5)
        let items = try #require(status["items"] as? [[String: String]])
        #expect(items.map { $0["state"] ?? "" } == ["incomplete", "incomplete", "complete", "unknown", "unknown"])
    }

    @Test func badPolicyFileExitsTwo() throws {
        let directory = try TemporaryDirectory("audit-policy")
        defer { directory.remove() }
        let path = directory.path("policy.json")
        try #"{"PasswordPolicy": {"MinimumPasswordLength": "long"}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--password-policy", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):1: PasswordPolicy.MinimumPasswordLength must be a whole number, not a string"))
    }

    /// Item 5 asks the policy evaluation: the weak sample fails CIS (the default) and AWS's
    /// default baseline alike, and the detail names the rule.
    @Test func passwordPolicyItemFollowsBaseline() throws {
        let weak = Fixtures.vectors.appendingPathComponent("aws/password-policy-weak.json").path
        let cis = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--password-policy", weak, "--now", "2025-06-01T00:00:00Z", "--panel"])
        #expect(cis.stdout.contains("[ ] Apply an IAM password policy: CIS AWS Foundations 1.8 asks MinimumPasswordLength >= 14, the policy has 8"), "\(cis.stdout)")
        let strong = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--password-policy", Self.policy,
                                                "--baseline", "securityhub", "--now", "2025-06-01T00:00:00Z", "--panel"])
        #expect(strong.stdout.contains("[ ] Apply an IAM password policy: Security Hub IAM.10, IAM.17 asks MaxPasswordAge <= 90"), "\(strong.stdout)")
        let bad = try ProcessRunner.credkit(["audit", "--report", KeysFixtures.basic, "--baseline", "pci"])
        #expect(bad.status == 2)
    }
}
