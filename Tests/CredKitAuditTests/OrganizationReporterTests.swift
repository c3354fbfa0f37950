import CredKitAudit
import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// The four formats of an organization run, from one account read (the basic vector report) and
/// one that could not be read.
@Suite("Organization reports: grouped by account in every format")
struct OrganizationReporterTests {
    static let now = AWSTimestamp.parseISO8601("2025-06-01T00:00:00Z") ?? Date()

    static func organization() throws -> OrganizationAuditResult {
        let report = try CredentialReport.load(path: Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv").path)
        var result = CredentialAudit().run(report, now: now)
        let prod = AuditAccount(id: "111111111111", name: "prod", alias: "corp_prod")
        result.account = prod
        return OrganizationAuditResult(accounts: [
            AccountAuditOutcome(account: prod, result: result),
            AccountAuditOutcome(account: AuditAccount(id: "222222222222", name: "sandbox"),
                                failure: "cannot assume arn:aws:iam::222222222222:role/R: AccessDenied"),
        ], roleName: "R")
    }

    @Test func jsonIsOneDocumentWithTheAccountOnEveryFinding() throws {
        let text = AuditJSONReporter(options: AuditReportOptions()).render(try Self.organization())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let summary = try #require(object["organization"] as? [String: Any])
        #expect(summary["read"] as? Int == 1 && summary["unreadable"] as? Int == 1)
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["account_id"] as? String } == ["111111111111", "222222222222"])
        let findings = try #require((accounts[0]["report"] as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["account_id"] as? String == "111111111111" && $0["account_alias"] as? String == "corp_prod" })
        #expect(accounts[1]["readable"] as? Bool == false && accounts[1]["report"] is NSNull)
        #expect((accounts[1]["reason"] as? String)?.contains("AccessDenied") == true)
    }

    @Test func emptyOrganizationIsValidJSON() throws {
        let text = AuditJSONReporter(options: AuditReportOptions()).render(OrganizationAuditResult(accounts: [], roleName: "R"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["accounts"] as? [Any])?.isEmpty == true)
    }

    @Test func textPutsEachAccountUnderItsHeadingAndListsTheUnreadable() throws {
        let text = AuditTextReporter(options: AuditReportOptions()).render(try Self.organization())
        let prod = try #require(text.range(of: "=== Account 111111111111 (corp_prod) ===\n"))
        let sandbox = try #require(text.range(of: "=== Account 222222222222 (sandbox) ===\nCannot be read: cannot assume"))
        #expect(prod.upperBound < sandbox.lowerBound)
        #expect(text[prod.upperBound..<sandbox.lowerBound].contains("key-age"))
        #expect(text.hasSuffix("Organization (role R): 1 account read, 1 unreadable\n"
                               + "  unreadable: 222222222222 (sandbox): cannot assume arn:aws:iam::222222222222:role/R: AccessDenied\n"))
    }

    @Test func markdownEscapesTheAliasAndTablesTheUnreadable() throws {
        let text = AuditMarkdownReporter(options: AuditReportOptions()).render(try Self.organization())
        #expect(text.hasPrefix("# credkit keys: organization, 1 account read, 1 unreadable\n"))
        #expect(text.contains("| 222222222222 (sandbox) | cannot assume arn:aws:iam::222222222222:role/R: AccessDenied |"))
        #expect(text.contains("# Account 111111111111 (corp\\_prod)\n\n## credkit keys: "))
    }

    @Test func githubAnnotationsNameTheAccount() throws {
        let text = AuditGitHubReporter(options: AuditReportOptions()).render(try Self.organization())
        let annotations = text.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count > 1)
        #expect(annotations.dropLast().allSatisfy { $0.contains("::account 111111111111 (corp_prod): ") })
        #expect(annotations.last.map(String.init) == "::error title=credkit account 222222222222 unreadable::"
                + "222222222222 (sandbox): cannot assume arn:aws:iam::222222222222:role/R: AccessDenied")
        #expect(text.hasSuffix("credkit keys: organization, 1 account read, 1 unreadable\n"))
    }
}
