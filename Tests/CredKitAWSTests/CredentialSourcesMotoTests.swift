import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// Lines `--verbose` would print, collected.
final class TraceLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    var trace: AWSTrace { { line in self.lock.withLock { self.stored.append(line) } } }
}

/// A home folder with AWS files and the environment that points the chain at them and at moto.
struct ChainHome {
    let directory: TemporaryDirectory
    var environment: [String: String]

    init(_ server: MotoServer, credentials: String = "", config: String = "", extra: [String: String] = [:]) throws {
        directory = try TemporaryDirectory("chain-home")
        try credentials.write(toFile: directory.path("credentials"), atomically: true, encoding: .utf8)
        try config.write(toFile: directory.path("config"), atomically: true, encoding: .utf8)
        environment = ["AWS_SHARED_CREDENTIALS_FILE": directory.path("credentials"), "AWS_CONFIG_FILE": directory.path("config"),
                       "AWS_ENDPOINT_URL": server.endpoint.absoluteString, "AWS_EC2_METADATA_DISABLED": "true",
                       "HOME": directory.url.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment.merge(extra) { _, new in new }
    }

    var chain: CredentialsChain { CredentialsChain(environment: environment, homeDirectory: directory.url.path) }

    func remove() { directory.remove() }
}

extension Moto {
    /// A role anyone may assume (moto does not apply `:root` to the account's users), allowed everything.
    static func createRole(_ iam: IAMClient, _ name: String) async throws -> String {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]}]}"#
        let created = try await iam.query.call("CreateRole", [("RoleName", name), ("AssumeRolePolicyDocument", trust)])
        let everything = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        _ = try await iam.query.call("PutRolePolicy", [("RoleName", name), ("PolicyName", "everything"), ("PolicyDocument", everything)])
        return try #require(created.child("Role")?.value("Arn"))
    }
}

@Suite("Credential chain sources against moto: assume-role, credential_process", .motoServer)
struct CredentialSourcesMotoTests {
    static func adminKeys(_ server: MotoServer, profile: String = "base") -> String {
        "[\(profile)]\naws_access_key_id = \(server.adminAccessKeyID)\naws_secret_access_key = \(server.adminSecretAccessKey)\n"
    }

    @Test func twoHopsWithExternalIDSessionNameAndDuration() async throws {
        let server = try MotoServer.require()
        let iam = Moto.iam(server)
        let first = Moto.uniqueName("hop-one")
        let second = Moto.uniqueName("hop-two")
        let firstARN = try await Moto.createRole(iam, first)
        let secondARN = try await Moto.createRole(iam, second)
        let home = try ChainHome(server, credentials: Self.adminKeys(server), config: """
        [profile first]
        role_arn = \(firstARN)
        source_profile = base
        external_id = ext-4711

        [profile second]
        role_arn = \(secondARN)
        source_profile = first
        role_session_name = credkit-second-hop
        duration_seconds = 1800
        region = us-west-2
        """)
        defer { home.remove() }
        let lines = TraceLines()
        let configuration = try await home.chain.configuration(profile: "second", timeout: 300, trace: lines.trace)
        #expect(configuration.credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(configuration.credentials.source == "assume-role (profile 'second')")
        #expect(configuration.profile == "second")
        #expect(configuration.region == "us-west-2")
        let expiration = try #require(configuration.credentials.expiration)
        #expect(abs(expiration.timeIntervalSinceNow - 1800) < 300, "duration_seconds reaches STS")
        let identity = try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        #expect(identity.arn.hasSuffix(":assumed-role/\(second)/credkit-second-hop"), "\(identity.arn)")
        let calls = lines.lines.filter { $0.contains("sts AssumeRole at") }
        #expect(calls.count == 2, "two hops: \(lines.lines)")
        #expect(lines.lines.contains { $0.contains("trying assume-role (profile 'second', role \(secondARN), from assume-role (profile 'first'") })
        for line in lines.lines { #expect(!line.contains(server.adminSecretAccessKey)) }
    }

    @Test func credentialSourceEnvironmentAndDefaultSessionName() async throws {
        let server = try MotoServer.require()
        let role = Moto.uniqueName("from-env")
        let arn = try await Moto.createRole(Moto.iam(server), role)
        let home = try ChainHome(server, config: "[profile ci]\nrole_arn = \(arn)\ncredential_source = Environment\n",
                                 extra: ["AWS_ACCESS_KEY_ID": server.adminAccessKeyID, "AWS_SECRET_ACCESS_KEY": server.adminSecretAccessKey])
        defer { home.remove() }
        let configuration = try await home.chain.configuration(profile: "ci", timeout: 300)
        let identity = try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        #expect(identity.arn.contains(":assumed-role/\(role)/credkit-"), "\(identity.arn)")
        // Without --profile, environment keys win over AWS_PROFILE's role (the CLI's order).
        var environment = home.environment
        environment["AWS_PROFILE"] = "ci"
        let plain = try await CredentialsChain(environment: environment, homeDirectory: home.directory.url.path).configuration(timeout: 300)
        #expect(plain.credentials.source == "environment")
    }

    @Test func mfaSerialAsksTheReaderAndSendsTheCode() async throws {
        let server = try MotoServer.require()
        let role = Moto.uniqueName("mfa")
        let arn = try await Moto.createRole(Moto.iam(server), role)
        let serial = "arn:aws:iam::123456789012:mfa/credkit-user"
        let home = try ChainHome(server, credentials: Self.adminKeys(server),
                                 config: "[profile mfa]\nrole_arn = \(arn)\nsource_profile = base\nmfa_serial = \(serial)\n")
        defer { home.remove() }
        let asked = TraceLines()
        let configuration = try await home.chain.configuration(profile: "mfa", timeout: 300, mfaCodeReader: { device in
            asked.trace(device)
            return "123456\n"
        })
        #expect(asked.lines == [serial])
        #expect(configuration.credentials.accessKeyID.hasPrefix("ASIA"))

        let noTerminal = await #expect(throws: AWSError.self) { try await home.chain.configuration(profile: "mfa", timeout: 300) }
        #expect(noTerminal?.reason.contains("needs an MFA code for \(serial), and there is no terminal") == true)
        let badCode = await #expect(throws: AWSError.self) {
            try await home.chain.configuration(profile: "mfa", timeout: 300, mfaCodeReader: { _ in "12ab56" })
        }
        #expect(badCode?.reason == "profile 'mfa': an MFA code is 6 digits")
    }

