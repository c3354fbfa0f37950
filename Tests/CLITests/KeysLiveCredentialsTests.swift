import CredKitTestSupport
import Foundation
import Testing

/// `credkit keys --live` and `audit --live` on service-specific credentials, SSH public keys and
/// signing certificates: users, keys and certificates in a real moto server with signature
/// checks; `ListServiceSpecificCredentials`, which moto lacks, from a loopback endpoint checked
/// against botocore's model that passes every other request through to moto.
@Suite("credkit keys --live: service-specific credentials, SSH keys, signing certificates (moto)", .motoServer)
struct KeysLiveCredentialsTests {
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }

    static func redacted(_ id: String) -> String {
        String(id.prefix(4)) + String(repeating: "*", count: id.count - 8) + String(id.suffix(4))
    }

    static func findings(_ object: [String: Any], user: String) -> [[String: Any]] {
        ((object["findings"] as? [[String: Any]]) ?? []).filter { $0["user"] as? String == user }
    }

    @Test func everyKindIsCheckedThroughTheLoopbackAndMoto() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("keys-other-credentials")
        defer { directory.remove() }
        let name = "others-\(UUID().uuidString.prefix(8).lowercased())"
        let ids = try UploadMaterial.createUser(server, name, sshKeys: 2, certificates: 1)
        let iam = try ServiceCredentialIAMServer.start(secret: server.adminSecretAccessKey, upstream: server.endpoint)
        defer { iam.stop() }
        let created = Self.iso(Date())
        try iam.set(credentials: [name: [
            ["UserName": name, "Status": "Active", "CreateDate": created, "ServiceSpecificCredentialId": "ACCAEXAMPLEBEDROCK001",
             "ServiceName": "bedrock.amazonaws.com", "ServiceCredentialAlias": "BedrockAPIKey-x1y2-at-123456789012"],
            ["UserName": name, "Status": "Inactive", "CreateDate": created, "ServiceSpecificCredentialId": "ACCAEXAMPLECODECOMM01",
             "ServiceName": "codecommit.amazonaws.com", "ServiceUserName": "\(name)-at-123456789012"],
        ]])
        var environment = KeysLiveTests.environment(server, home: directory.url.path)
        environment["AWS_ENDPOINT_URL_IAM"] = iam.endpoint.absoluteString
        let result = try ProcessRunner.credkit(["keys", "--live", "--now", KeysLiveTests.inHundredDays(), "--format", "json"],
                                               environment: environment)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let problems = try iam.problems()
        #expect(problems.isEmpty, "\(problems)")
        #expect(try iam.requests().contains { $0["UserName"] == name })
        let object = try KeysFixtures.json(result)
        #expect((object["notes"] as? [String]) == [], "every list call worked: \(object["notes"] ?? "")")
        let mine = Self.findings(object, user: name)
        let checks = mine.compactMap { $0["check"] as? String }.sorted()
        #expect(checks == ["bedrock-long-term-key", "service-credential-age", "service-credential-inactive", "signing-certificate-active",
                           "signing-certificate-age", "ssh-key-age", "ssh-key-inactive"], "\(mine)")
        let bedrock = try #require(mine.first { $0["check"] as? String == "bedrock-long-term-key" })
        #expect(bedrock["severity"] as? String == "error", "a key that never expires")
        #expect((bedrock["message"] as? String)?.contains("AWS recommends short-term API keys") == true)
        #expect(bedrock["key_id"] as? String == Self.redacted("ACCAEXAMPLEBEDROCK001"), "IDs are redacted unless asked")
        let ssh = try #require(mine.first { $0["check"] as? String == "ssh-key-age" })
        let sshID = try #require(ids["ssh"]?.first)
        #expect(ssh["key_id"] as? String == Self.redacted(sshID))
        #expect((ssh["age_days"] as? Int ?? 0) >= 99)
        for id in (ids["ssh"] ?? []) + (ids["certificates"] ?? []) + ["ACCAEXAMPLEBEDROCK001"] {
            #expect(!result.stdout.contains(id))
        }

        let text = try ProcessRunner.credkit(["keys", "--live", "--now", KeysLiveTests.inHundredDays(), "--wide"], environment: environment)
        #expect(text.status == 1)
        #expect(text.stdout.contains("long-term Bedrock API key that never expires"))
        #expect(!text.stdout.contains("Not checked"))
    }

    @Test func withoutTheActionCredkitSaysSoAndCarriesOn() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("keys-no-ssc")
        defer { directory.remove() }
        let name = "nossc-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try UploadMaterial.createUser(server, name, sshKeys: 1, certificates: 0)
        let environment = KeysLiveTests.environment(server, home: directory.url.path)
        let result = try ProcessRunner.credkit(["keys", "--live", "--now", KeysLiveTests.inHundredDays(), "--format", "json"],
                                               environment: environment)
        #expect(result.status == 1, "findings, not an input error: \(result.stderr)")
        let object = try KeysFixtures.json(result)
        let notes = try #require(object["notes"] as? [String])
        #expect(notes.count == 1, "\(notes)")
        #expect(notes.first?.hasPrefix("could not list service-specific credentials for ") == true)
        #expect(notes.first?.contains("ListServiceSpecificCredentials") == true, "the note names the call")
        #expect(notes.first?.hasSuffix("their checks were not run") == true)
        #expect(Self.findings(object, user: name).contains { $0["check"] as? String == "ssh-key-age" }, "the other checks still ran")

        let text = try ProcessRunner.credkit(["keys", "--live", "--now", KeysLiveTests.inHundredDays(), "--wide"], environment: environment)
        #expect(text.status == 1)
        #expect(text.stdout.contains("Not checked (1):\n  could not list service-specific credentials"))
        let github = try ProcessRunner.credkit(["keys", "--live", "--format", "github"], environment: environment)
        #expect(github.stdout.contains("::notice title=credkit not checked::could not list service-specific credentials"))
    }

    @Test func aDeniedListIsANoteInTheAudit() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("audit-ssc-denied")
        defer { directory.remove() }
        // More users than are read at once, so a collector that kept asking would pass the bound below.
        let prefix = "denied-\(UUID().uuidString.prefix(6).lowercased())"
        _ = try KeysLiveTests.createUsers(server, (0..<12).map { ["name": "\(prefix)-\($0)"] })
        let iam = try ServiceCredentialIAMServer.start(secret: server.adminSecretAccessKey, upstream: server.endpoint)
        defer { iam.stop() }
        try iam.set(credentials: [:], deny: true)
        var environment = KeysLiveTests.environment(server, home: directory.url.path)
        environment["AWS_ENDPOINT_URL_IAM"] = iam.endpoint.absoluteString
        let result = try ProcessRunner.credkit(["audit", "--live", "--format", "markdown"], environment: environment)
        #expect(result.status == 0 || result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Not checked: could not list service-specific credentials for "))
        #expect(result.stdout.contains("AccessDenied") || result.stdout.contains("not authorized"), "\(result.stdout)")
        // Users are read 8 at a time (LiveInventory.defaultConcurrency): at most the calls already in
        // flight when the first denial came back are made; none after it.
        let requests = try iam.requests().count
        #expect(requests >= 1 && requests <= 8, "not tried again for the other users: \(requests) requests")
    }
}
