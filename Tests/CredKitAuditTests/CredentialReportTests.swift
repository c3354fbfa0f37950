import CredKitAWS
import CredKitAudit
import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

/// A malformed report and the message it must produce.
struct MalformedReport: Sendable, CustomTestStringConvertible {
    let name: String
    /// Applied to the basic report's text.
    let mutate: @Sendable (String) -> String
    let expected: String
    var testDescription: String { name }
}

@Suite("Credential report parsing")
struct CredentialReportTests {
    static let basicURL = Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv")
    static var basicText: String { (try? String(contentsOf: basicURL, encoding: .utf8)) ?? "" }

    static func basic() throws -> CredentialReport {
        try CredentialReport.parse(Data(basicText.utf8), source: "basic.csv")
    }

    @Test func basicReportHasRootAndUsers() throws {
        let report = try Self.basic()
        #expect(report.entries.count == 11)
        #expect(report.users.count == 10)
        let root = try #require(report.root)
        #expect(root.line == 2)
        #expect(root.passwordEnabled == nil) // not_supported
        #expect(root.hasConsoleAccess)
        #expect(root.accessKeys[0].isActive)
        #expect(root.accessKeys[0].lastUsedService == "s3")
        let carol = try #require(report.entries.first { $0.user == "carol" })
        #expect(carol.line == 5)
        #expect(carol.accessKeys[0].lastUsed == .notApplicable)
        #expect(carol.accessKeys[1].isActive == false)
        #expect(carol.accessKeys[1].lastRotated.date == AWSTimestamp.parseISO8601("2023-01-01T00:00:00Z"))
        #expect(carol.activeKeys.map(\.slot) == [1])
    }

    @Test func columnsByNameCaseOffsetsQuotesAndCRLF() throws {
        let quirks = try CredentialReport.load(path: Fixtures.vectors.appendingPathComponent("aws/credential-report-quirks.csv").path)
        let basic = try Self.basic()
        #expect(quirks.entries.count == basic.entries.count)
        for (left, right) in zip(quirks.entries, basic.entries) {
            #expect(left == right, "row for \(right.user) differs")
        }
    }

    @Test func base64AndTheAWSCLIJSONAreDecoded() throws {
        let basic = try Self.basic()
        let base64 = Data(Self.basicText.utf8).base64EncodedString(options: .lineLength76Characters)
        let fromBase64 = try CredentialReport.parse(Data(base64.utf8), source: "b64")
        #expect(fromBase64.entries == basic.entries)
        let json = #"{"Content": "\#(Data(Self.basicText.utf8).base64EncodedString())", "ReportFormat": "text/csv", "GeneratedTime": "2025-06-01T00:00:00+00:00"}"#
        let fromJSON = try CredentialReport.parse(Data(json.utf8), source: "cli.json")
        #expect(fromJSON.entries == basic.entries)
    }