    @Test func credentialProcessRunsWithoutAShellAndHonoursExpiration() async throws {
        let server = try MotoServer.require()
        let home = try ChainHome(server)
        defer { home.remove() }
        let expiration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let script = home.directory.path("cred helper.sh")
        try """
        #!/bin/sh
        # The argument arrives as one word, quotes removed, no shell expansion of $HOME.
        [ "$1" = 'one arg $HOME' ] || { echo "bad argument: $1 secret-ish" >&2; exit 3; }
        echo "this error output is discarded" >&2
        printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "Expiration": "\(expiration)"}' "$2" "$3"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        try """
        [profile helper]
        credential_process = "\(script)" 'one arg $HOME' \(server.adminAccessKeyID) \(server.adminSecretAccessKey)
        [profile failing]
        credential_process = "\(script)" wrong
        """.write(toFile: home.directory.path("config"), atomically: true, encoding: .utf8)
        let configuration = try await home.chain.configuration(profile: "helper", timeout: 300)
        #expect(configuration.credentials.source == "credential_process (profile 'helper')")
        // The helper's own Expiration, to the second (not "about an hour from now": a loaded run may be slow).
        #expect(configuration.credentials.expiration == ISO8601DateFormatter().date(from: expiration))
        #expect(configuration.credentialProvider != nil, "refreshed before Expiration")
        let identity = try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        #expect(identity.arn.hasSuffix(":user/credkit-admin"))

        let failure = await #expect(throws: AWSError.self) { try await home.chain.configuration(profile: "failing", timeout: 300) }
        #expect(failure?.reason == "credential_process of profile 'failing' exited with status 3 (its error output is not shown: it may hold secrets)")
    }

    @Test func sourceProfileLoopIsNamed() async throws {
        let server = try MotoServer.require()
        let home = try ChainHome(server, config: """
        [profile a]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = b
        [profile b]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = a
        """)
        defer { home.remove() }
        let error = await #expect(throws: AWSError.self) { try await home.chain.configuration(profile: "a", timeout: 300) }
        #expect(error?.reason == "profiles 'a' -> 'b' -> 'a' name each other as source_profile in a loop")
    }
}

/// moto answers an unsigned AssumeRoleWithWebIdentity with 500 while signature checking is on
/// (it looks for an Authorization header), so these tests let exactly one request through
/// unchecked (moto's reset-auth count) and run one at a time on a server of their own.
@Suite("Web identity against moto", .motoServer, .serialized)
struct WebIdentityMotoTests {
    static func allowOneUnsignedRequest(_ server: MotoServer) throws {
        let script = """
        import sys, urllib.request
        request = urllib.request.Request(sys.argv[1] + "moto-api/reset-auth", data=b"1", method="POST", headers={"Content-Type": "text/plain"})
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10)
        """
        let result = try ProcessRunner.run("python3", ["-c", script, server.endpoint.absoluteString])
        try #require(result.status == 0, "reset-auth failed: \(result.stderr)")
    }

    @Test func environmentTokenFileAndRoleARN() async throws {
        let server = try MotoServer.require()
        let role = Moto.uniqueName("eks")
        let arn = try await Moto.createRole(Moto.iam(server), role)
        let home = try ChainHome(server)
        defer { home.remove() }
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl\n"
            .write(toFile: home.directory.path("token"), atomically: true, encoding: .utf8)
        var environment = home.environment
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = home.directory.path("token")
        environment["AWS_ROLE_ARN"] = arn
        environment["AWS_ROLE_SESSION_NAME"] = "pod-session"
        let chain = CredentialsChain(environment: environment, homeDirectory: home.directory.url.path)
        let lines = TraceLines()
        try Self.allowOneUnsignedRequest(server)
        let configuration = try await chain.configuration(timeout: 300, trace: lines.trace)
        #expect(configuration.credentials.source == "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
        #expect(lines.lines.contains { $0.contains("sts AssumeRoleWithWebIdentity at") && $0.hasSuffix("HTTP 200") })
        let identity = try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        #expect(identity.arn.hasSuffix(":assumed-role/\(role)/pod-session"), "\(identity.arn)")
    }

    @Test func missingRoleARNAndUnreadableTokenAreNamed() async throws {
        let server = try MotoServer.require()
        let home = try ChainHome(server)
        defer { home.remove() }
        var environment = home.environment
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = home.directory.path("absent")
        let noRole = await #expect(throws: AWSError.self) {
            try await CredentialsChain(environment: environment, homeDirectory: home.directory.url.path).configuration(timeout: 5)
        }
        #expect(noRole?.reason == "AWS_WEB_IDENTITY_TOKEN_FILE names a web identity token file but no role: set AWS_ROLE_ARN")
        environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/x"
        let noFile = await #expect(throws: AWSError.self) {
            try await CredentialsChain(environment: environment, homeDirectory: home.directory.url.path).configuration(timeout: 5)
        }
        #expect(noFile?.reason == "web identity (AWS_WEB_IDENTITY_TOKEN_FILE): cannot read the token file \(home.directory.path("absent"))")
    }
}
