@testable import CredKitAudit
import CredKitTestSupport
import Foundation
import Testing

/// The JSON of `aws iam get-credential-report` and bare base64, decoded as they are read: the
/// rows of the CSV, in any chunking, and clear errors with the byte offset.
@Suite struct CredentialReportEnvelopeTests {
    static var csv: Data {
        get throws { try Data(contentsOf: Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv")) }
    }

    static func entries(_ text: String, chunk: Int) throws -> [CredentialReportEntry] {
        try CredentialReportStreamingTests.readAll(Array(text.utf8), chunk: chunk, source: "r.json")
    }

    static func reason(_ text: String, chunk: Int = 7) -> String {
        do {
            _ = try entries(text, chunk: chunk)
            return "no error"
        } catch let error as AuditError {
            return error.reason
        } catch {
            return "\(error)"
        }
    }

    /// The members around `Content` in any order and shape, `\/` escapes and line breaks inside it.
    @Test(arguments: [1, 3, 64, 1 << 20])
    func envelopeShapesGiveTheRows(chunk: Int) throws {
        let expected = try CredentialReport.parse(Self.csv, source: "r.csv").entries
        let base64 = try Self.csv.base64EncodedString()
        let wrapped = try Self.csv.base64EncodedString(options: .lineLength64Characters).replacingOccurrences(of: "\r\n", with: "\\n")
        let shapes = [
            #"{"Content": "\#(base64)", "ReportFormat": "text/csv", "GeneratedTime": "2025-06-01T00:00:00+00:00"}"#,
            #"{ "State" : "COMPLETE" , "Nested": {"a": [1, -2.5e3, true, false, null, {"b": "\"}"}]}, "Content":"\#(base64)" }"#,
            #"{"Content": "\#(base64.replacingOccurrences(of: "/", with: "\\/"))"}"#,
            #"{"Content": "\#(wrapped)"}"#,
            "\n{\n    \"Content\": \"\(base64)\",\n    \"ReportFormat\": \"text/csv\"\n}\n",
        ]
        for shape in shapes {
            #expect(try Self.entries(shape, chunk: chunk) == expected, "\(shape.prefix(60))")
        }
        #expect(try CredentialReportStreamingTests.readAll(Array(base64.utf8), chunk: chunk) == expected)
    }

    @Test(arguments: [
        (#"{"ReportFormat": "text/csv"}"#, "r.json: byte 28: JSON without a \"Content\" field"),
        (#"{"Content": "dXNlcg==", "Content": "dXNlcg=="}"#, "r.json: byte 36: two \"Content\" fields"),
        (#"{"Content": 12}"#, "r.json: byte 13: \"Content\" is not a string"),
        (#"{"Content": "dXNlcg=="} x"#, "r.json: byte 25: text after the JSON object"),
        (#"{"Content": "dXNlcg==", }"#, "r.json: byte 25: expected a member name"),
        (#"{"Content": "dXNlcg==""#, "r.json: byte 22: expected ',' or '}'"),
        (#"{"Content": "dXNl"#, "r.json: byte 17: the file ends inside a string"),
        (#"{"Content": "dX\qNlcg=="}"#, "r.json: byte 17: an unknown escape in a string"),
        (#"{"Other": nope, "Content": "dXNlcg=="}"#, "r.json: byte 14: expected a JSON value"),
        (#"{"Content": "dXN*cg=="}"#, "r.json: not base64 (a byte that is not a base64 character)"),
        (#"{"Content": "dXNlcg==dXNl"}"#, "r.json: base64 goes on after its '=' padding"),
        (#"{"Content": "dXNlc"}"#, "r.json: not base64 (the text does not decode)"),
    ])
    func malformedEnvelopesAreNamed(_ text: String, _ prefix: String) {
        for chunk in [1, 7, 4096] {
            let reason = Self.reason(text, chunk: chunk)
            #expect(reason.hasPrefix(prefix), "chunks of \(chunk): \(reason)")
        }
    }

    /// Other members nest at most `maximumDepth` deep: at the limit read, one past refused.
    @Test func nestingAtTheLimitIsReadAndOnePastIsRefused() throws {
        let expected = try CredentialReport.parse(Self.csv, source: "r.csv").entries
        let base64 = try Self.csv.base64EncodedString()
        func nested(_ depth: Int) -> String {
            // The envelope itself is level 1; the member's value opens depth - 1 more arrays.
            #"{"Deep": \#(String(repeating: "[", count: depth - 1))\#(String(repeating: "]", count: depth - 1)), "Content": "\#(base64)"}"#
        }
        #expect(try Self.entries(nested(CredentialReportEnvelope.maximumDepth), chunk: 5) == expected)
        #expect(Self.reason(nested(CredentialReportEnvelope.maximumDepth + 1)).contains("values nested deeper than 64"))
    }

    /// Member names are read up to `maximumNameBytes`: at the limit read, one past refused.
    @Test func memberNameAtTheLimitIsReadAndOnePastIsRefused() throws {
        let expected = try CredentialReport.parse(Self.csv, source: "r.csv").entries
        let base64 = try Self.csv.base64EncodedString()
        func named(_ length: Int) -> String {
            #"{"\#(String(repeating: "n", count: length))": 1, "Content": "\#(base64)"}"#
        }
        #expect(try Self.entries(named(CredentialReportEnvelope.maximumNameBytes), chunk: 100) == expected)
        #expect(Self.reason(named(CredentialReportEnvelope.maximumNameBytes + 1)).hasPrefix("r.json: byte 1027: a member name is longer than 1024 bytes"))
    }

    /// Text that is not base64 of a report is read as CSV and named by its header, as before.
    @Test func textThatIsNotBase64OfAReportIsReadAsCSV() {
        #expect(Self.reason("hello world\n").contains("line 1"))
    }
}
