import CredKitTestSupport
import Foundation
import Testing

/// Issue 11: `--live` with an assume-role profile and a credential_process profile, and
/// `--verbose` naming the source, the caller and each call, never a secret (moto, signature checks on).
@Suite("credkit --live with the whole credential chain (moto)", .motoServer)
struct CredentialChainCLITests {
    static func createRole(_ server: MotoServer, _ name: String) throws -> String {
        let script = """
        import botocore.session, json, sys
        iam = botocore.session.get_session().create_client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
            aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
        arn = iam.create_role(RoleName=sys.argv[4], AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        iam.put_role_policy(RoleName=sys.argv[4], PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        print(arn)
        """
        let result = try ProcessRunner.run("python3", ["-c", script, server.endpoint.absoluteString, server.adminAccessKeyID,
                                                       server.adminSecretAccessKey, name])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `base` (moto's admin keys) to a credentials file and `config` to a config file in
    /// `directory`, and returns the environment that points credkit at them and at moto.
    static func profileEnvironment(_ server: MotoServer, _ directory: TemporaryDirectory, config: String) throws -> [String: String] {
        try "[base]\naws_access_key_id = \(server.adminAccessKeyID)\naws_secret_access_key = \(server.adminSecretAccessKey)\n"
            .write(toFile: directory.path("credentials"), atomically: true, encoding: .utf8)
        try config.write(toFile: directory.path("config"), atomically: true, encoding: .utf8)
        return ["AWS_SHARED_CREDENTIALS_FILE": directory.path("credentials"), "AWS_CONFIG_FILE": directory.path("config"),
                "AWS_ENDPOINT_URL": server.endpoint.absoluteString, "AWS_REGION": "us-east-1", "HOME": directory.url.path,
                "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1"]
    }

    @Test func assumeRoleProfileWithVerbose() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("chain-cli")
        defer { directory.remove() }
        let role = "auditor-\(UUID().uuidString.prefix(8).lowercased())"
        let arn = try Self.createRole(server, role)
        let environment = try Self.profileEnvironment(server, directory,
                                                      config: "[profile audit]\nrole_arn = \(arn)\nsource_profile = base\nrole_session_name = ci-audit\n")
        let result = try ProcessRunner.credkit(["policy", "check", "--live", "--profile", "audit", "--verbose", "--baseline", "aws-default"],
                                               environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("credkit: verbose: credentials: trying assume-role (profile 'audit', role \(arn), from profile 'base' in ~/credentials)"),
                "\(result.stderr)")
        #expect(result.stderr.contains("credkit: verbose: AWS call: sts AssumeRole at \(server.endpoint.absoluteString): HTTP 200"))
        #expect(result.stderr.contains("credkit: verbose: credentials: from assume-role (profile 'audit'), temporary until "))
        #expect(result.stderr.contains("credkit: verbose: caller: arn:aws:sts::123456789012:assumed-role/\(role)/ci-audit (account 123456789012)"))
        #expect(result.stderr.contains("credkit: verbose: AWS call: iam GetAccountPasswordPolicy at "))
        #expect(!result.stderr.contains(server.adminSecretAccessKey))
        #expect(!result.stdout.contains(server.adminSecretAccessKey))

        let quiet = try ProcessRunner.credkit(["policy", "check", "--live", "--profile", "audit", "--baseline", "aws-default"],
                                              environment: environment)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("verbose:"))
    }

    /// Runs credkit with a new pseudo-terminal as its controlling terminal (and its standard
    /// streams), types `answer` after `prompt` appears, and returns what the terminal showed.
    static let terminalDriver = """
    import os, pty, select, sys, time
    prompt, answer, program = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(program[0], program)
    shown, typed, deadline = b"", False, time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        shown += data
        if not typed and prompt in shown:
            os.write(fd, answer + b"\\n")
            typed = True
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(shown)
    sys.exit(os.waitstatus_to_exitcode(status))
    """

    /// The profile's `mfa_serial` code is asked for on the terminal, the way the AWS CLI asks,
    /// and sent with AssumeRole (moto accepts any code); it is never read from argv.
    @Test func mfaSerialProfileAsksForTheCodeOnTheTerminal() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("chain-cli")
        defer { directory.remove() }
        let role = "mfa-\(UUID().uuidString.prefix(8).lowercased())"
        let arn = try Self.createRole(server, role)
        let serial = "arn:aws:iam::123456789012:mfa/credkit-admin"
        let environment = try Self.profileEnvironment(server, directory,
                                                      config: "[profile admin]\nrole_arn = \(arn)\nsource_profile = base\nmfa_serial = \(serial)\n")
        let command = [Fixtures.credkitBinary.path, "policy", "check", "--live", "--profile", "admin", "--verbose", "--baseline", "aws-default"]
        let session = try ProcessRunner.run("python3", ["-c", Self.terminalDriver, "Enter MFA code for \(serial): ", "123456"] + command,
                                            environment: environment)
        #expect(session.status == 0, "\(session.stdout)\(session.stderr)")
        #expect(session.stdout.contains("Enter MFA code for \(serial): "), "\(session.stdout)")
        #expect(session.stdout.contains("credkit: verbose: AWS call: sts AssumeRole at "), "\(session.stdout)")
        #expect(session.stdout.contains("assumed-role/\(role)/"), "\(session.stdout)")
        #expect(!session.stdout.contains(server.adminSecretAccessKey))

        // A code that cannot be one is refused before AWS is asked; exit 2.
        let typo = try ProcessRunner.run("python3", ["-c", Self.terminalDriver, "Enter MFA code for \(serial): ", "12ab56"] + command,
                                         environment: environment)
        #expect(typo.status == 2, "\(typo.stdout)")
        #expect(typo.stdout.contains("an MFA code is 6 digits"), "\(typo.stdout)")
        #expect(!typo.stdout.contains("sts AssumeRole at"))
    }

    @Test func credentialProcessProfileAndUnknownProfile() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("chain-cli")
        defer { directory.remove() }
        let script = directory.path("helper.sh")
        try "#!/bin/sh\nprintf '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\"}' \"$1\" \"$2\"\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        try "[profile tool]\ncredential_process = \(script) \(server.adminAccessKeyID) \(server.adminSecretAccessKey)\n"
            .write(toFile: directory.path("config"), atomically: true, encoding: .utf8)
        let environment = ["AWS_SHARED_CREDENTIALS_FILE": directory.path("none"), "AWS_CONFIG_FILE": directory.path("config"),
                           "AWS_ENDPOINT_URL": server.endpoint.absoluteString, "AWS_REGION": "us-east-1", "HOME": directory.url.path,
                           "AWS_PROFILE": "tool", "AWS_EC2_METADATA_DISABLED": "true"]
        let result = try ProcessRunner.credkit(["policy", "check", "--live", "--debug", "--baseline", "aws-default"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("credkit: verbose: credentials: from credential_process (profile 'tool')"), "\(result.stderr)")
        #expect(!result.stderr.contains(server.adminSecretAccessKey))

        let unknown = try ProcessRunner.credkit(["policy", "check", "--live", "--profile", "nobody"], environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("profile 'nobody' is not in ~/none and ~/config"), "\(unknown.stderr)")
    }
}
