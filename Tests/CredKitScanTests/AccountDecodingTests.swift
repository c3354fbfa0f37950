import CredKitCrypto
@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct AccountDecodingTests {
    @Test("the account encoded in a key ID is decoded", arguments: ["AKIA", "ASIA", "ABIA", "ACCA"])
    func decodesAccount(prefix: String) throws {
        for _ in 0..<50 {
            let account = try SecureRandom.uniform(below: 1_000_000_000_000)
            let id = try KeyFactory.keyID(prefix: prefix, account: account)
            let expected = String(format: "%012llu", account)
            #expect(AWSKeyID.account(of: id) == expected, "\(id)")
        }
    }

    @Test("legacy IDs (fifth character I or J) carry no account")
    func legacyIDs() {
        for _ in 0..<20 {
            let id = KeyFactory.keyID("AKIA", legacy: true)
            #expect(AWSKeyID.account(of: id) == nil, "\(id)")
            #expect(AWSKeyID.kind(of: id) == .longTerm)
        }
    }

    @Test("malformed IDs have no kind and no account", arguments: [
        "AKIA0123456789ABCDEF", "AKIAABCDEFGHIJKLMNO", "AKIAABCDEFGHIJKLMNOPQ", "akiaabcdefghijklmnop", "AXIAABCDEFGHIJKLMNOP",
    ])
    func malformed(id: String) {
        #expect(AWSKeyID.kind(of: id) == nil)
        #expect(AWSKeyID.account(of: id) == nil)
    }

    @Test("decoding agrees with an independent implementation (python3)")
    func agreesWithPython() throws {
        let ids = (0..<40).map { _ in KeyFactory.keyID(["AKIA", "ASIA", "A3T"].randomElement()!) }
        let script = """
        import base64, sys
        for line in sys.stdin.read().split():
            body = line[4:]
            if body[0] in "IJ":
                print("none"); continue
            z = int.from_bytes(base64.b32decode(body)[0:6], "big")
            print("%012d" % ((z & 0x7fffffffff80) >> 7))
        """
        let result = try ProcessRunner.run("python3", ["-c", script], stdin: Data(ids.joined(separator: "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let expected = result.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == ids.count)
        for (id, account) in zip(ids, expected) {
            #expect((AWSKeyID.account(of: id) ?? "none") == account, "\(id)")
        }
    }

    @Test("findings carry the account of their key ID")
    func findingsCarryAccount() throws {
        let id = try KeyFactory.keyID(account: 123_456_789_012)
        let findings = SecretScanner().scan(text: "aws_access_key_id = \(id)\n")
        #expect(findings.map(\.account) == ["123456789012"])
    }

    @Test("issue 13: a key ID whose account has 13 digits is informational, with its paired secret")
    func impossibleAccountIsANote() throws {
        for account: UInt64 in [1_000_000_000_000, 1_099_511_627_775] {
            let id = try KeyFactory.keyID(account: account)
            #expect(AWSKeyID.hasImpossibleAccount(id))
            let findings = SecretScanner().scan(text: "aws_access_key_id = \(id)\naws_secret_access_key = \(KeyFactory.secret())\n")
            let finding = try #require(findings.first)
            #expect(findings.count == 1)
            #expect(finding.severity == .note)
            #expect(finding.note == "not a valid AWS key: impossible account")
            #expect(finding.account == String(account))
            #expect(finding.pairedSecret != nil)
            #expect(!ScanResult(findings: findings).hasFailures)
            #expect(TextReporter().render(findings).contains("(not a valid AWS key: impossible account)"))
            #expect(JSONReporter().render(findings).contains(#""note": "not a valid AWS key: impossible account""#))
        }
    }

    @Test("the largest 12-digit account is possible")
    func largestAccountIsPossible() throws {
        let id = try KeyFactory.keyID(account: AWSKeyID.largestAccount)
        #expect(!AWSKeyID.hasImpossibleAccount(id))
        #expect(SecretScanner().scan(text: id).first?.severity == .error)
    }
}
