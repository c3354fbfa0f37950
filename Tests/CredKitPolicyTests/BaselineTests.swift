import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

@Suite("Baselines, disagreements and hardening")
struct BaselineTests {
    @Test func allFourBaselinesDisagreeOnCompositionAndExpiry() {
        let evaluation = PasswordPolicy.awsDefault.evaluate(against: Baseline.allCases)
        let topics = evaluation.disagreements.map(\.topic)
        #expect(topics == [.composition, .expiry])
        let composition = evaluation.disagreements[0]
        #expect(Set(composition.requiring.map(\.baseline)) == [.securityhub, .awsDefault])
        #expect(composition.forbidding.map(\.id) == ["nist-composition"])
        #expect(composition.summary.contains("iam.11") && composition.summary.contains("nist-composition"))
        #expect(evaluation.disagreements[1].requiring.map(\.id) == ["iam.17"])
    }

    @Test(arguments: [[Baseline.cis, .nist], [.cis], [.nist], [.securityhub, .cis], [.awsDefault, .securityhub]])
    func compatibleBaselinesDoNotDisagree(_ baselines: [Baseline]) {
        #expect(PasswordPolicy.awsDefault.evaluate(against: baselines).disagreements.isEmpty)
    }

    @Test func nistAndSecurityHubCannotBothPass() throws {
        // Whatever the policy, one of the two sides of each disagreement fails.
        for policy in [PasswordPolicy.awsDefault, try PolicyVectorTests.policy("cis-compliant.json"),
                       try PolicyVectorTests.policy("nist-style.json")] {
            let evaluation = policy.evaluate(against: [.securityhub, .nist])
            #expect(evaluation.failed)
        }
    }

    @Test(arguments: ["cis-compliant.json", "weak.json", "nist-style.json", "pci-minimal.json", "yearly-expiry.json", "aws-default"],
          [Baseline.cis, .nist])
    func hardenedPolicyPassesItsBaseline(_ name: String, _ baseline: Baseline) throws {
        let current = try PolicyVectorTests.policy(name)
        for withMFA in [false, true] {
            let hardened = try #require(current.hardened(for: baseline, withMFA: withMFA))
            let evaluation = hardened.evaluate(against: [baseline], withMFA: withMFA)
            #expect(!evaluation.failed, "\(name) hardened for \(baseline)")
            #expect(!hardened.isAWSDefault && hardened.minimumCharacterTypes == 0, "must be settable in IAM")
            #expect(hardened.minimumLength >= current.minimumLength, "hardening never shortens")
            // IAM can set it: it survives the JSON round trip.
            #expect(try PasswordPolicy(json: Data(hardened.updateJSON().utf8), source: "x") == hardened)
        }
    }

    @Test func cisHardeningKeepsWhatCISDoesNotMention() throws {
        let current = try PolicyVectorTests.policy("yearly-expiry.json")
        let hardened = try #require(current.hardened(for: .cis))
        #expect(hardened.maxPasswordAge == 365 && hardened.requiredTypes == current.requiredTypes)
        #expect(current.changes(to: hardened).map(\.description) == [
            "MinimumPasswordLength: 12 -> 14", "PasswordReusePrevention: 12 -> 24",
        ])
        #expect(current.changes(to: current).isEmpty)
    }

    @Test func securityHubCannotBeHardenedFor() {
        #expect(PasswordPolicy.awsDefault.hardened(for: .securityhub) == nil)
        #expect(PasswordPolicy.awsDefault.hardened(for: .awsDefault) == nil)
    }

    @Test func withMFAChangesOnlyTheNISTLengthRule() {
        let without = Baseline.nist.rules(withMFA: false).map(\.requirement)
        let with = Baseline.nist.rules(withMFA: true).map(\.requirement)
        #expect(without.first == .minimumLength(atLeast: 15))
        #expect(with.first == .minimumLength(atLeast: 8))
        #expect(Array(without.dropFirst()) == Array(with.dropFirst()))
        #expect(Baseline.cis.rules(withMFA: true) == Baseline.cis.rules(withMFA: false))
    }
}
