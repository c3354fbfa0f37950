import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

/// Runs the policy vectors in Vectors/policy: expected rule outcomes worked out by hand,
/// and malformed files with the message each must produce.
@Suite("Policy vectors")
struct PolicyVectorTests {
    struct Expectation: Decodable, CustomTestStringConvertible, Sendable {
        let policy: String
        let withMFA: Bool
        let note: String
        let expected: [String: String]
        var testDescription: String { "\(policy)\(withMFA ? " with MFA" : "")" }
    }

    struct Malformed: Decodable, CustomTestStringConvertible, Sendable {
        let file: String
        let message: String
        var testDescription: String { file }
    }

    static let expectations: [Expectation] = (try? Fixtures.load([Expectation].self, "policy/baseline-expectations.json")) ?? []
    static let malformed: [Malformed] = (try? Fixtures.load([Malformed].self, "policy/malformed-policies.json")) ?? []

    static func policy(_ name: String) throws -> PasswordPolicy {
        if name == "aws-default" { return .awsDefault }
        let url = Fixtures.vectors.appendingPathComponent("policy/policies/\(name)")
        return try PasswordPolicy(json: try Data(contentsOf: url), source: name)
    }

    @Test func vectorFilesLoaded() {
        #expect(Self.expectations.count >= 10)
        #expect(Self.malformed.count >= 20)
    }

    @Test(arguments: expectations)
    func rulesMatchHandWorkedOutcomes(_ vector: Expectation) throws {
        let evaluation = try Self.policy(vector.policy).evaluate(against: Baseline.allCases, withMFA: vector.withMFA)
        let actual = Dictionary(uniqueKeysWithValues: evaluation.results.map { ($0.rule.id, $0.status.rawValue) })
        #expect(Set(actual.keys) == Set(vector.expected.keys), "rule set differs: \(vector.note)")
        for (id, status) in vector.expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[id] == status, "\(id) in \(vector.testDescription): \(vector.note)")
        }
        #expect(evaluation.failed == vector.expected.values.contains("fail"))
    }

    /// Every rule that a policy can pass or fail is seen doing both in the vectors.
    @Test func everyRuleIsSeenPassingAndFailing() throws {
        var seen: [String: Set<String>] = [:]
        for vector in Self.expectations {
            for (id, status) in vector.expected { seen[id, default: []].insert(status) }
        }
        let rules = Baseline.allCases.flatMap { $0.rules(withMFA: false) + $0.rules(withMFA: true) }
        for rule in rules {
            switch rule.requirement {
            case .blocklist:
                #expect(seen[rule.id] == ["manual"], "\(rule.id)")
            case .maximumLengthAllowed:
                // IAM always accepts 128 characters, so no policy fails it; see maximumLengthRuleCanFail.
                #expect(seen[rule.id] == ["pass"], "\(rule.id)")
            default:
                #expect(seen[rule.id] == ["pass", "fail"], "\(rule.id) seen as \(seen[rule.id] ?? [])")
            }
        }
    }

    @Test func maximumLengthRuleCanFail() {
        #expect(PolicyRequirement.maximumLengthAllowed(atLeast: 64).status(of: .awsDefault) == .pass)
        #expect(PolicyRequirement.maximumLengthAllowed(atLeast: 129).status(of: .awsDefault) == .fail)
    }

    @Test(arguments: malformed)
    func malformedPolicyNamesTheField(_ vector: Malformed) throws {
        let url = Fixtures.vectors.appendingPathComponent("policy/malformed/\(vector.file)")
        let data = try Data(contentsOf: url)
        let error = #expect(throws: PolicyError.self) { try PasswordPolicy(json: data, source: vector.file) }
        #expect(error?.code == .invalidPolicy)
        #expect(error?.reason.hasPrefix("\(vector.file):") == true, "\(error?.reason ?? "")")
        #expect(error?.reason.contains(vector.message) == true, "\(error?.reason ?? "") lacks \(vector.message)")
    }

    @Test func awsCLIOutputReadsEveryField() throws {
        let policy = try Self.policy("pci-minimal.json")
        #expect(policy.minimumLength == 7)
        #expect(policy.requiredTypes == [.lowercase, .number])
        #expect(policy.allowUsersToChangePassword)
        #expect(policy.expirePasswords && policy.maxPasswordAge == 90)
        #expect(policy.passwordReusePrevention == 4)
        #expect(policy.hardExpiry)
        #expect(!policy.isAWSDefault && policy.minimumCharacterTypes == 0)
        let bare = try Self.policy("nist-style.json")
        #expect(bare.minimumLength == 15 && bare.requiredTypes.isEmpty && !bare.expirePasswords)
    }

    @Test(arguments: ["cis-compliant.json", "weak.json", "nist-style.json", "pci-minimal.json", "yearly-expiry.json"])
    func updateJSONRoundTrips(_ name: String) throws {
        let policy = try Self.policy(name)
        let again = try PasswordPolicy(json: Data(policy.updateJSON().utf8), source: "round trip")
        #expect(again == policy)
        // update-account-password-policy rejects ExpirePasswords; it must never be written.
        #expect(!policy.updateJSON().contains("ExpirePasswords"))
    }

    @Test func updateJSONIsWhatPythonReads() throws {
        try #require(ProcessRunner.isAvailable("python3"))
        let policy = try Self.policy("pci-minimal.json")
        let result = try ProcessRunner.run("python3", ["-c", "import json,sys; d=json.load(sys.stdin); print(sorted(d.items()))"],
                                           stdin: Data(policy.updateJSON().utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[('AllowUsersToChangePassword', True), ('HardExpiry', True), ('MaxPasswordAge', 90), ('MinimumPasswordLength', 7), ('PasswordReusePrevention', 4), ('RequireLowercaseCharacters', True), ('RequireNumbers', True), ('RequireSymbols', False), ('RequireUppercaseCharacters', False)]\n")
    }
}
