import CredKitPolicy
import Foundation
import Testing

@Suite("Password compliance and verdicts")
struct PolicyComplianceTests {
    static let strict = PasswordPolicy(minimumLength: 10, requireUppercase: true, requireLowercase: true,
                                       requireNumbers: true, requireSymbols: true)

    @Test(arguments: [
        ("Abcdefg1!x", [PolicyViolation]()),
        ("Abc1!", [.tooShort(length: 5, minimum: 10)]),
        ("abcdefgh1!", [.missingType(.uppercase)]),
        ("ABCDEFGH1!", [.missingType(.lowercase)]),
        ("Abcdefghi!", [.missingType(.number)]),
        ("Abcdefghi1", [.missingType(.symbol)]),
        // '~' and space are not IAM symbols.
        ("Abcdefg1 ~", [.missingType(.symbol)]),
        ("abc", [.tooShort(length: 3, minimum: 10), .missingType(.uppercase), .missingType(.number), .missingType(.symbol)]),
    ])
    func eachCompositionRule(_ password: String, _ expected: [PolicyViolation]) {
        #expect(Self.strict.violations(of: Array(password.utf8)) == expected)
    }

    @Test func awsDefaultWantsThreeOfFourTypes() {
        let policy = PasswordPolicy.awsDefault
        #expect(policy.violations(of: Array("password12".utf8)) == [.tooFewTypes(found: 2, required: 3)])
        #expect(policy.violations(of: Array("password1!".utf8)).isEmpty)
        #expect(policy.violations(of: Array("PASSWORD1!".utf8)).isEmpty)
        #expect(policy.violations(of: Array("Pass1!".utf8)) == [.tooShort(length: 6, minimum: 8)])
    }

    @Test func lengthCountsCharactersNotBytes() {
        let policy = PasswordPolicy(minimumLength: 8)
        // Eight characters, sixteen bytes.
        #expect(policy.violations(of: Array("éééééééé".utf8)).isEmpty)
        #expect(policy.violations(of: Array("ééééééé".utf8)) == [.tooShort(length: 7, minimum: 8)])
        let long = String(repeating: "a", count: 129)
        #expect(policy.violations(of: Array(long.utf8)) == [.tooLong(length: 129, maximum: 128)])
    }

    @Test func violationDescriptionsNeverHoldThePassword() {
        let password = "abc"
        for violation in Self.strict.violations(of: Array(password.utf8)) {
            #expect(!violation.description.contains(password))
        }
    }

    @Test func verdictFailsForEachReason() throws {
        let policy = PasswordPolicy(minimumLength: 8)
        let strong = Array("tundra-mosaic-lantern-quiver-obelisk".utf8)
        let passes = try PasswordCheck(policy: policy).check(strong)
        #expect(passes.passed && passes.reasons.isEmpty && passes.breachCount == nil)

        let short = try PasswordCheck(policy: PasswordPolicy(minimumLength: 64)).check(strong)
        #expect(!short.passed && !short.compliant && !short.tooWeak)

        let weak = try PasswordCheck(policy: policy).check(Array("Password123!".utf8))
        #expect(!weak.passed && weak.compliant && weak.tooWeak)
        #expect(weak.reasons == ["zxcvbn score \(weak.estimate.score) is below the minimum 3"])

        let lenient = try PasswordCheck(policy: policy, minimumScore: 0).check(Array("Password123!".utf8))
        #expect(lenient.passed)
    }
}
