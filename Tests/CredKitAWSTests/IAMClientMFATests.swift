@testable import CredKitAWS
import CredKitCrypto
import CredKitTestSupport
import Foundation
import Testing

/// The virtual-MFA calls against a real moto server, and `ResyncMFADevice`, which moto does not
/// implement, against botocore's IAM service model and a recording stand-in server.
@Suite("IAM virtual MFA calls (moto, botocore's model)", .motoServer)
struct IAMClientMFATests {
    @Test func createdSeedIsDecodedFromBase64OfBase32AndMatchesWhatBotocoreSees() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("seed")
        try await Moto.createUser(iam, name)
        let device = try await iam.createVirtualMFADevice(name: name, path: "/team/", tags: [("team", "ops")])
        #expect(device.serialNumber.hasSuffix(":mfa/team/\(name)"))
        #expect(device.accountID?.count == 12)
        // moto makes 64 Base32 characters: 40 bytes.
        #expect(device.seed.count == 40)
        #expect(!String(describing: device).contains(Base32.encode(device.seed)))

        // moto's device list says unassigned; enabling assigns it to the user.
        #expect(try await iam.listUnassignedVirtualMFADevices().contains { $0.serialNumber == device.serialNumber })
        try await iam.enableMFADevice(userName: name, serialNumber: device.serialNumber, code1: "123456", code2: "654321")
        #expect(try await iam.listMFADevices(userName: name).map(\.serialNumber) == [device.serialNumber])
        #expect(try await !iam.listUnassignedVirtualMFADevices().contains { $0.serialNumber == device.serialNumber })
        let status = try #require(try await iam.mfaStatus(userName: name).first)
        #expect(status.devices.map(\.serialNumber) == [device.serialNumber])
        #expect(status.devices.first?.enableDate != nil)
        #expect(!status.hasConsolePassword && !status.lacksMFA)
    }

    @Test func deletedDeviceIsGoneAndANameInUseIsExplained() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let name = Moto.uniqueName("dup")
        let device = try await iam.createVirtualMFADevice(name: name)
        let error = await #expect(throws: AWSError.self) { try await iam.createVirtualMFADevice(name: name) }
        #expect(error?.code == .entityAlreadyExists)
        #expect(error?.reason.contains("a virtual MFA device named '\(name)' already exists") == true)
        try await iam.deleteVirtualMFADevice(serialNumber: device.serialNumber)
        #expect(try await !iam.listVirtualMFADevices().contains { $0.serialNumber == device.serialNumber })
    }

    @Test func unknownUserIsSaid() async throws {
        let server = try MotoServer.require()
        let error = await #expect(throws: AWSError.self) { try await Moto.iam(server).mfaStatus(userName: Moto.uniqueName("ghost")) }
        #expect(error?.code == .noSuchEntity)
        #expect(error?.reason.contains("there is no IAM user named") == true)
    }

    @Test(arguments: [
        ("R0VaREdOQlZHWTNUUU9KUUdFWkRHTkJWR1kzVFFPSlE=", 20),   // base64 of GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
    ])
    func seedDecoding(_ encoded: String, _ count: Int) throws {
        let seed = try IAMClient.decodeSeed(encoded, serial: "arn:aws:iam::123456789012:mfa/x")
        #expect(seed.count == count)
        #expect(Base32.encode(seed) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }

    @Test(arguments: ["not base64!", "MTIzNDU2Nzg5", "R0VaREdOQlY="])
    func malformedOrShortSeedsAreRefusedWithoutShowingThem(_ encoded: String) {
        let error = #expect(throws: AWSError.self) { try IAMClient.decodeSeed(encoded, serial: "arn:aws:iam::123456789012:mfa/x") }
        #expect(error?.code == .transport)
        #expect(error?.reason.contains(encoded) == false)
        #expect(error?.reason.contains("GEZDGNBV") == false)
    }

    /// moto has no ResyncMFADevice: the request is checked against botocore's IAM service model
    /// (parameter names, no output shape) through a server that records it, and the error path
    /// with the model's InvalidAuthenticationCode error (code and HTTP status).
    @Test func resyncSendsTheModelsParametersAndMapsItsError() async throws {
        let model = try BotocoreOperation.load("ResyncMFADevice")
        #expect(!model.hasOutput)
        let accepted = try RecordingIAMServer.start(status: 200, body: "<ResyncMFADeviceResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ResyncMFADeviceResponse>")
        defer { accepted.stop() }
        let serial = "arn:aws:iam::123456789012:mfa/alice"
        try await Self.client(accepted.endpoint).resyncMFADevice(userName: "alice", serialNumber: serial, code1: "123456", code2: "654321")
        let request = try #require(try accepted.requests().first)
        #expect(request["Action"] == "ResyncMFADevice")
        #expect(request["Version"] == model.apiVersion)
        let parameters = Set(request.keys).subtracting(["Action", "Version"])
        #expect(parameters == Set(model.inputMembers), "only the model's members are sent")
        #expect(Set(model.required).isSubset(of: parameters), "every required member is sent")
        #expect(request["UserName"] == "alice" && request["SerialNumber"] == serial)
        #expect(request["AuthenticationCode1"] == "123456" && request["AuthenticationCode2"] == "654321")

        let status = try #require(model.errors["InvalidAuthenticationCode"], "botocore models the error")
        let refused = try RecordingIAMServer.start(status: status,
                                                   body: BotocoreOperation.errorDocument("InvalidAuthenticationCode", message: "Authentication code for device is not valid."))
        defer { refused.stop() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(refused.endpoint).resyncMFADevice(userName: "alice", serialNumber: serial, code1: "123456", code2: "654321")
        }
        #expect(error?.code == .invalidAuthenticationCode)
        #expect(error?.httpStatus == status)
        #expect(error?.reason.contains("AWS did not accept the two codes for \(serial)") == true)
        #expect(try refused.requests().count == 1, "a refused pair is not retried")
    }

    /// EnableMFADevice's request against the same model: moto accepts it, botocore names it.
    @Test func enableSendsTheModelsParameters() async throws {
        let model = try BotocoreOperation.load("EnableMFADevice")
        let server = try RecordingIAMServer.start(status: 200, body: "<EnableMFADeviceResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></EnableMFADeviceResponse>")
        defer { server.stop() }
        try await Self.client(server.endpoint).enableMFADevice(userName: "bob", serialNumber: "arn:aws:iam::123456789012:mfa/bob",
                                                              code1: "111111", code2: "222222")
        let request = try #require(try server.requests().first)
        #expect(Set(request.keys).subtracting(["Action", "Version"]) == Set(model.required))
        #expect(model.errors["InvalidAuthenticationCode"] != nil && model.errors["LimitExceeded"] != nil)
    }

    static func client(_ endpoint: URL) -> IAMClient {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                        sessionToken: nil, source: "test"),
            region: "us-east-1", endpointURL: endpoint)
        configuration.timeout = 60
        return IAMClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 1, baseDelay: 0.05))
    }
}
