import CredKitTestSupport
import Foundation
import Testing

/// `credkit audit --live` walks a fresh moto account (signature checking on) through the
/// new-account checklist, one step at a time with boto3; CUR and Data Exports, which moto lacks,
/// come from `BillingLoopbackServer` through `AWS_ENDPOINT_URL_<SERVICE>`.
///
/// moto keeps `AccountMFAEnabled` at 0: AWS has no API that turns on root MFA (it is a console
/// step, signed in as root). The walk goes through `RootMFAProxy`, which passes every request to
/// moto unchanged and, after the test's "root MFA" step, answers `GetAccountSummary` as AWS
/// would after the console step; so the walk reaches 8 of 8, and item 2 is also tested offline.
@Suite("credkit audit --live: the account checklist step by step (moto)", .motoServer, .serialized)
struct AuditChecklistLiveTests {
    /// One step of the guidance, done with boto3 as an administrator.
    static let stepScript = #"""
    import json, sys, boto3
    spec = json.load(sys.stdin)
    kw = dict(region_name="us-east-1", endpoint_url=spec["endpoint"], aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
    iam = boto3.client("iam", **kw)
    step = spec["step"]
    admin_policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    if step == "user":
        iam.create_user(UserName="alice")
        iam.create_login_profile(UserName="alice", Password="Correct-Horse-Battery-9!")
    elif step == "groups":
        arn = iam.create_policy(PolicyName="AdministratorAccess", PolicyDocument=admin_policy)["Policy"]["Arn"]
        iam.create_group(GroupName="admins")
        iam.attach_group_policy(GroupName="admins", PolicyArn=arn)
        for user in ("alice", "credkit-admin"):
            iam.add_user_to_group(GroupName="admins", UserName=user)
        iam.delete_user_policy(UserName="credkit-admin", PolicyName="everything")
    elif step == "password-policy":
        iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True, RequireNumbers=True,
            RequireUppercaseCharacters=True, RequireLowercaseCharacters=True, PasswordReusePrevention=24, MaxPasswordAge=90)
    elif step == "user-mfa":
        serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(UserName="alice", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321")
    elif step == "trail":
        s3 = boto3.client("s3", **kw)
        s3.create_bucket(Bucket="checklist-trail-logs")
        s3.put_public_access_block(Bucket="checklist-trail-logs", PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        boto3.client("cloudtrail", **kw).create_trail(Name="main", S3BucketName="checklist-trail-logs",
            IsMultiRegionTrail=True, EnableLogFileValidation=True)
    elif step == "trail-logging":
        trail = boto3.client("cloudtrail", **kw)
        # moto answers no selectors for the default; AWS's default is management events read and write.
        trail.put_event_selectors(TrailName="main", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])
        trail.start_logging(Name="main")
    elif step == "budget":
        account = boto3.client("sts", **kw).get_caller_identity()["Account"]
        boto3.client("budgets", **kw).create_budget(AccountId=account,
            Budget={"BudgetName": "monthly", "BudgetLimit": {"Amount": "20", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST"},
            NotificationsWithSubscribers=[{"Notification": {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80},
                                           "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "billing@example.com"}]}])
    else:
        sys.exit("unknown step " + step)
    """#

    static func step(_ server: MotoServer, _ name: String) throws {
        let spec = ["endpoint": server.endpoint.absoluteString, "id": server.adminAccessKeyID, "secret": server.adminSecretAccessKey, "step": name]
        let result = try ProcessRunner.run("python3", ["-c", stepScript], stdin: try JSONSerialization.data(withJSONObject: spec))
        try #require(result.status == 0, "boto3 step \(name) failed: \(result.stderr)")
    }

    /// The checklist of one `credkit audit --live --format json` run: count and states by id.
    static func checklist(_ environment: [String: String]) throws -> (complete: Int, states: [String: String], evidence: [String: String]) {
        let result = try ProcessRunner.credkit(["audit", "--live", "--format", "json"], environment: environment)
        try #require(result.status == 0 || result.status == 1, "exit \(result.status): \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let checklist = try #require(object["checklist"] as? [String: Any])
        let items = try #require(checklist["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["root-access-keys", "root-mfa", "individual-users", "groups", "password-policy",
                                                      "user-mfa", "cloudtrail", "billing-reports"])
        var states: [String: String] = [:]
        var evidence: [String: String] = [:]
        for item in items {
            let id = item["id"] as? String ?? ""
            states[id] = item["state"] as? String
            evidence[id] = item["evidence"] as? String
        }
        return (try #require(checklist["complete"] as? Int), states, evidence)
    }

    @Test func walksFromOneToEightOfEight() throws {
        let server = try MotoServer.require()
        let directory = try TemporaryDirectory("checklist-live")
        defer { directory.remove() }
        let billing = try BillingLoopbackServer(directory: directory, secret: server.adminSecretAccessKey)
        defer { billing.stop() }
        let proxy = try RootMFAProxy(directory: directory, moto: server)
        defer { proxy.stop() }
        let environment = KeysLiveTests.environment(server, home: directory.path("")).merging([
            "AWS_ENDPOINT_URL": proxy.endpoint,
            "AWS_ENDPOINT_URL_COST_AND_USAGE_REPORT_SERVICE": billing.endpoint,
            "AWS_ENDPOINT_URL_BCM_DATA_EXPORTS": billing.endpoint,
        ]) { _, new in new }

        // Denied billing APIs: unknown, with the permissions named.
        try billing.set(["deny": true])
        var seen = try Self.checklist(environment)
        #expect(seen.states["billing-reports"] == "unknown")
        #expect(seen.evidence["billing-reports"]?.contains("cur:DescribeReportDefinitions") == true, "\(seen.evidence)")
        #expect(seen.evidence["billing-reports"]?.contains("bcm-data-exports:ListExports") == true)
        try billing.set([:])

        // The empty account: only "root has no access keys" holds.
        seen = try Self.checklist(environment)
        #expect(seen.complete == 1, "\(seen.states)")
        #expect(seen.states["root-access-keys"] == "done")
        #expect(seen.states["root-mfa"] == "not-done")
        #expect(seen.evidence["root-mfa"] == "AccountMFAEnabled = 0")
        #expect(seen.states["individual-users"] == "partly", "credkit-admin has keys but no console password")
        #expect(seen.states["cloudtrail"] == "not-done")
        #expect(seen.states["billing-reports"] == "not-done")

        let steps: [(step: String, item: String, complete: Int, state: String)] = [
            ("user", "individual-users", 2, "done"),
            ("groups", "groups", 3, "done"),
            ("password-policy", "password-policy", 4, "done"),
            ("user-mfa", "user-mfa", 5, "done"),
            ("trail", "cloudtrail", 5, "partly"),
            ("trail-logging", "cloudtrail", 6, "done"),
            ("budget", "billing-reports", 6, "partly"),
        ]
        for expected in steps {
            try Self.step(server, expected.step)
            seen = try Self.checklist(environment)
            #expect(seen.complete == expected.complete, "after \(expected.step): \(seen.states) \(seen.evidence)")
            #expect(seen.states[expected.item] == expected.state, "after \(expected.step): \(seen.evidence[expected.item] ?? "")")
        }
        #expect(seen.evidence["cloudtrail"]?.contains("bucket blocks public access") == true)
        #expect(seen.evidence["billing-reports"]?.contains("monthly (1 alert)") == true)

        // A Cost and Usage Report delivered to S3: item 8 done.
        try billing.set(["reports": [[
            "ReportName": "hourly-cur", "TimeUnit": "HOURLY", "Format": "Parquet", "Compression": "Parquet",
            "AdditionalSchemaElements": ["RESOURCES"], "S3Bucket": "checklist-billing", "S3Prefix": "cur", "S3Region": "us-east-1",
            "ReportStatus": ["lastDelivery": "20250601T000000Z", "lastStatus": "SUCCESS"],
        ]]])
        seen = try Self.checklist(environment)
        #expect(seen.complete == 7, "\(seen.states)")
        #expect(seen.states["billing-reports"] == "done")
        #expect(seen.evidence["billing-reports"]?.contains("hourly-cur to s3://checklist-billing") == true)

        // A failing report is partly done; a Data Exports export alone is done.
        try billing.set(["reports": [[
            "ReportName": "broken", "TimeUnit": "DAILY", "Format": "textORcsv", "Compression": "GZIP", "AdditionalSchemaElements": [],
            "S3Bucket": "gone", "S3Prefix": "cur", "S3Region": "us-east-1", "ReportStatus": ["lastStatus": "ERROR_NO_BUCKET"],
        ]]])
        seen = try Self.checklist(environment)
        #expect(seen.states["billing-reports"] == "partly")
        try billing.set(["exports": [[
            "ExportArn": "arn:aws:bcm-data-exports:us-east-1:123456789012:export/daily-focus", "ExportName": "daily-focus",
            "ExportStatus": ["StatusCode": "HEALTHY"],
        ]]])
        seen = try Self.checklist(environment)
        #expect(seen.states["billing-reports"] == "done")
        #expect(seen.evidence["billing-reports"]?.contains("Data Exports daily-focus") == true)
        #expect(seen.complete == 7)
        #expect(seen.states["root-mfa"] == "not-done")

        // Root MFA, the console step (through the proxy, see above): 8 of 8.
        proxy.enableRootMFA()
        seen = try Self.checklist(environment)
        #expect(seen.complete == 8, "\(seen.states) \(seen.evidence)")
        #expect(seen.states["root-mfa"] == "done")
        #expect(seen.evidence["root-mfa"]?.contains("AccountMFAEnabled = 1") == true, "\(seen.evidence["root-mfa"] ?? "")")
    }
}
