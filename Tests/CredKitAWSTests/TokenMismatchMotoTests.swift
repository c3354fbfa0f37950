import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// Issue 11: an ASIA key without its session token, or an AKIA key with a stray one, is named as
/// such. moto (as AWS) answers both with a bare InvalidClientTokenId.
@Suite(.motoServer) struct TokenMismatchMotoTests {
    @Test func longTermKeyWithAStrayTokenIsNamed() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("stray")
        let key = try #require(try await Moto.createUser(iam, name, keys: 1).first)
        #expect(key.id.hasPrefix("AKIA"))
        let sts = STSClient(configuration: Moto.configuration(server, id: key.id, secret: key.secret, token: "stray-token-from-elsewhere"),
                            retry: .none)
        let error = await #expect(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error?.code == .invalidClientTokenId)
        #expect(error?.reason.contains("is a long-term (AKIA) key, but a session token was given with it") == true, "\(error?.reason ?? "")")
        #expect(error?.reason.contains(key.id) == false)
    }

    @Test func temporaryKeyWithoutItsTokenIsNamed() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let role = Moto.uniqueName("token-role")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
        let created = try await iam.query.call("CreateRole", [("RoleName", role), ("AssumeRolePolicyDocument", trust)])
        let arn = try #require(created.child("Role")?.value("Arn"))
        let admin = STSClient(configuration: Moto.configuration(server), retry: .none)
        let session = try await admin.query.call("AssumeRole", [("RoleArn", arn), ("RoleSessionName", "credkit-test")])
        let credentials = try #require(session.child("Credentials"))
        let id = try #require(credentials.value("AccessKeyId"))
        let secret = try #require(credentials.value("SecretAccessKey"))
        #expect(id.hasPrefix("ASIA"))
        let sts = STSClient(configuration: Moto.configuration(server, id: id, secret: secret), retry: .none)
        let error = await #expect(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error?.code == .invalidClientTokenId)
        #expect(error?.reason.contains("is a temporary (ASIA) key, and no session token was given with it") == true, "\(error?.reason ?? "")")
    }

    @Test func matchingKeysKeepTheGeneralMessage() async throws {
        let server = try MotoServer.require()
        let stranger = Moto.iam(server, id: "AKIA" + String(repeating: "Q", count: 16), secret: "whatever")
        let error = await #expect(throws: AWSError.self) { try await stranger.listUsers() }
        #expect(error?.reason.contains("AWS does not know this access key ID") == true)
    }
}