    static let malformed: [MalformedReport] = [
        MalformedReport(name: "bad boolean", mutate: { $0.replacingOccurrences(of: "bob,arn:aws:iam::123456789012:user/bob,2023-02-01T09:00:00+00:00,false,N/A,N/A,N/A,false,true",
                                                                                with: "bob,arn:aws:iam::123456789012:user/bob,2023-02-01T09:00:00+00:00,false,N/A,N/A,N/A,false,yes") },
                        expected: "basic.csv: line 4, column 9 (access_key_1_active): expected true or false, found 'yes'"),
        MalformedReport(name: "impossible date", mutate: { $0.replacingOccurrences(of: "2025-03-10T12:00:00+00:00", with: "2025-02-30T12:00:00+00:00") },
                        expected: "basic.csv: line 4, column 10 (access_key_1_last_rotated): expected an ISO 8601 time"),
        MalformedReport(name: "date without offset", mutate: { $0.replacingOccurrences(of: "2024-12-01T00:00:00+00:00", with: "2024-12-01T00:00:00") },
                        expected: "basic.csv: line 5, column 10 (access_key_1_last_rotated)"),
        MalformedReport(name: "missing field", mutate: { $0.replacingOccurrences(of: "ivan,arn:aws:iam::123456789012:user/ivan,", with: "ivan,") },
                        expected: "basic.csv: line 11: expected 22 fields as in the header, found 21"),
        MalformedReport(name: "missing column", mutate: { $0.replacingOccurrences(of: ",mfa_active,", with: ",mfa,") },
                        expected: "basic.csv: line 1: missing column mfa_active"),
        MalformedReport(name: "unclosed quote", mutate: { $0.replacingOccurrences(of: "\nhenry,", with: "\n\"henry,") },
                        expected: "basic.csv: line 10, column 1: quoted field is never closed"),
        MalformedReport(name: "duplicate user", mutate: { $0.replacingOccurrences(of: "\nivan,", with: "\nhenry,") },
                        expected: "basic.csv: line 11, column 1 (user): user 'henry' appears twice"),
        MalformedReport(name: "not an ARN", mutate: { $0.replacingOccurrences(of: "arn:aws:iam::123456789012:user/dave", with: "dave") },
                        expected: "basic.csv: line 6, column 2 (arn): expected an ARN"),
        MalformedReport(name: "not a report", mutate: { _ in "hello,world\n1,2\n" },
                        expected: "basic.csv: line 1: missing columns user, arn"),
        MalformedReport(name: "empty", mutate: { _ in "" }, expected: "basic.csv: empty report"),
    ]

    @Test(arguments: malformed)
    func malformedRowsNameLineAndColumn(_ case_: MalformedReport) throws {
        let text = case_.mutate(Self.basicText)
        #expect(text != Self.basicText || case_.name == "empty")
        let error = #expect(throws: AuditError.self) { try CredentialReport.parse(Data(text.utf8), source: "basic.csv") }
        #expect(error?.code == .invalidInput)
        #expect(error?.description.hasPrefix(case_.expected) == true, "got: \(error?.description ?? "nothing")")
    }

    @Test(arguments: [
        ("2024-01-15T10:20:30Z", 1_705_314_030.0),
        ("2024-01-15T10:20:30+00:00", 1_705_314_030.0),
        ("2024-01-15T12:20:30+02:00", 1_705_314_030.0),
        ("2024-01-15T05:20:30-0500", 1_705_314_030.0),
        ("2024-01-15T10:20:30.250Z", 1_705_314_030.25),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("2024-01-15", 1_705_276_800.0),
    ])
    func iso8601Forms(_ text: String, _ expected: Double) throws {
        let date = try #require(AWSTimestamp.parseISO8601(text))
        #expect(date.timeIntervalSince1970 == expected)
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-15T24:00:00Z", "2024-01-15T10:20:30", "2024-01-15T10:20:30+0", "yesterday", ""])
    func iso8601Rejects(_ text: String) {
        #expect(AWSTimestamp.parseISO8601(text) == nil)
    }
}

@Suite struct CredentialReportLimitTests {
    private func report(fields: Int) -> Data {
        let header = CredentialReport.columns.joined(separator: ",")
        let extra = fields - CredentialReport.columns.count
        return Data((header + String(repeating: ",x", count: extra) + "\n").utf8)
    }

    @Test func recordAtTheFieldLimitIsReadAndOnePastIsRefused() throws {
        let limit = CredentialReport.maximumFieldsPerRow
        #expect(throws: Never.self) { try CredentialReport.parse(report(fields: limit), source: "r.csv") }
        let error = #expect(throws: AuditError.self) { try CredentialReport.parse(report(fields: limit + 1), source: "r.csv") }
        #expect(error?.reason == "r.csv: line 1: more than \(limit) fields, the limit for one record")
    }

    /// A row of millions of commas is refused at the limit, not after building millions of fields.
    @Test func millionCommaRowIsRefused() {
        let data = Data(("user" + String(repeating: ",", count: 2_000_000) + "\n").utf8)
        #expect(throws: AuditError.self) { try CredentialReport.parse(data, source: "r.csv") }
    }
}
