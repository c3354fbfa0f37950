import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct BaselineTests {
    @Test("fingerprints survive edits elsewhere; only new findings are reported")
    func onlyNew() throws {
        let old = KeyFactory.keyID(), fresh = KeyFactory.keyID()
        let scanner = SecretScanner()
        let before = scanner.scan(text: "a\n\(old)\n", file: "f")
        let baseline = Baseline(findings: before)
        let reparsed = try Baseline.parse(Data(baseline.fileText.utf8), file: "b.json")
        #expect(reparsed == baseline)
        // The same file with lines moved (since issue 13 an entry holds its file's path too).
        let after = scanner.scan(text: "new first line\nmore\n\n\(old)\n\(fresh)\n", file: "f")
        #expect(reparsed.newFindings(after).map(\.secret) == [fresh])
    }

    @Test("the baseline holds fingerprints and redacted values, never the secret")
    func noSecretsInFile() {
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        let findings = SecretScanner().scan(text: "aws_access_key_id=\(key)\naws_secret_access_key=\(secret)\n")
        let text = Baseline(findings: findings).fileText
        #expect(!text.contains(key))
        #expect(!text.contains(secret))
        #expect(text.contains(findings[0].pathFingerprint))
    }

    @Test("a fingerprint is SHA-256 of rule and secret (checked with sha256sum)")
    func fingerprintDefinition() throws {
        let key = KeyFactory.keyID()
        let finding = try #require(SecretScanner().scan(text: key).first)
        let peer = try ProcessRunner.run("sha256sum", [], stdin: Data("aws-access-key-id:\(key)".utf8))
        #expect(peer.stdout.hasPrefix(finding.fingerprint))
    }

    @Test("bad baseline files are errors naming the file", arguments: [
        ("not json", "b.json:1:1: not valid JSON"),
        ("{\"findings\": []}", "b.json: missing 'version'"),
        ("{\"version\": 2, \"findings\": []}", "b.json: baseline version 2 is not supported"),
        ("{\"version\": 1, \"findings\": [{\"fingerprint\": \"abc\", \"rule\": \"r\", \"match\": \"m\"}]}", "b.json: 'abc' is not a SHA-256"),
        ("{\"version\": 1, \"findings\": {}}", "b.json:1: wrong type at .findings"),
        ("{\"version\": 1,\n\"version\": 1, \"findings\": []}", "b.json:2:1: duplicate key 'version' (first at line 1)"),
    ])
    func badFiles(text: String, message: String) {
        do {
            _ = try Baseline.parse(Data(text.utf8), file: "b.json")
            Issue.record("accepted \(text)")
        } catch let error as ScanError {
            #expect(error.reason.hasPrefix(message), "got: \(error.reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("issue 13: a baseline entry accepts its value in its own file only")
    func entriesAreScopedToTheirFile() throws {
        let key = KeyFactory.keyID()
        let scanner = SecretScanner()
        let fixture = scanner.scan(text: "id = \(key)\n", file: "./Tests/fixtures/creds.ini")
        let baseline = try Baseline.parse(Data(Baseline(findings: fixture).fileText.utf8), file: "b.json")
        #expect(baseline.entries.map(\.path) == ["Tests/fixtures/creds.ini"])
        #expect(baseline.newFindings(scanner.scan(text: "\n\nid = \(key)\n", file: "Tests/fixtures/creds.ini")).isEmpty)
        let elsewhere = scanner.scan(text: "id = \(key)\n", file: "Sources/App/Config.swift")
        #expect(baseline.newFindings(elsewhere).map(\.file) == ["Sources/App/Config.swift"])
    }

    @Test("value-only entries, and baselines written before paths were recorded, accept the value anywhere")
    func valueOnlyEntries() throws {
        let key = KeyFactory.keyID()
        let scanner = SecretScanner()
        let fixture = scanner.scan(text: "id = \(key)\n", file: "a.txt")
        let valuesOnly = Baseline(findings: fixture, valuesOnly: true)
        #expect(!valuesOnly.fileText.contains("\"path\""))
        let old = #"{"version": 1, "tool": "credkit", "findings": [{"fingerprint": "\#(fixture[0].fingerprint)", "rule": "aws-access-key-id", "match": "x"}]}"#
        for baseline in [valuesOnly, try Baseline.parse(Data(old.utf8), file: "old.json")] {
            #expect(baseline.newFindings(scanner.scan(text: "id = \(key)\n", file: "b/c.txt")).isEmpty)
        }
    }

    @Test("a path fingerprint is SHA-256 of rule, secret and path (checked with sha256sum)")
    func pathFingerprintDefinition() throws {
        let key = KeyFactory.keyID()
        let finding = try #require(SecretScanner().scan(text: key, file: "./dir/f.txt").first)
        let peer = try ProcessRunner.run("sha256sum", [], stdin: Data("aws-access-key-id:\(key):dir/f.txt".utf8))
        #expect(peer.stdout.hasPrefix(finding.pathFingerprint))
    }
}

@Suite struct BaselineLimitTests {
    @Test func fileAtTheSizeLimitIsReadAndOnePastIsRefused() throws {
        let head = #"{"version": 1, "findings": []}"#
        let atLimit = head + String(repeating: " ", count: Baseline.maximumFileSize - head.utf8.count)
        #expect(try Baseline.parse(Data(atLimit.utf8), file: "b.json").entries.isEmpty)
        do {
            _ = try Baseline.parse(Data((atLimit + " ").utf8), file: "b.json")
            Issue.record("a baseline past the limit was read")
        } catch let error as ScanError {
            #expect(error.reason.contains("limit of \(Baseline.maximumFileSize)"), "\(error.reason)")
        }
    }
}
