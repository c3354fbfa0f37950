import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// Helpers for tests that talk to the suite's moto server.
enum Moto {
    static func configuration(_ server: MotoServer, id: String? = nil, secret: String? = nil, token: String? = nil) -> AWSClientConfiguration {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: id ?? server.adminAccessKeyID,
                                        secretAccessKey: secret ?? server.adminSecretAccessKey,
                                        sessionToken: token, source: "moto test"),
            region: "us-east-1", endpointURL: server.endpoint)
        // Wall-clock time in a test process includes waits for the cooperative pool, which
        // blocking tests beside these can hold for long; these tests are not about timeouts.
        configuration.timeout = 300
        return configuration
    }

    static func iam(_ server: MotoServer, id: String? = nil, secret: String? = nil) -> IAMClient {
        IAMClient(configuration: configuration(server, id: id, secret: secret), retry: RetryPolicy(maximumAttempts: 2, baseDelay: 0.05))
    }

    /// A user name no other test uses.
    static func uniqueName(_ label: String) -> String {
        "\(label)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates a user with `keys` access keys; returns (id, secret) pairs.
    @discardableResult
    static func createUser(_ iam: IAMClient, _ name: String, keys: Int = 0) async throws -> [(id: String, secret: String)] {
        _ = try await iam.query.call("CreateUser", [("UserName", name)])
        var created: [(String, String)] = []
        for _ in 0..<keys {
            let result = try await iam.query.call("CreateAccessKey", [("UserName", name)])
            let key = try #require(result.child("AccessKey"))
            created.append((try #require(key.value("AccessKeyId")), try #require(key.value("SecretAccessKey"))))
        }
        return created
    }
}

@Suite("IAM and STS against a real moto server with signature checking", .motoServer)
struct IAMClientMotoTests {
    @Test func adminCanListUsersAndSeesNewOnes() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("list")
        try await Moto.createUser(iam, name)
        let users = try await iam.listUsers()
        let user = try #require(users.first { $0.userName == name })
        #expect(user.arn.hasSuffix(":user/\(name)"))
        #expect(user.createDate != nil)
    }

    @Test func wrongSecretFailsWithSignatureDoesNotMatch() async throws {
        let server = try MotoServer.require()
        let wrong = Moto.iam(server, secret: server.adminSecretAccessKey + "x")
        let error = await #expect(throws: AWSError.self) { try await wrong.listUsers() }
        #expect(error?.code == .signatureDoesNotMatch)
        #expect(error?.serviceCode == "SignatureDoesNotMatch")
        #expect(error?.description.contains(server.adminSecretAccessKey) == false)
        #expect(error?.description.contains(server.adminAccessKeyID) == false)

        let sts = STSClient(configuration: Moto.configuration(server, secret: "not-the-secret"), retry: .none)
        let stsError = await #expect(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(stsError?.code == .signatureDoesNotMatch)
        #expect(stsError?.isCredentialFailure == true)
    }

    @Test func unknownKeyFailsWithInvalidClientTokenId() async throws {
        let server = try MotoServer.require()
        let stranger = Moto.iam(server, id: "AKIA" + String(repeating: "Q", count: 16), secret: "whatever")
        let error = await #expect(throws: AWSError.self) { try await stranger.listUsers() }
        #expect(error?.code == .invalidClientTokenId)
    }

    @Test func userWithoutPermissionGetsAccessDenied() async throws {
        let server = try MotoServer.require()
        let name = Moto.uniqueName("nopolicy")
        let keys = try await Moto.createUser(Moto.iam(server), name, keys: 1)
        let powerless = Moto.iam(server, id: keys[0].id, secret: keys[0].secret)
        let error = await #expect(throws: AWSError.self) { try await powerless.listUsers() }
        #expect(error?.code == .accessDenied)
        #expect(error?.description.contains("ListUsers") == true)
    }

    @Test func callerIdentityNamesTheKeysOwner() async throws {
        let server = try MotoServer.require()
        let name = Moto.uniqueName("whoami")
        let keys = try await Moto.createUser(Moto.iam(server), name, keys: 1)
        let sts = STSClient(configuration: Moto.configuration(server, id: keys[0].id, secret: keys[0].secret))
        let identity = try await sts.getCallerIdentity()
        #expect(identity.userName == name)
        #expect(identity.account.count == 12)
        #expect(!identity.isRoot)
    }

    /// moto paginates ListVirtualMFADevices (not ListUsers), so pages are exercised there.
    @Test func paginationFollowsMarkerAcrossPages() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let prefix = Moto.uniqueName("page")
        var serials: [String] = []
        for index in 0..<7 {
            let device = try await iam.query.call("CreateVirtualMFADevice", [("VirtualMFADeviceName", "\(prefix)-\(index)")])
            serials.append(try #require(device.child("VirtualMFADevice")?.value("SerialNumber")))
        }
        let paged = try await iam.query.callPaginated("ListVirtualMFADevices", listName: "VirtualMFADevices", pageSize: 2)
        let found = paged.compactMap { $0.value("SerialNumber") }.filter { $0.contains(prefix) }
        #expect(found.sorted() == serials.sorted())
        #expect(Set(paged.compactMap { $0.value("SerialNumber") }).count == paged.count, "a page was fetched twice")
        // One page of two really is truncated, so the loop above had to follow markers.
        let first = try await iam.query.call("ListVirtualMFADevices", [("MaxItems", "2")])
        #expect(first.value("IsTruncated") == "true")
        #expect(first.value("Marker") != nil)
        #expect(first.members("VirtualMFADevices").count == 2)
        #expect(try await iam.listVirtualMFADevices().filter { $0.serialNumber.contains(prefix) }.count == 7)
    }

    @Test func accessKeysStatusAndLastUse() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("keys")
        let keys = try await Moto.createUser(iam, name, keys: 2)
        _ = try await iam.query.call("UpdateAccessKey", [("UserName", name), ("AccessKeyId", keys[1].id), ("Status", "Inactive")])
        let listed = try await iam.listAccessKeys(userName: name)
        #expect(Set(listed.map(\.accessKeyID)) == Set(keys.map(\.id)))
        #expect(listed.first { $0.accessKeyID == keys[0].id }?.isActive == true)
        #expect(listed.first { $0.accessKeyID == keys[1].id }?.isActive == false)
        #expect(listed.allSatisfy { $0.createDate != nil })
        let lastUsed = try await iam.accessKeyLastUsed(keys[1].id)
        #expect(lastUsed.userName == name)
        #expect(lastUsed.lastUsedDate == nil)
    }

    @Test func groupsPoliciesTagsAndMFA() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("attached")
        let group = Moto.uniqueName("group")
        try await Moto.createUser(iam, name)
        _ = try await iam.query.call("CreateGroup", [("GroupName", group)])
        _ = try await iam.query.call("AddUserToGroup", [("GroupName", group), ("UserName", name)])
        let policy = try await iam.query.call("CreatePolicy", [
            ("PolicyName", Moto.uniqueName("p")),
            ("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#),
        ])
        let arn = try #require(policy.child("Policy")?.value("Arn"))
        _ = try await iam.query.call("AttachUserPolicy", [("UserName", name), ("PolicyArn", arn)])
        _ = try await iam.query.call("PutUserPolicy", [
            ("UserName", name), ("PolicyName", "inline-one"),
            ("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#),
        ])
        _ = try await iam.query.call("TagUser", [("UserName", name), ("Tags.member.1.Key", "credkit-exempt"), ("Tags.member.1.Value", "break-glass")])
        let device = try await iam.query.call("CreateVirtualMFADevice", [("VirtualMFADeviceName", name)])
        let serial = try #require(device.child("VirtualMFADevice")?.value("SerialNumber"))
        _ = try await iam.query.call("EnableMFADevice", [
            ("UserName", name), ("SerialNumber", serial), ("AuthenticationCode1", "123456"), ("AuthenticationCode2", "654321"),
        ])

        #expect(try await iam.listGroupsForUser(name) == [group])
        #expect(try await iam.listAttachedUserPolicies(name).map(\.arn) == [arn])
        #expect(try await iam.listUserPolicies(name) == ["inline-one"])
        #expect(try await iam.listUserTags(name) == ["credkit-exempt": "break-glass"])
        #expect(try await iam.listMFADevices(userName: name).map(\.serialNumber) == [serial])
        #expect(try await iam.listVirtualMFADevices().contains { $0.serialNumber == serial && $0.userName == name })
        let summary = try await iam.accountSummary()
        #expect((summary["Users"] ?? 0) >= 1)
    }

    @Test func passwordPolicyDefaultsThenCustom() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        _ = try? await iam.query.call("DeleteAccountPasswordPolicy")
        let before = try await iam.accountPasswordPolicyFields()
        #expect(before == nil, "NoSuchEntity: no policy set")
        _ = try await iam.query.call("UpdateAccountPasswordPolicy", [("MinimumPasswordLength", "16"), ("PasswordReusePrevention", "24")])
        let after = try #require(try await iam.accountPasswordPolicyFields())
        #expect(after["MinimumPasswordLength"] == "16")
        #expect(after["PasswordReusePrevention"] == "24")
        _ = try await iam.query.call("DeleteAccountPasswordPolicy")
    }

    @Test func credentialReportIsGeneratedAndFetched() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("report")
        try await Moto.createUser(iam, name, keys: 1)
        let report = try await iam.fetchCredentialReport(pollInterval: 0.2, timeout: 300)
        let text = String(decoding: report.csv, as: UTF8.self)
        #expect(text.hasPrefix("user,arn,user_creation_time,"))
        #expect(text.contains("\n\(name),"))
    }
}
