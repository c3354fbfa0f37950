import CredKitTestSupport
import Foundation
import Testing

/// `credkit keys --live` and `audit --live` over an organization, against a real moto server with
/// signature checking on: an organization with four member accounts made by
/// `organizations:CreateAccount`, each with a user and an old-enough key (`--now` a year ahead),
/// three with an alias. moto creates `OrganizationAccountAccessRole` with no policy, so the setup
/// attaches one while checking is off. `delta`'s role is deleted, and the management account has
/// none (as on AWS); `OrganizationFaultProxy` answers AssumeRole for both as AWS does (the
/// management account, the caller's own, is read with the caller's credentials and needs none), and
/// throttles ListAccounts and GenerateCredentialReport at first.
@Suite("credkit keys/audit --organization-role (moto)", .motoServer, .organization, .serialized)
struct OrganizationLiveTests {
    static let role = "OrganizationAccountAccessRole"
    static let management = "123456789012"

    static let setupScript = #"""
    import json, sys, urllib.request, botocore.session
    spec = json.load(sys.stdin)
    endpoint = spec["endpoint"]
    def auth(count):
        # Flask reads a form-encoded body as form fields: the count goes as text/plain.
        request = urllib.request.Request(endpoint + "moto-api/reset-auth", data=str(count).encode(), method="POST",
                                         headers={"Content-Type": "text/plain"})
        assert urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10).status == 200
    session = botocore.session.get_session()
    def client(service, id=spec["id"], secret=spec["secret"], token=None):
        return session.create_client(service, region_name="us-east-1", endpoint_url=endpoint,
                                     aws_access_key_id=id, aws_secret_access_key=secret, aws_session_token=token)
    organizations = client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    auth(1000000)
    accounts = {}
    everything = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    for name in ["alpha", "beta", "gamma", "delta"]:
        account = organizations.create_account(Email=name + "@example.com", AccountName=name)["CreateAccountStatus"]["AccountId"]
        accounts[name] = account
        credentials = client("sts").assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                                RoleSessionName="setup")["Credentials"]
        iam = client("iam", credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"])
        iam.create_user(UserName="deploy-" + name)
        iam.create_access_key(UserName="deploy-" + name)
        if name == "delta":
            iam.delete_role(RoleName="OrganizationAccountAccessRole")
        else:
            iam.put_role_policy(RoleName="OrganizationAccountAccessRole", PolicyName="audit", PolicyDocument=everything)
        if name != "gamma":
            iam.create_account_alias(AccountAlias="corp-" + name)
    auth(0)
    json.dump(accounts, sys.stdout)
    """#

    /// The organization, its accounts by name, and the proxy in front of moto.
    struct Organization: Sendable {
        let accounts: [String: String]
        let proxy: OrganizationFaultProxy
        let directory: TemporaryDirectory
    }

    /// The organization of the running suite (`OrganizationTrait`).
    @TaskLocal static var current: Organization?

    static func organization(_ server: MotoServer) throws -> Organization {
        try #require(current, "the suite needs the .organization trait after .motoServer")
    }

    /// Makes the organization in moto and starts the proxy.
    static func make(_ server: MotoServer) throws -> Organization {
        let spec: [String: Any] = ["endpoint": server.endpoint.absoluteString, "id": server.adminAccessKeyID,
                                   "secret": server.adminSecretAccessKey]
        let setup = try ProcessRunner.run("python3", ["-c", setupScript], stdin: try JSONSerialization.data(withJSONObject: spec))
        guard setup.status == 0 else { throw MotoError("botocore setup failed: \(setup.stderr.suffix(800))") }
        guard let accounts = try JSONSerialization.jsonObject(with: setup.stdoutData) as? [String: String] else {
            throw MotoError("the setup printed no accounts")
        }
        let directory = try TemporaryDirectory("organization")
        let proxy = try OrganizationFaultProxy(directory: directory, moto: server, listAccountsThrottles: 2, iamThrottles: 3,
                                               missingRoleAccounts: [management, accounts["delta"] ?? ""])
        return Organization(accounts: accounts, proxy: proxy, directory: directory)
    }

    static func environment(_ server: MotoServer, _ organization: Organization) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": server.adminAccessKeyID, "AWS_SECRET_ACCESS_KEY": server.adminSecretAccessKey,
         "AWS_ENDPOINT_URL": organization.proxy.endpoint, "HOME": organization.directory.url.path, "AWS_PROFILE": "",
         "AWS_REGION": "us-east-1"]
    }

    static func inAYear() -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(365 * 86_400))
    }

    static func accounts(_ object: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(object["accounts"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { entry in (entry["account_id"] as? String).map { ($0, entry) } })
    }

    @Test func keysChecksEveryAccountDespiteThrottlingAndListsTheUnreadable() throws {
        let server = try MotoServer.require()
        let organization = try Self.organization(server)
        let result = try ProcessRunner.credkit(
            ["keys", "--live", "--organization-role", Self.role, "--now", Self.inAYear(), "--format", "json", "--concurrency", "3"],
            environment: Self.environment(server, organization))
        #expect(result.status == 1, "findings, and unreadable accounts do not make it 2 without --strict; stderr: \(result.stderr)")
        let object = try KeysFixtures.json(result)
        let accounts = try Self.accounts(object)
        let ids = organization.accounts
        #expect(Set(accounts.keys) == Set(ids.values).union([Self.management]), "every active account, the management one included")
        for name in ["alpha", "beta", "gamma"] {
            let account = try #require(accounts[ids[name] ?? ""])
            #expect(account["readable"] as? Bool == true, "\(name): \(account["reason"] ?? "")")
            #expect(account["account_name"] as? String == name)
            let alias = name == "gamma" ? nil : "corp-\(name)"
            #expect(account["account_alias"] as? String == alias)
            let report = try #require(account["report"] as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            let age = try #require(findings.first { $0["check"] as? String == "key-age" }, "\(name): \(findings)")
            #expect(age["user"] as? String == "deploy-\(name)", "each account's own users, not the caller's")
            #expect(age["account_id"] as? String == ids[name])
            #expect(age["account_alias"] as? String == alias)
            #expect(!findings.contains { ($0["user"] as? String) == "credkit-admin" })
        }
        let own = try #require(accounts[Self.management])
        #expect(own["readable"] as? Bool == true, "the caller's own account is read without a role: \(own["reason"] ?? "")")
        let ownFindings = try #require((own["report"] as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(ownFindings.contains { $0["user"] as? String == "credkit-admin" && $0["account_id"] as? String == Self.management })
        for id in [ids["delta"] ?? ""] {
            let account = try #require(accounts[id])
            #expect(account["readable"] as? Bool == false)
            let reason = account["reason"] as? String ?? ""
            #expect(reason.contains("cannot assume arn:aws:iam::\(id):role/\(Self.role)"), "\(reason)")
            #expect(reason.contains("AccessDenied") || reason.contains("not authorized"), "\(reason)")
        }
        let injected = organization.proxy.injected()
        let summary = try #require(object["organization"] as? [String: Any])
        #expect(summary["read"] as? Int == 4)
        #expect(summary["unreadable"] as? Int == 1)
        #expect(injected["AssumeRole"] ?? 0 >= 1, "delta's AssumeRole was refused")
        #expect(injected["ListAccounts"] == 2, "ListAccounts was throttled twice and retried: \(injected)")
        #expect(injected["GenerateCredentialReport"] == 3, "IAM throttling was retried: \(injected)")
        #expect(!result.stdout.contains(server.adminSecretAccessKey))
    }

    @Test func strictMakesAnUnreadableAccountExitTwoAndStillReportsTheRest() throws {
        let server = try MotoServer.require()
        let organization = try Self.organization(server)
        let ids = organization.accounts
        let result = try ProcessRunner.credkit(
            ["keys", "--live", "--organization-role", Self.role, "--accounts", "\(ids["alpha"] ?? ""),\(ids["delta"] ?? "")",
             "--strict", "--now", Self.inAYear()],
            environment: Self.environment(server, organization))
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("1 of 2 accounts could not be read (--strict)"), "\(result.stderr)")
        #expect(result.stdout.contains("=== Account \(ids["alpha"] ?? "") (corp-alpha) ==="), "\(result.stdout)")
        #expect(result.stdout.contains("deploy-alpha"))
        #expect(result.stdout.contains("=== Account \(ids["delta"] ?? "") (delta) ===\nCannot be read: cannot assume"))
        #expect(!result.stdout.contains("deploy-beta"), "--accounts restricts the run")
        #expect(result.stdout.contains("Organization (role \(Self.role)): 1 account read, 1 unreadable"))
    }

    @Test func anAccountOutsideTheOrganizationIsListedAsUnreadable() throws {
        let server = try MotoServer.require()
        let organization = try Self.organization(server)
        for strict in [false, true] {
            let result = try ProcessRunner.credkit(
                ["keys", "--live", "--organization-role", Self.role, "--accounts", "000000000000", "--format", "json"]
                    + (strict ? ["--strict"] : []),
                environment: Self.environment(server, organization))
            #expect(result.status == (strict ? 2 : 0), "unreadable accounts exit 2 only with --strict: \(result.stderr)")
            let accounts = try Self.accounts(try KeysFixtures.json(result))
            #expect(accounts["000000000000"]?["reason"] as? String == "not an account of the organization")
        }
    }

    @Test func auditGroupsTheChecklistByAccountInMarkdownAndGitHub() throws {
        let server = try MotoServer.require()
        let organization = try Self.organization(server)
        let ids = organization.accounts
        let summary = organization.directory.path("step-summary.md")
        var environment = Self.environment(server, organization)
        environment["GITHUB_STEP_SUMMARY"] = summary
        let result = try ProcessRunner.credkit(
            ["audit", "--live", "--organization-role", Self.role, "--accounts", "\(ids["beta"] ?? ""),\(ids["gamma"] ?? "")",
             "--format", "github", "--now", Self.inAYear()],
            environment: environment)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("credkit audit: account \(ids["beta"] ?? "") (corp-beta): account checklist "), "\(result.stdout)")
        #expect(result.stdout.contains("credkit audit: account \(ids["gamma"] ?? "") (gamma): account checklist "))
        #expect(result.stdout.contains("account \(ids["beta"] ?? "") (corp-beta): deploy-beta"), "annotations name the account")
        #expect(result.stdout.hasSuffix("credkit audit: organization, 2 accounts read\n"))
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.contains("# Account \(ids["beta"] ?? "") (corp-beta)"))
        #expect(markdown.contains("# Account \(ids["gamma"] ?? "") (gamma)"))
        #expect(markdown.contains("### Account checklist: "))
    }

    @Test(arguments: [
        (["keys", "--report", "-", "--organization-role", "R"], "--organization-role needs --live"),
        (["keys", "--live", "--accounts", "111111111111"], "--accounts needs --organization-role"),
        (["audit", "--live", "--concurrency", "4"], "--concurrency needs --organization-role"),
        (["keys", "--live", "--organization-role", "R", "--accounts", "11111111111"], "is not 12 digits"),
        (["keys", "--live", "--organization-role", "R", "--accounts", ","], "no account IDs given"),
        (["audit", "--live", "--organization-role", "R", "--concurrency", "0"], "maximumConcurrency"),
        (["audit", "--live", "--organization-role", "bad/role"], "role name"),
        (["keys", "--live", "--organization-role", "R", "--credentials-file", "/dev/null"],
         "--credentials-file describes one account; it does not go with --organization-role"),
        (["audit", "--live", "--organization-role", "R", "--trails", "/dev/null"],
         "--trails describes one account; it does not go with --organization-role"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let result = try ProcessRunner.credkit(arguments, stdin: "", environment: ["HOME": "/nonexistent", "AWS_PROFILE": ""])
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

/// Makes `OrganizationLiveTests`' organization once for the suite, inside its moto server's scope,
/// and stops the proxy after the last test.
struct OrganizationTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try MotoServer.require()
        let organization = try OrganizationLiveTests.make(server)
        defer {
            organization.proxy.stop()
            organization.directory.remove()
        }
        try await OrganizationLiveTests.$current.withValue(organization) { try await function() }
    }
}

extension Trait where Self == OrganizationTrait {
    /// An organization in the suite's moto server, with `OrganizationFaultProxy` in front.
    static var organization: OrganizationTrait { OrganizationTrait() }
}
