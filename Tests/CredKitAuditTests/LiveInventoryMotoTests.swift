@testable import CredKitAudit
import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// The live inventory against a real moto server with signature checking: the account-level,
/// concurrent path must say exactly what the per-user, one-at-a-time path says.
@Suite("Live inventory: concurrent and account-level calls match the sequential per-user calls (moto)", .motoServer)
struct LiveInventoryMotoTests {
    /// Creates users through botocore (an independent client): keys, groups, tags, managed and inline policies.
    static let setupScript = """
    import json, sys, botocore.session
    spec = json.load(sys.stdin)
    iam = botocore.session.get_session().create_client("iam", region_name="us-east-1", endpoint_url=spec["endpoint"],
        aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
    prefix, count = spec["prefix"], spec["count"]
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})
    for g in range(3):
        iam.create_group(GroupName="%s-group-%d" % (prefix, g))
    managed = iam.create_policy(PolicyName=prefix + "-read", PolicyDocument=policy)["Policy"]["Arn"]
    for i in range(count):
        name = "%s-%03d" % (prefix, i)
        iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": "t%d" % (i % 4)}])
        for _ in range(i % 3):
            iam.create_access_key(UserName=name)
        if i % 2:
            iam.add_user_to_group(GroupName="%s-group-%d" % (prefix, i % 3), UserName=name)
        if i % 5 == 0:
            iam.attach_user_policy(UserName=name, PolicyArn=managed)
        if i % 7 == 0:
            iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=policy)
    """

    /// More users than the default concurrency many times over, so tasks really overlap.
    static let userCount = 60

    static func configuration(_ server: MotoServer) -> AWSClientConfiguration {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: server.adminAccessKeyID, secretAccessKey: server.adminSecretAccessKey, source: "moto test"),
            region: "us-east-1", endpointURL: server.endpoint)
        configuration.timeout = 300 // not a timeout test: the pool may be busy with other suites
        return configuration
    }

    @Test func concurrentAccountLevelInventoryGivesTheSameFindingsAsSequentialPerUserCalls() async throws {
        let server = try MotoServer.require()
        let prefix = "inv-\(UUID().uuidString.prefix(6).lowercased())"
        let spec: [String: Any] = ["endpoint": server.endpoint.absoluteString, "id": server.adminAccessKeyID,
                                   "secret": server.adminSecretAccessKey, "prefix": prefix, "count": Self.userCount]
        let setup = try ProcessRunner.run("python3", ["-c", Self.setupScript], stdin: try JSONSerialization.data(withJSONObject: spec))
        try #require(setup.status == 0, "botocore setup failed: \(setup.stderr)")

        let iam = IAMClient(configuration: Self.configuration(server), retry: RetryPolicy(maximumAttempts: 3, baseDelay: 0.05))
        let sequential = try await LiveInventory.collect(iam, includeTags: true, includeAccount: false, pollInterval: 0.2,
                                                         concurrency: 1, accountDetails: false)
        let concurrent = try await LiveInventory.collect(iam, includeTags: true, includeAccount: false, pollInterval: 0.2)

        // The facts created above arrive through both paths (so the comparison below is not of two empty sets).
        for i in 0..<Self.userCount {
            let name = String(format: "%@-%03d", prefix, i)
            let context = try #require(concurrent.contexts[name], "no context for \(name)")
            #expect(context.keyIDs.count == i % 3, "\(name)")
            #expect(context.groups == (i % 2 == 1 ? ["\(prefix)-group-\(i % 3)"] : []), "\(name)")
            #expect(context.tags == ["team": "t\(i % 4)"], "\(name)")
            #expect(context.attachedPolicies == (i % 5 == 0 ? ["\(prefix)-read"] : []), "\(name)")
            #expect(context.inlinePolicies == (i % 7 == 0 ? ["inline"] : []), "\(name)")
        }
        // Each collect generates its own report: users other tests use (the administrator signing
        // these calls) change between the two, so the comparison is over this test's users.
        func ours<Value>(_ values: [String: Value]) -> [String: Value] { values.filter { $0.key.hasPrefix(prefix) } }
        #expect(ours(concurrent.contexts) == ours(sequential.contexts))
        #expect(concurrent.keys.values.filter { $0.userName.hasPrefix(prefix) }.count
                == (0..<Self.userCount).reduce(0) { $0 + $1 % 3 })
        let keys = { (inventory: LiveInventory) in inventory.keys.filter { $0.value.userName.hasPrefix(prefix) } }
        #expect(keys(concurrent) == keys(sequential))
        let rows = { (inventory: LiveInventory) in inventory.report.entries.filter { $0.user.hasPrefix(prefix) } }
        #expect(rows(concurrent) == rows(sequential))

        let now = Date().addingTimeInterval(400 * 86_400)
        let audit = CredentialAudit(exemptions: [], hasLiveContext: true)
        let fromSequential = audit.run(CredentialReport(source: "s", entries: rows(sequential)), contexts: sequential.contexts, now: now)
        let fromConcurrent = audit.run(CredentialReport(source: "s", entries: rows(concurrent)), contexts: concurrent.contexts, now: now)
        #expect(fromConcurrent.findings.contains { $0.check == .directPolicies })
        #expect(fromConcurrent.findings.contains { $0.check == .keyAge })
        #expect(fromConcurrent.findings == fromSequential.findings)
    }

    /// Keys are listed for users the report shows with a key or does not know, not for users it shows without.
    @Test func keysAreListedOnlyWhereTheReportCanUseThem() throws {
        let data = try Data(contentsOf: Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv"))
        let report = try CredentialReport.parse(data, source: "r.csv")
        let withKey = try #require(report.users.first { $0.accessKeys.contains(where: \.exists) })
        let without = try #require(report.users.first { !$0.accessKeys.contains(where: \.exists) })
        func detail(_ name: String) -> IAMUserDetail {
            IAMUserDetail(userName: name, arn: "arn:aws:iam::123456789012:user/\(name)", groups: [], tags: [:], attachedPolicies: [], inlinePolicies: [])
        }
        let users = [detail(withKey.user), detail(without.user), detail("created-after-the-report")]
        #expect(LiveInventory.usersNeedingKeys(users, report: report).map(\.userName) == [withKey.user, "created-after-the-report"])
    }

    @Test func boundedMapKeepsOrderAndNeverRunsMoreThanTheLimit() async throws {
        let counter = InFlightCounter()
        let results = try await LiveInventory.concurrentMap(Array(0..<50), limit: 4) { item in
            await counter.enter()
            try await Task.sleep(nanoseconds: 2_000_000)
            await counter.leave()
            return item * 2
        }
        #expect(results == (0..<50).map { $0 * 2 })
        let peak = await counter.peak
        #expect(peak <= 4)
        #expect(peak >= 2, "the tasks never overlapped")
    }
}

actor InFlightCounter {
    private var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}
