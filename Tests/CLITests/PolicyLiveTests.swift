import CredKitTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `credkit policy check --live` and `policy suggest --live` against a real moto server
/// (python3 -m moto.server) with signature checking on, whose IAM keeps an account password
/// policy like AWS's.
@Suite("credkit policy --live (moto)", .motoServer, .serialized)
struct PolicyLiveTests {
    /// Environment for credkit: moto's administrator key, no profile files, no real AWS.
    static func environment(_ server: MotoServer) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": server.adminAccessKeyID, "AWS_SECRET_ACCESS_KEY": server.adminSecretAccessKey,
         "AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
    }

    /// Sets the account password policy through botocore, an independent client.
    static func setPolicy(_ server: MotoServer, _ arguments: String) throws {
        let script = """
        import botocore.session, sys
        c = botocore.session.get_session().create_client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
            aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
        c.update_account_password_policy(\(arguments))
        """
        let result = try ProcessRunner.run("python3", ["-c", script, server.endpoint.absoluteString,
                                                       server.adminAccessKeyID, server.adminSecretAccessKey])
        try #require(result.status == 0, "\(result.stderr)")
    }

    @Test func noPolicyMeansAWSDefaultThenTheSetPolicyIsRead() throws {
        let server = try MotoServer.require()
        let endpoint = server.endpoint.absoluteString
        let environment = Self.environment(server)
        let none = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", endpoint, "--baseline", "aws-default"],
                                             environment: environment)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("no policy set, AWS default policy"))
        #expect(none.stdout.contains("PASS   aws-default-types"))

        try Self.setPolicy(server, "MinimumPasswordLength=10, RequireSymbols=True, MaxPasswordAge=60, PasswordReusePrevention=5, AllowUsersToChangePassword=True")
        let set = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", endpoint, "--baseline", "cis", "--format", "json"],
                                            environment: environment)
        #expect(set.status == 1, "\(set.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(set.stdout.utf8)) as? [String: Any])
        let fields = try #require(report["policy"] as? [String: Any])
        #expect(fields["MinimumPasswordLength"] as? Int == 10)
        #expect(fields["RequireSymbols"] as? Bool == true)
        #expect(fields["MaxPasswordAge"] as? Int == 60)
        #expect(fields["PasswordReusePrevention"] as? Int == 5)
        #expect(fields["AWSDefault"] as? Bool == false)

        let suggest = try ProcessRunner.credkit(["policy", "suggest", "--baseline", "cis", "--live", "--endpoint-url", endpoint],
                                                environment: environment)
        #expect(suggest.status == 0, "\(suggest.stderr)")
        #expect(suggest.stderr.contains("MinimumPasswordLength: 10 -> 14"))
        #expect(suggest.stderr.contains("PasswordReusePrevention: 5 -> 24"))
        let suggested = try #require(try JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any])
        #expect(suggested["MaxPasswordAge"] as? Int == 60, "CIS hardening keeps what CIS does not mention")
    }

    @Test func liveOptionsNeedLive() throws {
        let result = try ProcessRunner.credkit(["policy", "check", "--aws-default", "--profile", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("only apply with --live"))
        let both = try ProcessRunner.credkit(["policy", "check", "--aws-default", "--live"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("one of a policy file, --aws-default or --live"))
    }

    @Test func unreachableEndpointIsAnInputError() throws {
        let result = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", "http://127.0.0.1:9"],
                                               environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                                             "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--live: GetAccountPasswordPolicy failed"), "\(result.stderr)")
        #expect(!result.stderr.contains("testing"))
    }
}
