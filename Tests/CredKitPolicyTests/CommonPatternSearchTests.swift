@testable import CredKitPolicy
import Foundation
import Testing

@Suite("Realistic floor: weakest compliant common pattern")
struct CommonPatternSearchTests {
    static let policies = ["cis-compliant.json", "weak.json", "nist-style.json", "pci-minimal.json", "yearly-expiry.json", "aws-default"]

    @Test(arguments: policies)
    func weakestExampleCompliesAndIsReallyScored(_ name: String) throws {
        let policy = try PolicyVectorTests.policy(name)
        let found = try #require(CommonPatternSearch().weakestCompliant(for: policy))
        #expect(policy.violations(of: Array(found.example.utf8)).isEmpty, "\(found.example) must comply")
        // The estimate is zxcvbn's, not made up: scoring the example again gives the same bits.
        #expect(try StrengthEstimator().estimate(found.example) == found.estimate)
        #expect(found.compliantCandidates > 0 && found.compliantCandidates <= found.candidatesTried)
        #expect(found.weakCompliantCandidates <= found.compliantCandidates)
    }

    @Test(arguments: policies)
    func everyPolicyAdmitsAGuessablePassword(_ name: String) throws {
        // The point of the section: each of these policies accepts a password zxcvbn rates below 3.
        let found = try #require(CommonPatternSearch().weakestCompliant(for: PolicyVectorTests.policy(name)))
        #expect(found.estimate.score < 3, "\(name): weakest is \(found.example) at \(found.estimate.bits) bits")
    }

    @Test func weakestIsNoStrongerThanTheIssueExample() throws {
        // "Password123!" complies with AWS's default policy and falls in seconds; the search must
        // find something at least as weak.
        #expect(PasswordPolicy.awsDefault.accepts("Password123!"))
        let reference = try StrengthEstimator().estimate("Password123!")
        let found = try #require(CommonPatternSearch().weakestCompliant(for: .awsDefault))
        #expect(found.estimate.bits <= reference.bits)
    }

    @Test func candidatesRespectLengthLimits() {
        for length in [6, 14, 64, 128] {
            let candidates = CommonPatternSearch().candidates(minimumLength: length)
            #expect(!candidates.isEmpty, "length \(length)")
            #expect(candidates.allSatisfy { $0.count >= length && $0.count <= 128 })
            #expect(Set(candidates).count == candidates.count, "no duplicates")
        }
    }

    @Test func userInputsBecomeBaseWords() {
        let candidates = CommonPatternSearch(userInputs: ["Zorblax"]).candidates(minimumLength: 10)
        #expect(candidates.contains { $0.lowercased().hasPrefix("zorblax") })
        #expect(!CommonPatternSearch().candidates(minimumLength: 10).contains { $0.lowercased().hasPrefix("zorblax") })
    }
}

@Suite("Realistic floor: long policies stay cheap")
struct CommonPatternSearchLengthTests {
    // Regression: `policy check` of a MinimumPasswordLength 100 policy took 15 s of CPU, as
    // zxcvbn's time grows with the square of the length of each of ~5,000 candidates.
    @Test func lengthOf128PolicyCheckCompletes() throws {
        let policy = PasswordPolicy(minimumLength: 128, requireUppercase: true, requireLowercase: true,
                                    requireNumbers: true, requireSymbols: true)
        let found = try #require(CommonPatternSearch().weakestCompliant(for: policy))
        #expect(found.example.count >= 128)
        #expect(policy.violations(of: Array(found.example.utf8)).isEmpty)
        // The example's estimate is of the whole password, not of the prefix it was ranked by.
        #expect(try StrengthEstimator().estimate(found.example) == found.estimate)
        #expect(found.weakCompliantCandidates <= found.compliantCandidates)
    }

    @Test func candidateAtTheScoredLengthIsScoredWhole() throws {
        let candidate = String(repeating: "Password1!", count: 4)
        #expect(candidate.count == CommonPatternSearch.maximumScoredLength)
        #expect(CommonPatternSearch().rankingEstimate(of: candidate) == (try StrengthEstimator().estimate(candidate)))
    }

    @Test func candidatePastTheScoredLengthIsRankedByItsPrefix() throws {
        let prefix = String(repeating: "Password1!", count: 4)
        let candidate = prefix + "x"
        #expect(CommonPatternSearch().rankingEstimate(of: candidate) == (try StrengthEstimator().estimate(prefix)))
        #expect(CommonPatternSearch().rankingEstimate(of: candidate) != (try StrengthEstimator().estimate(candidate)))
    }

    @Test func shortPoliciesScoreEveryCandidateWhole() throws {
        // At or below the limit nothing changed: the counts are those of scoring each candidate whole.
        let policy = PasswordPolicy.awsDefault
        let search = CommonPatternSearch()
        let compliant = search.candidates(minimumLength: policy.minimumLength).filter { policy.accepts($0) }
        #expect(compliant.allSatisfy { $0.count <= CommonPatternSearch.maximumScoredLength })
        let weak = try compliant.filter { try StrengthEstimator().estimate($0).score < 3 }.count
        let found = try #require(search.weakestCompliant(for: policy))
        #expect(found.weakCompliantCandidates == weak)
        #expect(found.compliantCandidates == compliant.count)
    }
}
