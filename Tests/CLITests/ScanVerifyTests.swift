import CredKitTestSupport
import Foundation
import Testing

/// `credkit scan --verify` against a real moto server with signature checking on: STS
/// GetCallerIdentity signed with each found pair says whether it is live.
@Suite("credkit scan --verify (moto)", .motoServer)
struct ScanVerifyTests {
    /// Makes a user and an access key whose ID is a well-formed AWS key ID (moto's random IDs
    /// sometimes use 0, 1, 8 or 9, which real IDs never do, and the scanner rightly skips them;
    /// or decode to a 13-digit account, which the scanner reports as a note).
    static let setupScript = """
    import base64, json, re, sys, botocore.session
    spec = json.load(sys.stdin)
    iam = botocore.session.get_session().create_client("iam", region_name="us-east-1", endpoint_url=spec["endpoint"],
        aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
    iam.create_user(UserName=spec["user"])
    for _ in range(200):
        key = iam.create_access_key(UserName=spec["user"])["AccessKey"]
        body = key["AccessKeyId"][4:]
        account = (int.from_bytes(base64.b32decode(body)[0:6], "big") & 0x7fffffffff80) >> 7 if re.fullmatch(r"[A-Z2-7]{16}", body) else 0
        if re.fullmatch(r"AKIA[A-Z2-7]{16}", key["AccessKeyId"]) and account < 10**12:
            break
        iam.delete_access_key(UserName=spec["user"], AccessKeyId=key["AccessKeyId"])
    json.dump({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}, sys.stdout)
    """

    static let deleteScript = """
    import json, sys, botocore.session
    spec = json.load(sys.stdin)
    iam = botocore.session.get_session().create_client("iam", region_name="us-east-1", endpoint_url=spec["endpoint"],
        aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
    iam.delete_access_key(UserName=spec["user"], AccessKeyId=spec["key"])
    """

    private func botocore(_ script: String, _ server: MotoServer, _ extra: [String: String]) throws -> Data {
        var spec = ["endpoint": server.endpoint.absoluteString, "id": server.adminAccessKeyID, "secret": server.adminSecretAccessKey]
        spec.merge(extra) { _, new in new }
        let result = try ProcessRunner.run("python3", ["-c", script], stdin: try JSONSerialization.data(withJSONObject: spec))
        try #require(result.status == 0, "botocore failed: \(result.stderr)")
        return result.stdoutData
    }

