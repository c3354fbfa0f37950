@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct ReporterTests {
    /// A mix of findings: a pair with a token, a lone secret, a note, one from history, an odd file name.
    static func sampleFindings() -> (findings: [Finding], secrets: [String]) {
        let asia = KeyFactory.keyID("ASIA"), secret = KeyFactory.secret(), token = KeyFactory.sessionToken()
        let lone = KeyFactory.secret(), akia = KeyFactory.keyID(), unique = KeyFactory.keyID("AROA")
        let settings = ScanConfiguration(enabledRules: ["aws-unique-id"])
        let scanner = SecretScanner(configuration: settings)
        var findings = scanner.scan(text: "id=\(asia)\nsecret=\(secret)\ntoken: \(token)\n", file: "creds with space,and:comma.txt")
        findings += scanner.scan(text: "aws_secret_access_key = \(lone)\nRole: \(unique)\n", file: "dir/ünï.env")
        let history = scanner.scan(text: "\(akia)\n", file: "old.txt").map {
            Finding(ruleID: $0.ruleID, severity: $0.severity, file: $0.file, line: $0.line, column: $0.column, secret: $0.secret,
                    account: $0.account, commit: CommitInfo(id: String(repeating: "ab", count: 20), author: "A <a@b>", date: "2024-01-02T03:04:05+00:00"))
        }
        return (findings + history, [asia, secret, token, lone, akia])
    }

    @Test("no format prints a secret unless asked", arguments: ScanFormat.allCases)
    func redacted(format: ScanFormat) {
        let (findings, secrets) = Self.sampleFindings()
        #expect(findings.count == 4)
        let hidden = format.reporter(showSecrets: false).render(findings)
        for secret in secrets { #expect(!hidden.contains(secret), "\(format) leaked a value") }
        let shown = format.reporter(showSecrets: true).render(findings)
        for secret in secrets { #expect(shown.contains(secret), "\(format) did not show a value with --show-secrets") }
    }

    @Test("text shows location, rule, redacted value, account, pairs and commit")
    func text() throws {
        let key = try KeyFactory.keyID(account: 42)
        let finding = try #require(SecretScanner().scan(text: "x\n  k=\(key)\n", file: "a.txt").first)
        let text = TextReporter().render([finding])
        let redacted = String(key.prefix(4)) + String(repeating: "*", count: 12) + String(key.suffix(4))
        #expect(text == "a.txt:2:5: aws-access-key-id \(redacted) (account 000000000042)\n")
    }

    @Test("json has the documented fields")
    func json() throws {
        let (findings, _) = Self.sampleFindings()
        let data = Data(JSONReporter().render(findings).utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == findings.count)
        for object in array {
            for key in ["rule", "file", "line", "column", "match", "fingerprint", "account"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
        }
        let pair = try #require(array.first { ($0["match"] as? String)?.hasPrefix("ASIA") == true })
        #expect((pair["secret"] as? [String: Any])?["line"] as? Int == 2)
        #expect((pair["sessionToken"] as? [String: Any])?["line"] as? Int == 3)
        #expect(pair["account"] is String)
        let history = try #require(array.first { $0["commit"] != nil })
        #expect(history["author"] as? String == "A <a@b>")
        #expect(history["date"] as? String == "2024-01-02T03:04:05+00:00")
        #expect(JSONReporter().render([]) == "[]\n")
    }

    @Test("sarif validates against the SARIF 2.1.0 schema")
    func sarifSchema() throws {
        let (findings, _) = Self.sampleFindings()
        let folder = try TemporaryDirectory("credkit-sarif")
        defer { folder.remove() }
        let schema = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json").path
        let schemaPath = FileManager.default.fileExists(atPath: schema) ? schema : "/work/shared/schemas/sarif-schema-2.1.0.json"
        for (name, report) in [("full", findings), ("empty", [])] {
            let path = folder.path("\(name).sarif")
            try Data(SARIFReporter(toolVersion: "0.1.0").render(report).utf8).write(to: URL(fileURLWithPath: path))
            let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
            assert doc["version"] == "2.1.0"
            run = doc["runs"][0]
            ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
            for result in run["results"]:
                assert ids[result["ruleIndex"]] == result["ruleId"], result
                loc = result["locations"][0]["physicalLocation"]
                assert loc["region"]["startLine"] >= 1 and loc["artifactLocation"]["uri"]
            print(len(run["results"]))
            """
            let result = try ProcessRunner.run("python3", ["-c", script, schemaPath, path])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(report.count))
        }
        let text = SARIFReporter().render(findings)
        #expect(text.contains("\"uri\": \"creds%20with%20space%2Cand%3Acomma.txt\""))
        #expect(text.contains("\"uri\": \"dir/%C3%BCn%C3%AF.env\""))
    }

    @Test("github annotations name file and line and escape what the runner parses")
    func github() {
        let (findings, _) = Self.sampleFindings()
        let lines = GitHubReporter().render(findings).split(separator: "\n").map(String.init)
        #expect(lines.count == findings.count)
        #expect(lines[0].hasPrefix("::error file=creds with space%2Cand%3Acomma.txt,line=1,col=4,title=credkit%3A aws-access-key-id::"))
        #expect(lines.contains { $0.hasPrefix("::notice file=dir/ünï.env,line=2,") })
        #expect(lines.allSatisfy { !$0.dropFirst(2).contains("\n") })
        #expect(GitHubReporter.escapeData("100%\nnext") == "100%25%0Anext")
    }
}
