import CredKitTestSupport
import Foundation
import Testing

/// Runs `credkit policy` as scripts see it: output, exit codes, JSON.
@Suite("credkit policy")
struct PolicyCommandTests {
    static func vector(_ name: String) -> String {
        Fixtures.vectors.appendingPathComponent("policy/policies/\(name)").path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // Regression: a MinimumPasswordLength 100 policy took 15 s of CPU in zxcvbn (it grew with the
    // square of the length); 128, IAM's largest, must check in seconds with the same report shape.
    @Test func lengthOf128PolicyCheckCompletes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path("long.json")
        try Data(#"{"PasswordPolicy": {"MinimumPasswordLength": 128, "RequireSymbols": true}}"#.utf8).write(to: URL(fileURLWithPath: file))
        let started = Date()
        let result = try ProcessRunner.credkit(["policy", "check", file, "--baseline", "cis", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)") // CIS also wants reuse prevention
        let weakest = try #require(try Self.json(result.stdout)["weakestCompliant"] as? [String: Any])
        let example = try #require(weakest["example"] as? String)
        #expect(example.count >= 128)
        #expect((weakest["compliantCandidates"] as? Int ?? 0) > 0)
        // Generous: the old code took over 10 s here even in a release build.
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func compliantPolicyPassesCIS() throws {
        let result = try ProcessRunner.credkit(["policy", "check", Self.vector("cis-compliant.json"), "--baseline", "cis"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("PASS   cis-1.8"))
        #expect(result.stdout.contains("PASS   cis-1.9"))
        #expect(result.stdout.contains("Result: PASS, 0 of 2 rules failed"))
        #expect(result.stdout.contains("Realistic floor: \""))
    }

    @Test func weakPolicyFailsWithExpectedAndActualValues() throws {
        let result = try ProcessRunner.credkit(["policy", "check", Self.vector("weak.json"), "--baseline", "cis", "--baseline", "securityhub"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL   cis-1.8"))
        #expect(result.stdout.contains("MinimumPasswordLength >= 14"))
        #expect(result.stdout.contains("actual: 6"))
        #expect(result.stdout.contains("[CIS AWS Foundations 1.8]"))
        #expect(result.stdout.contains("FAIL   iam.17"))
        #expect(result.stdout.contains("To pass cis"))
        #expect(result.stdout.contains("MinimumPasswordLength: 6 -> 14"))
    }

    @Test func awsDefaultShowsDisagreementsAndTheIssueExample() throws {
        let result = try ProcessRunner.credkit(["policy", "check", "--aws-default"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Policy: AWS default policy (no policy set)"))
        #expect(result.stdout.contains("Baselines disagree:"))
        #expect(result.stdout.contains("composition rules: asked for by securityhub"))
        #expect(result.stdout.contains("ruled out by nist (nist-expiry)"))
        #expect(result.stdout.contains("mixing 3 of 4 character types"))
        #expect(result.stdout.contains("PASS   aws-default-types"))
    }

    @Test func jsonMatchesTheRulesAndStrength() throws {
        let result = try ProcessRunner.credkit(["policy", "check", Self.vector("nist-style.json"), "--format", "json"])
        #expect(result.status == 1, "securityhub asks for composition and expiry")
        let report = try Self.json(result.stdout)
        let rules = try #require(report["rules"] as? [[String: Any]])
        let status = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(status["nist-length"] == "pass")
        #expect(status["nist-composition"] == "pass")
        #expect(status["iam.11"] == "fail")
        #expect(status["nist-blocklist"] == "manual")
        #expect(report["failedRules"] as? Int == rules.filter { $0["status"] as? String == "fail" }.count)
        let space = try #require(report["passwordSpace"] as? [String: Any])
        #expect(space["length"] as? Int == 15)
        #expect(space["count"] as? String == "50957461585642714263997677568")  // 82^15
        let weakest = try #require(report["weakestCompliant"] as? [String: Any])
        #expect((weakest["score"] as? Int ?? 9) < 3)
    }

    @Test func withMFALowersNISTsMinimum() throws {
        let without = try ProcessRunner.credkit(["policy", "check", Self.vector("yearly-expiry.json"), "--baseline", "nist"])
        let with = try ProcessRunner.credkit(["policy", "check", Self.vector("yearly-expiry.json"), "--baseline", "nist", "--with-mfa"])
        #expect(without.stdout.contains("FAIL   nist-length "))
        #expect(with.stdout.contains("PASS   nist-length-mfa"))
    }

    @Test func standardInputAndNoSuchEntity() throws {
        let data = try String(contentsOfFile: Self.vector("cis-compliant.json"), encoding: .utf8)
        let piped = try ProcessRunner.credkit(["policy", "check", "-", "--baseline", "cis"], stdin: data)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("Policy: standard input"))
        let error = "\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found.\n"
        let none = try ProcessRunner.credkit(["policy", "check", "-", "--baseline", "aws-default"], stdin: error)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("AWS default policy"))
        #expect(none.stderr.contains("NoSuchEntity"))
    }

    @Test(arguments: [
        ("length-too-short.json", ":1: PasswordPolicy.MinimumPasswordLength must be from 6 to 128, not 5"),
        ("symbols-as-string.json", ":1: RequireSymbols must be true or false, not a string"),
        ("truncated.json", ":2:1: not valid JSON: unexpected end of input"),
        ("expire-without-age.json", ":1: PasswordPolicy.ExpirePasswords is true but MaxPasswordAge is missing"),
    ])
    func malformedPolicyExitsTwoNamingFileAndField(_ file: String, _ message: String) throws {
        let path = Fixtures.vectors.appendingPathComponent("policy/malformed/\(file)").path
        let result = try ProcessRunner.credkit(["policy", "check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path)\(message)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["policy", "check"], "no policy given"),
        (["policy", "check", "/nonexistent/policy.json"], "/nonexistent/policy.json"),
        (["policy", "check", "--aws-default", "x.json"], "give one of a policy file"),
        (["policy", "check", "--aws-default", "--baseline", "pci"], "--baseline"),
        (["policy", "suggest", "--baseline", "securityhub"], "cis or nist"),
        (["policy", "suggest"], "--baseline"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let result = try ProcessRunner.credkit(arguments)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func emptyFileHintsAtAWSDefault() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("empty.json")
        try Data().write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.credkit(["policy", "check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path) is empty") && result.stderr.contains("--aws-default"))
    }

    @Test(arguments: ["cis", "nist"])
    func suggestionPassesItsOwnBaseline(_ baseline: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fresh = try ProcessRunner.credkit(["policy", "suggest", "--baseline", baseline])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stderr.isEmpty)
        let object = try Self.json(fresh.stdout)
        #expect(object["ExpirePasswords"] == nil, "update-account-password-policy does not take ExpirePasswords")
        let path = dir.path("suggested.json")
        try Data(fresh.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let check = try ProcessRunner.credkit(["policy", "check", path, "--baseline", baseline])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func suggestFromCurrentPrintsChangesOnStandardError() throws {
        let result = try ProcessRunner.credkit(["policy", "suggest", "--baseline", "nist", Self.vector("cis-compliant.json")])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["MinimumPasswordLength"] as? Int == 15)
        #expect(object["RequireSymbols"] as? Bool == false)
        #expect(object["MaxPasswordAge"] == nil)
        #expect(object["PasswordReusePrevention"] as? Int == 24)
        #expect(result.stderr.contains("MinimumPasswordLength: 14 -> 15"))
        #expect(result.stderr.contains("MaxPasswordAge: 90 -> not set"))
        let same = try ProcessRunner.credkit(["policy", "suggest", "--baseline", "cis", Self.vector("cis-compliant.json")])
        #expect(same.stderr.contains("already meets cis"))
    }
}