    private func scan(_ file: String, _ server: MotoServer, _ extra: [String] = []) throws -> (ProcessResult, [[String: Any]]) {
        let result = try ProcessRunner.credkit(["scan", file, "--format", "json", "--verify", "--endpoint-url", server.endpoint.absoluteString] + extra,
                                               environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        let findings = (try? JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]]) ?? []
        return (result, findings)
    }

    @Test func livePairIsActiveThenInactiveOnceDeleted() throws {
        let server = try MotoServer.require()
        let dir = try TemporaryDirectory("scan-verify")
        defer { dir.remove() }
        let user = "leaky-\(UUID().uuidString.prefix(8).lowercased())"
        let key = try #require(try JSONSerialization.jsonObject(with: botocore(Self.setupScript, server, ["user": user])) as? [String: String])
        let keyID = try #require(key["id"]), secret = try #require(key["secret"])
        let file = dir.path("settings.ini")
        try "[default]\naws_access_key_id = \(keyID)\naws_secret_access_key = \(secret)\n".write(toFile: file, atomically: true, encoding: .utf8)

        let (live, findings) = try scan(file, server)
        #expect(live.status == 1, "\(live.stderr)")
        let verification = try #require(findings.first?["verification"] as? [String: Any])
        #expect(verification["status"] as? String == "active")
        #expect((verification["arn"] as? String)?.hasSuffix(":user/\(user)") == true)
        #expect(!live.stdout.contains(secret) && !live.stderr.contains(secret), "secrets stay redacted")

        let text = try ProcessRunner.credkit(["scan", file, "--verify", "--endpoint-url", server.endpoint.absoluteString])
        #expect(text.stdout.contains("ACTIVE: AWS accepts this key pair"))

        // The same key ID with a secret that is not its own.
        let wrongSecret = String(secret.reversed())
        let wrong = dir.path("wrong.ini")
        try "[default]\naws_access_key_id = \(keyID)\naws_secret_access_key = \(wrongSecret)\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let (_, wrongFindings) = try scan(wrong, server)
        let refused = try #require(wrongFindings.first?["verification"] as? [String: Any])
        #expect(refused["status"] as? String == "inactive")
        #expect((refused["reason"] as? String)?.contains("does not belong") == true)

        _ = try botocore(Self.deleteScript, server, ["user": user, "key": keyID])
        let (deleted, deletedFindings) = try scan(file, server)
        #expect(deleted.status == 1, "a leaked key is a finding even when it no longer works")
        let gone = try #require(deletedFindings.first?["verification"] as? [String: Any])
        #expect(gone["status"] as? String == "inactive")
        #expect((gone["reason"] as? String)?.contains("does not know this key ID") == true)
    }

    @Test func keyIDAloneCannotBeVerifiedAndNothingIsSentWithoutTheFlag() throws {
        let server = try MotoServer.require()
        let dir = try TemporaryDirectory("scan-verify")
        defer { dir.remove() }
        let keyID = ScanFixtures.keyID()
        let file = dir.path("notes.txt")
        try "deploy key: \(keyID)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let (result, findings) = try scan(file, server)
        #expect(result.status == 1)
        let verification = try #require(findings.first?["verification"] as? [String: Any])
        #expect(verification["status"] as? String == "unknown")
        #expect((verification["reason"] as? String)?.contains("no secret access key") == true)

        let plain = try ProcessRunner.credkit(["scan", file, "--format", "json"])
        #expect(plain.status == 1)
        #expect(!plain.stdout.contains("verification"))
        let misuse = try ProcessRunner.credkit(["scan", file, "--endpoint-url", server.endpoint.absoluteString])
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("--endpoint-url needs --verify"))
    }

    @Test func onlyVerifiedReportsLivePairsAndRegionComesFromTheEnvironment() throws {
        let server = try MotoServer.require()
        let dir = try TemporaryDirectory("scan-verify")
        defer { dir.remove() }
        let user = "leaky-\(UUID().uuidString.prefix(8).lowercased())"
        let key = try #require(try JSONSerialization.jsonObject(with: botocore(Self.setupScript, server, ["user": user])) as? [String: String])
        let keyID = try #require(key["id"]), secret = try #require(key["secret"])
        let file = dir.path("settings.ini")
        let dead = "aws_access_key_id = \(ScanFixtures.keyID())\naws_secret_access_key = \(ScanFixtures.secret())\n"
        let live = "aws_access_key_id = \(keyID)\naws_secret_access_key = \(secret)\n"
        try (live + String(repeating: "\n", count: 8) + dead).write(toFile: file, atomically: true, encoding: .utf8)
        let (all, everything) = try scan(file, server)
        #expect(all.status == 1)
        #expect(everything.count == 2)
        let (only, confirmed) = try scan(file, server, ["--only-verified"])
        #expect(only.status == 1)
        #expect(confirmed.count == 1)
        #expect((confirmed.first?["verification"] as? [String: Any])?["status"] as? String == "active")

        let china = try ProcessRunner.credkit(["scan", file, "--format", "json", "--verify", "--endpoint-url", server.endpoint.absoluteString],
                                              environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_REGION": "cn-north-1"])
        let reasons = ((try? JSONSerialization.jsonObject(with: china.stdoutData) as? [[String: Any]]) ?? [])
            .compactMap { ($0["verification"] as? [String: Any])?["reason"] as? String }
        #expect(reasons.contains { $0.contains("partition aws-cn (region cn-north-1)") }, "\(reasons)")
    }
}
