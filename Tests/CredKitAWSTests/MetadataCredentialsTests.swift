import CredKitAWS
@testable import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

/// IMDSv2, ECS container credentials and IAM Identity Center against a loopback server that
/// answers as AWS documents (and, for SSO, as botocore's service model says).
@Suite("EC2 instance metadata, container credentials, IAM Identity Center (loopback)")
struct MetadataCredentialsTests {
    static func withServer(_ body: (MetadataEndpointServer) async throws -> Void) async throws {
        let server = try MetadataEndpointServer()
        defer { server.stop() }
        try await body(server)
    }

    static func chain(_ environment: [String: String], home: TemporaryDirectory) -> CredentialsChain {
        var full = ["AWS_SHARED_CREDENTIALS_FILE": home.path("credentials"), "AWS_CONFIG_FILE": home.path("config")]
        full.merge(environment) { _, new in new }
        return CredentialsChain(environment: full, homeDirectory: home.url.path)
    }

    @Test func instanceMetadataV2IsTheLastSource() async throws {
        try await Self.withServer { server in
            let home = try TemporaryDirectory("imds")
            defer { home.remove() }
            let lines = TraceLines()
            let configuration = try await Self.chain(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.base], home: home)
                .configuration(timeout: 5, trace: lines.trace)
            #expect(configuration.credentials.accessKeyID == "ASIAIMDS000000000001")
            #expect(configuration.credentials.isTemporary)
            #expect(configuration.credentials.source == "EC2 instance metadata (role credkit-instance-role)")
            #expect(configuration.credentials.expiration != nil)
            #expect(configuration.profile == nil)
            #expect(lines.lines.first == "credentials: trying EC2 instance metadata (\(server.base)) (nothing else applied)")
        }
    }

    @Test func instanceMetadataV1WhenTheTokenRequestIsRefusedUnlessDisabled() async throws {
        try await Self.withServer { server in
            let v1 = InstanceMetadataCredentials(endpoint: try #require(URL(string: server.base + "/v1only")))
            #expect(try await v1.credentials().accessKeyID == "ASIAIMDS000000000001")
            let strict = InstanceMetadataCredentials(endpoint: try #require(URL(string: server.base + "/v1only")), allowsVersion1: false)
            let error = await #expect(throws: AWSError.self) { try await strict.credentials() }
            #expect(error?.reason.hasSuffix("the session token request got HTTP 405 and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)") == true)
        }
    }

    @Test func slowOrAbsentInstanceMetadataFailsWithinASecondOrSo() async throws {
        try await Self.withServer { server in
            let home = try TemporaryDirectory("imds")
            defer { home.remove() }
            for endpoint in [server.base + "/slow", "http://127.0.0.1:\(try LoopbackPort.free())"] {
                // One request with the short IMDS timeout, not the 30-second --timeout; timed on the
                // blocking layer, since the async path's wall clock includes waits for the test pool.
                let started = ContinuousClock.now
                #expect(throws: HTTPError.self) {
                    try HTTPClient(timeout: InstanceMetadataCredentials.requestTimeout)
                        .sendBlocking("PUT", to: try #require(URL(string: endpoint + "/latest/api/token")), headers: [], body: [])
                }
                #expect(ContinuousClock.now - started < .seconds(4), "the slow endpoint answers after 5 s")
                let error = await #expect(throws: AWSError.self) {
                    try await Self.chain(["AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint, "AWS_PROFILE": "ghost"], home: home).configuration(timeout: 30)
                }
                #expect(error?.code == .credentialsNotFound)
                #expect(error?.reason.hasPrefix("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile 'ghost' to") == true,
                        "\(error?.reason ?? "")")
                #expect(error?.reason.contains("no answer to the session token request") == true)
            }
            let noRole = await #expect(throws: AWSError.self) {
                try await InstanceMetadataCredentials(endpoint: try #require(URL(string: server.base + "/norole"))).credentials()
            }
            #expect(noRole?.reason.hasSuffix("this instance has no IAM role (instance profile)") == true)
        }
    }

    @Test func disabledInstanceMetadataIsNotAsked() async throws {
        let home = try TemporaryDirectory("imds")
        defer { home.remove() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.chain(["AWS_EC2_METADATA_DISABLED": "true"], home: home).configuration(timeout: 30)
        }
        #expect(error?.reason.hasSuffix("(EC2 instance metadata is disabled)") == true)
    }

    @Test func containerCredentialsWithTokenOrTokenFile() async throws {
        try await Self.withServer { server in
            let home = try TemporaryDirectory("ecs")
            defer { home.remove() }
            try "ecs-auth-token\n".write(toFile: home.path("token"), atomically: true, encoding: .utf8)
            for auth in [["AWS_CONTAINER_AUTHORIZATION_TOKEN": "ecs-auth-token"],
                         ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": home.path("token"), "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"]] {
                var environment = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.base + "/ecs/credentials", "AWS_EC2_METADATA_DISABLED": "true"]
                environment.merge(auth) { _, new in new }
                let configuration = try await Self.chain(environment, home: home).configuration(timeout: 5)
                #expect(configuration.credentials.accessKeyID == "ASIAECS0000000000001")
                #expect(configuration.credentials.source == "container credentials")
            }
            // The relative form, with the agent's address pointed at the loopback server.
            let relative = try #require(try ContainerCredentials.fromEnvironment(
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/ecs/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ecs-auth-token"],
                relativeBase: server.base))
            #expect(try await relative.credentials().accessKeyID == "ASIAECS0000000000001")
            let refused = await #expect(throws: AWSError.self) {
                try await Self.chain(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.base + "/ecs/credentials"], home: home).configuration(timeout: 5)
            }
            #expect(refused?.reason == "container credentials at \(server.base)/ecs/credentials: HTTP 401")
        }
    }

    @Test func containerFullURIMustBeHTTPSOrLocal() {
        let error = #expect(throws: AWSError.self) {
            try ContainerCredentials.fromEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://metadata.example.com/creds"])
        }
        #expect(error?.reason.hasPrefix("AWS_CONTAINER_CREDENTIALS_FULL_URI must be https") == true)
    }

    static let ssoConfig = """
    [profile sso]
    sso_session = corp
    sso_account_id = 111122223333
    sso_role_name = ReadOnly
    region = eu-west-1

    [profile legacy]
    sso_start_url = https://corp.awsapps.com/start
    sso_region = us-east-1
    sso_account_id = 111122223333
    sso_role_name = ReadOnly

    [profile denied]
    sso_session = corp
    sso_account_id = 999999999999
    sso_role_name = Admin

    [sso-session corp]
    sso_start_url = https://corp.awsapps.com/start
    sso_region = eu-west-1
    sso_registration_scopes = sso:account:access
    """

    /// Writes the token cache as `aws sso login` does: `~/.aws/sso/cache/<sha1 of key>.json`.
    static func cacheToken(_ home: TemporaryDirectory, key: String, token: String, expiresIn: TimeInterval) throws {
        let directory = home.url.appendingPathComponent(".aws/sso/cache")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = "import hashlib, sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())"
        let name = try ProcessRunner.run("python3", ["-c", script, key]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(expiresIn))
        try #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "\#(token)", "expiresAt": "\#(expires)"}"#
            .write(to: directory.appendingPathComponent(name + ".json"), atomically: true, encoding: .utf8)
    }

    @Test func ssoSessionAndLegacyProfilesUseTheCachedToken() async throws {
        try await Self.withServer { server in
            let home = try TemporaryDirectory("sso")
            defer { home.remove() }
            try Self.ssoConfig.write(toFile: home.path("config"), atomically: true, encoding: .utf8)
            let environment = ["AWS_ENDPOINT_URL_SSO": server.base, "AWS_EC2_METADATA_DISABLED": "true"]
            let lines = TraceLines()

            let missing = await #expect(throws: AWSError.self) {
                try await Self.chain(environment, home: home).configuration(profile: "sso", timeout: 5)
            }
            #expect(missing?.reason == "profile 'sso': no IAM Identity Center token is cached; run aws sso login --profile sso")

            try Self.cacheToken(home, key: "corp", token: "portal-access-token", expiresIn: 3600)
            try Self.cacheToken(home, key: "https://corp.awsapps.com/start", token: "portal-access-token", expiresIn: 3600)
            for profile in ["sso", "legacy"] {
                let configuration = try await Self.chain(environment, home: home).configuration(profile: profile, timeout: 5, trace: lines.trace)
                #expect(configuration.credentials.accessKeyID == "ASIASSO0000000000001")
                #expect(configuration.credentials.source == "IAM Identity Center (profile '\(profile)')")
                #expect(configuration.credentials.expiration.map { abs($0.timeIntervalSinceNow - 3600) < 120 } == true)
            }
            #expect(configuration(lines).contains("AWS call: sso GetRoleCredentials at \(server.base)/federation/credentials?role_name=ReadOnly&account_id=111122223333: HTTP 200"))
            #expect(!lines.lines.joined().contains("portal-access-token"))

            let denied = await #expect(throws: AWSError.self) {
                try await Self.chain(environment, home: home).configuration(profile: "denied", timeout: 5)
            }
            #expect(denied?.code == .accessDenied)
        }
    }

    private func configuration(_ lines: TraceLines) -> [String] { lines.lines }

    @Test func expiredOrRefusedSSOTokenSaysToLogIn() async throws {
        try await Self.withServer { server in
            let home = try TemporaryDirectory("sso")
            defer { home.remove() }
            try Self.ssoConfig.write(toFile: home.path("config"), atomically: true, encoding: .utf8)
            let environment = ["AWS_ENDPOINT_URL_SSO": server.base, "AWS_EC2_METADATA_DISABLED": "true"]
            try Self.cacheToken(home, key: "corp", token: "portal-access-token", expiresIn: -60)
            let expired = await #expect(throws: AWSError.self) {
                try await Self.chain(environment, home: home).configuration(profile: "sso", timeout: 5)
            }
            #expect(expired?.code == .expiredToken)
            #expect(expired?.reason.hasSuffix("; run aws sso login --profile sso") == true, "\(expired?.reason ?? "")")
            try Self.cacheToken(home, key: "corp", token: "expired-at-portal", expiresIn: 3600)
            let refused = await #expect(throws: AWSError.self) {
                try await Self.chain(environment, home: home).configuration(profile: "sso", timeout: 5)
            }
            #expect(refused?.reason == "profile 'sso': the IAM Identity Center token was refused (expired or signed out); run aws sso login --profile sso")
        }
    }

    @Test func ssoPortalURLByRegionAndPartition() throws {
        let settings = AWSConnectionSettings()
        let sso = SSOCredentials(profile: "p", sessionName: nil, startURL: "https://x.awsapps.com/start", ssoRegion: "cn-north-1",
                                 accountID: "111122223333", roleName: "Read Only", cacheDirectory: "/c", portalEndpoint: nil, settings: settings)
        #expect(sso.requestURL?.absoluteString == "https://portal.sso.cn-north-1.amazonaws.com.cn/federation/credentials?role_name=Read%20Only&account_id=111122223333")
    }
}
