import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

@Suite("IAM SSH public keys and signing certificates against moto", .motoServer)
struct IAMClientCredentialsMotoTests {
    @Test func sshKeysAndSigningCertificatesAreListedWithTheirState() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("ssh")
        let ids = try UploadMaterial.createUser(server, name, sshKeys: 2, certificates: 1)
        let uploaded = try #require(ids["ssh"])
        let certificateID = try #require(ids["certificates"]?.first)

        let keys = try await iam.listSSHPublicKeys(userName: name)
        #expect(Set(keys.map(\.keyID)) == Set(uploaded))
        #expect(keys.first { $0.keyID == uploaded[0] }?.status == .active)
        #expect(keys.first { $0.keyID == uploaded[1] }?.status == .inactive)
        #expect(keys.allSatisfy { $0.userName == name && abs($0.uploadDate?.timeIntervalSinceNow ?? .infinity) < 600 })
        let certificates = try await iam.listSigningCertificates(userName: name)
        #expect(certificates.map(\.certificateID) == [certificateID])
        #expect(certificates.first?.status == .active)
        #expect(abs(certificates.first?.uploadDate?.timeIntervalSinceNow ?? .infinity) < 600)
    }

    @Test func aMissingUserIsNoSuchEntity() async throws {
        let iam = Moto.iam(try MotoServer.require())
        await #expect { try await iam.listSigningCertificates(userName: Moto.uniqueName("ghost")) } throws: { error in
            (error as? AWSError)?.code == .noSuchEntity
        }
    }

    /// credkit's fallback rests on this: moto has no ListServiceSpecificCredentials, and says so with an error.
    @Test func motoHasNoServiceSpecificCredentials() async throws {
        let iam = Moto.iam(try MotoServer.require())
        await #expect(throws: AWSError.self) { try await iam.listServiceSpecificCredentials(userName: "credkit-admin") }
    }
}

@Suite("ListServiceSpecificCredentials against a loopback IAM checked with botocore's model")
struct ServiceSpecificCredentialsTests {
    static let secret = "loopback-secret-for-signing-only"

    static func client(_ server: ServiceCredentialIAMServer, secret: String = secret) -> IAMClient {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, source: "test"),
            region: "us-east-1", endpointURL: server.endpoint)
        configuration.timeout = 120
        return IAMClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 1))
    }

    /// ServiceSpecificCredentialMetadata members by user: a CodeCommit password, a Bedrock API key
    /// with an expiry, an expired one.
    static func credentials() throws -> [String: [[String: String]]] {
        try Fixtures.load([String: [[String: String]]].self, "aws/service-specific-credentials.json")
    }

    @Test func iamHasItsOwnEndpointVariable() throws {
        var configuration = AWSClientConfiguration(credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret, source: "test"),
                                                   region: "eu-west-1", endpointURL: URL(string: "http://127.0.0.1:8/"))
        #expect(configuration.iamEndpoint.url.absoluteString == "http://127.0.0.1:8/")
        configuration.serviceEndpoints = try AWSClientConfiguration.serviceEndpoints(environment: ["AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:9/"])
        #expect(configuration.iamEndpoint.url.absoluteString == "http://127.0.0.1:9/")
        #expect(configuration.iamEndpoint.signingRegion == "us-east-1", "IAM is signed for the partition's region")
        #expect(configuration.endpoint(for: .iam).url.absoluteString == "http://127.0.0.1:9/")
        #expect(throws: AWSError.self) { try AWSClientConfiguration.serviceEndpoints(environment: ["AWS_ENDPOINT_URL_IAM": "ftp://x/"]) }
    }

    @Test func aStatusNotInTheModelIsStillChecked() {
        #expect(IAMCredentialStatus(iamText: "Inactive") == .inactive)
        #expect(IAMCredentialStatus(iamText: "Expired") == .expired)
        #expect(IAMCredentialStatus(iamText: "Suspended") == .active, "an unknown status counts as active, so its checks run")
        #expect(IAMCredentialStatus(iamText: nil) == .active)
    }

    @Test func everyPageIsReadAndEveryFieldKept() async throws {
        let server = try ServiceCredentialIAMServer.start(secret: Self.secret, upstream: nil)
        defer { server.stop() }
        try server.set(credentials: try Self.credentials(), pageSize: 1)
        let listed = try await Self.client(server).listServiceSpecificCredentials(userName: "alice")
        let problems = try server.problems()
        #expect(problems.isEmpty, "\(problems)")
        #expect(try server.modelSource() != nil)
        #expect(listed.map(\.credentialID) == ["ACCAEXAMPLECODECOMMIT", "ACCAEXAMPLEBEDROCK01", "ACCAEXAMPLEBEDROCK02"])
        #expect(try server.requests().map { $0["Marker"] } == [nil, "1", "2"], "one request per page, following Marker")
        #expect(try server.requests().allSatisfy { $0["UserName"] == "alice" })
        let codecommit = listed[0]
        #expect(codecommit.serviceName == "codecommit.amazonaws.com" && codecommit.serviceUserName == "alice-at-123456789012")
        #expect(codecommit.status == .active && codecommit.expirationDate == nil)
        #expect(codecommit.createDate == AWSTimestamp.parseISO8601("2026-01-02T03:04:05Z"))
        #expect(listed[1].serviceCredentialAlias == "BedrockAPIKey-abcd-at-123456789012")
        #expect(listed[1].expirationDate == AWSTimestamp.parseISO8601("2026-03-03T00:00:00Z"))
        #expect(listed[2].status == .expired)
        #expect(try await Self.client(server).listServiceSpecificCredentials(userName: "bob").isEmpty)
    }

    @Test func theModelCheckRejectsWhatAWSWouldNotSend() async throws {
        let server = try ServiceCredentialIAMServer.start(secret: Self.secret, upstream: nil)
        defer { server.stop() }
        // A status outside statusType's enum, and a member the shape does not have.
        try server.set(credentials: ["alice": [["UserName": "alice", "Status": "Revoked", "CreateDate": "2026-01-02T03:04:05Z",
                                                "ServiceSpecificCredentialId": "ACCAEXAMPLE000000001", "ServiceName": "codecommit.amazonaws.com"]],
                                     "bob": [["UserName": "bob", "Status": "Active", "CreateDate": "2026-01-02T03:04:05Z", "LastUsedDate": "2026-01-03T00:00:00Z",
                                              "ServiceSpecificCredentialId": "ACCAEXAMPLE000000002", "ServiceName": "codecommit.amazonaws.com"]]])
        await #expect(throws: AWSError.self) { try await Self.client(server).listServiceSpecificCredentials(userName: "alice") }
        await #expect(throws: AWSError.self) { try await Self.client(server).listServiceSpecificCredentials(userName: "bob") }
        let problems = try server.problems()
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("Revoked is not one of Active, Inactive, Expired") })
        #expect(problems.contains { $0.contains("LastUsedDate is not a member of ServiceSpecificCredentialMetadata") })
    }

    @Test func aWrongSignatureAndADenialAreErrors() async throws {
        let server = try ServiceCredentialIAMServer.start(secret: Self.secret, upstream: nil)
        defer { server.stop() }
        await #expect(throws: AWSError.self) { try await Self.client(server, secret: "not-the-secret").listServiceSpecificCredentials(userName: "alice") }
        #expect(try server.problems().contains { $0.contains("signature does not match") })
        try server.set(credentials: try Self.credentials(), deny: true)
        await #expect { try await Self.client(server).listServiceSpecificCredentials(userName: "alice") } throws: { error in
            (error as? AWSError)?.code == .accessDenied
        }
    }
}
