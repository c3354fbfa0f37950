import CredKitAWS
import CredKitAudit
import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

struct ExpectedFinding: Decodable, Hashable, CustomStringConvertible {
    let check: String
    let user: String
    var slot: Int?
    var age_days: Int?
    var due: String?
    var reason: String?
    var description: String { "\(check) \(user) slot=\(slot.map(String.init) ?? "-") age=\(age_days.map(String.init) ?? "-") due=\(due ?? "-")" }
}

struct ExpectedAudit: Decodable {
    let now: String
    let findings: [ExpectedFinding]
    let exempted: [ExpectedFinding]
}

@Suite("Credential checks on fixture reports")
struct CredentialAuditTests {
    static let now = AWSTimestamp.parseISO8601("2025-06-01T00:00:00Z") ?? Date()

    static func exemptions() throws -> [Exemption] {
        let path = Fixtures.vectors.appendingPathComponent("aws/exemptions-basic.json").path
        return try Exemption.parseList(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    static func summary(_ finding: Finding, reason: String? = nil) -> ExpectedFinding {
        ExpectedFinding(check: finding.check.rawValue, user: finding.user, slot: finding.keySlot, age_days: finding.ageDays,
                        due: finding.due.map(AWSTimestamp.day), reason: reason)
    }

    @Test func findingsMatchTheHandDerivedList() throws {
        let expected = try Fixtures.load(ExpectedAudit.self, "aws/credential-report-basic.expected.json")
        let now = try #require(AWSTimestamp.parseISO8601(expected.now))
        let report = try CredentialReportTests.basic()
        let result = CredentialAudit(exemptions: try Self.exemptions()).run(report, now: now)
        #expect(Set(result.findings.map { Self.summary($0) }) == Set(expected.findings))
        #expect(result.findings.count == expected.findings.count)
        #expect(Set(result.exempted.map { Self.summary($0.finding, reason: $0.exemption.reason) }) == Set(expected.exempted))
        // Tag and group rules need live data: listed as not evaluated, not silently dropped.
        #expect(result.unevaluatedExemptions.count == 2)
        #expect(result.usersChecked == 10)
        #expect(result.findings.first?.severity == .critical)
        #expect(result.findings.allSatisfy { !$0.reference.isEmpty })
    }

    @Test func inactiveKeysNeverCountForRotation() throws {
        let result = CredentialAudit().run(try CredentialReportTests.basic(), now: Self.now)
        // carol's second key is inactive and two years old.
        #expect(!result.findings.contains { $0.user == "carol" && $0.keySlot == 2 })
    }

    @Test(arguments: [(90, 14, 4), (150, 14, 2), (180, 14, 1), (250, 60, 0)])
    func maxAgeThresholdMoves(_ maxAge: Int, _ warn: Int, _ expectedOverdue: Int) throws {
        let thresholds = CheckThresholds(maxAgeDays: maxAge, warnBeforeDays: warn)
        let result = CredentialAudit(thresholds: thresholds, exemptions: try Self.exemptions()).run(try CredentialReportTests.basic(), now: Self.now)
        #expect(result.findings.filter { $0.check == .keyAge }.count == expectedOverdue)
    }

    @Test func warningWindowGivesTheDueDate() throws {
        let result = CredentialAudit(thresholds: CheckThresholds(warnBeforeDays: 30)).run(try CredentialReportTests.basic(), now: Self.now)
        let soon = result.findings.filter { $0.check == .keyDueSoon }
        // Window of 30 days before 90: keys aged 60 to 89 days (bob 82, erin's first key 61).
        #expect(Set(soon.map(\.user)) == ["bob", "erin"])
        let bob = try #require(soon.first { $0.user == "bob" })
        #expect(bob.due.map(AWSTimestamp.day) == "2025-06-08")
        #expect(bob.message.contains("8 days left"))
    }

    @Test func graceSparesARotationInProgress() throws {
        let report = try CredentialReportTests.basic()
        let none = CredentialAudit(thresholds: CheckThresholds(graceDays: 0)).run(report, now: Self.now)
        #expect(none.findings.contains { $0.check == .multipleActiveKeys && $0.user == "frank" })
        let week = CredentialAudit(thresholds: CheckThresholds(graceDays: 7)).run(report, now: Self.now)
        #expect(!week.findings.contains { $0.check == .multipleActiveKeys && $0.user == "frank" })
    }

    @Test func liveContextEvaluatesTagAndGroupExemptionsAndDirectPolicies() throws {
        let report = try CredentialReportTests.basic()
        let contexts: [String: UserContext] = [
            "dave": UserContext(groups: ["emergency-access"], tags: [:], attachedPolicies: [], inlinePolicies: []),
            "henry": UserContext(groups: [], tags: ["credkit-exempt": "break-glass"], attachedPolicies: [], inlinePolicies: []),
            "ivan": UserContext(groups: [], tags: [:], attachedPolicies: ["AdministratorAccess"], inlinePolicies: ["quick-fix"]),
            "alice": UserContext(keyIDs: [1: "AKIAALICE0000EXAMPLE"], groups: [], tags: ["credkit-exempt": "no"]),
        ]
        let result = CredentialAudit(exemptions: try Self.exemptions(), hasLiveContext: true).run(report, contexts: contexts, now: Self.now)
        #expect(result.unevaluatedExemptions.isEmpty)
        #expect(!result.findings.contains { $0.user == "dave" })
        #expect(result.exempted.filter { $0.finding.user == "dave" }.count == 2)
        #expect(!result.findings.contains { $0.user == "henry" })
        let direct = try #require(result.findings.first { $0.check == .directPolicies })
        #expect(direct.user == "ivan")
        #expect(direct.message.contains("AdministratorAccess") && direct.message.contains("quick-fix (inline)"))
        let alice = try #require(result.findings.first { $0.user == "alice" && $0.check == .keyAge })
        #expect(alice.keyID == "AKIAALICE0000EXAMPLE")
        #expect(alice.keyLabel(showSecrets: false) == "AKIA************MPLE")
    }

    @Test(arguments: [
        (#"{"exemptions": [{"user": "bob"}]}"#, "x.json: exemption 1 (user bob): a \"reason\" is required"),
        (#"{"exemptions": [{"user": "bob", "reason": "   "}]}"#, "x.json: exemption 1 (user bob): a \"reason\" is required"),
        (#"{"exemptions": [{"user": "a", "reason": "r"}, {"user": "bob", "group": "g", "reason": "r"}]}"#, "x.json: exemption 2: give exactly one of"),
        (#"{"exemptions": [{"user": "bob", "reason": "r", "checks": ["key-agee"]}]}"#, "x.json: exemption 1: unknown check 'key-agee'"),
        (#"{"exemptions": [{"user": "bob", "reason": "r", "expires": "soon"}]}"#, "x.json: exemption 1: \"expires\" must be a date"),
        (#"{"exemptions": [{"usr": "bob", "reason": "r"}]}"#, "x.json: exemption 1: unknown field 'usr'"),
        (#"{"exemptions": "#, "x.json:1:16: not valid JSON"),
        ("{\"exemptions\": [{\"user\": \"bob\",\n \"user\": \"eve\", \"reason\": \"r\"}]}", "x.json:2:2: duplicate key 'user' (first at line 1)"),
    ])
    func badExemptionsAreRejected(_ json: String, _ expected: String) {
        let error = #expect(throws: AuditError.self) { try Exemption.parseList(Data(json.utf8), path: "x.json") }
        #expect(error?.description.hasPrefix(expected) == true, "got: \(error?.description ?? "nothing")")
    }

    @Test func expiredExemptionNoLongerApplies() throws {
        let list = try Exemption.parseList(Data(#"[{"user": "carol", "reason": "migration", "expires": "2025-05-31"}]"#.utf8), path: "e.json")
        let report = try CredentialReportTests.basic()
        let before = CredentialAudit(exemptions: list).run(report, now: try #require(AWSTimestamp.parseISO8601("2025-05-31T23:00:00Z")))
        #expect(!before.findings.contains { $0.user == "carol" })
        let after = CredentialAudit(exemptions: list).run(report, now: Self.now)
        #expect(after.findings.contains { $0.user == "carol" })
    }

    @Test func securityStatusFromReportAndPolicyFile() throws {
        let report = try CredentialReportTests.basic()
        let path = Fixtures.vectors.appendingPathComponent("aws/password-policy-cis.json").path
        let policy = try PasswordPolicy(json: Data(contentsOf: URL(fileURLWithPath: path)), source: path)
        let status = SecurityStatus.evaluate(.init(report: report, passwordPolicy: policy))
        #expect(status.items.map(\.id) == ["root-access-keys", "root-mfa", "individual-users", "groups", "password-policy"])
        #expect(status.items.map(\.state) == [.incomplete, .incomplete, .complete, .unknown, .complete])
        #expect(status.completeCount == 2)

        let live = SecurityStatus.evaluate(.init(accountSummary: ["AccountAccessKeysPresent": 0, "AccountMFAEnabled": 1, "Users": 3],
                                                 passwordPolicy: .awsDefault, groupsByUser: ["a": ["dev"], "b": ["ops"]],
                                                 usersWithDirectPolicies: []))
        #expect(live.items.map(\.state) == [.complete, .complete, .complete, .complete, .incomplete])
        #expect(live.items[4].detail.contains("no password policy is set"))
    }

    /// Item 5 asks CredKitPolicy's evaluation: a custom policy that fails the baseline is not done,
    /// and the detail names the rules it fails.
    @Test func passwordPolicyItemFollowsTheChosenBaseline() throws {
        let weakPath = Fixtures.vectors.appendingPathComponent("aws/password-policy-weak.json").path
        let weak = try PasswordPolicy(json: Data(contentsOf: URL(fileURLWithPath: weakPath)), source: weakPath)
        var inputs = SecurityStatus.Inputs(passwordPolicy: weak)
        let cis = SecurityStatus.evaluate(inputs).items[4]
        #expect(cis.state == .incomplete)
        #expect(cis.detail.contains("CIS AWS Foundations 1.8 asks MinimumPasswordLength >= 14, the policy has 8"))
        #expect(cis.detail.contains("CIS AWS Foundations 1.9"))
        inputs.passwordBaseline = .awsDefault
        let awsDefault = SecurityStatus.evaluate(inputs).items[4]
        #expect(awsDefault.state == .incomplete, "two required types are fewer than AWS's default three")
        #expect(!awsDefault.detail.contains("1.8"), "only the chosen baseline's rules are named")
        inputs.passwordPolicy = PasswordPolicy(minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true)
        #expect(SecurityStatus.evaluate(inputs).items[4].state == .complete, "8 characters of three types meet AWS's default")

        let strong = PasswordPolicy(minimumLength: 14, passwordReusePrevention: 24)
        inputs = SecurityStatus.Inputs(passwordPolicy: strong)
        #expect(SecurityStatus.evaluate(inputs).items[4].state == .complete)
        inputs.passwordBaseline = .securityhub
        let securityHub = SecurityStatus.evaluate(inputs).items[4]
        #expect(securityHub.state == .incomplete)
        #expect(securityHub.detail.contains("Security Hub IAM.7, IAM.11 asks RequireUppercaseCharacters = true"))
    }
}

@Suite struct ExemptionLimitTests {
    @Test func fileAtTheSizeLimitIsReadAndOnePastIsRefused() throws {
        let head = #"{"exemptions": [{"user": "ci-*", "reason": "rotated by the pipeline"}]}"#
        let atLimit = head + String(repeating: " ", count: Exemption.maximumFileSize - head.utf8.count)
        #expect(try Exemption.parseList(Data(atLimit.utf8), path: "x.json").count == 1)
        let error = #expect(throws: AuditError.self) { try Exemption.parseList(Data((atLimit + " ").utf8), path: "x.json") }
        #expect(error?.reason.contains("limit of \(Exemption.maximumFileSize)") == true, "\(error?.reason ?? "")")
    }
}
