import CredKitPolicy
import Foundation

/// Everything `credkit policy check` reports, as one value that prints as text or JSON.
struct PolicyReport: Encodable {
    struct Fields: Encodable {
        let MinimumPasswordLength: Int
        let RequireSymbols: Bool
        let RequireNumbers: Bool
        let RequireUppercaseCharacters: Bool
        let RequireLowercaseCharacters: Bool
        let AllowUsersToChangePassword: Bool
        let ExpirePasswords: Bool
        let MaxPasswordAge: Int?
        let PasswordReusePrevention: Int?
        let HardExpiry: Bool
        let MinimumCharacterTypes: Int
        let AWSDefault: Bool

        init(_ policy: PasswordPolicy) {
            MinimumPasswordLength = policy.minimumLength
            RequireSymbols = policy.requireSymbols
            RequireNumbers = policy.requireNumbers
            RequireUppercaseCharacters = policy.requireUppercase
            RequireLowercaseCharacters = policy.requireLowercase
            AllowUsersToChangePassword = policy.allowUsersToChangePassword
            ExpirePasswords = policy.expirePasswords
            MaxPasswordAge = policy.maxPasswordAge
            PasswordReusePrevention = policy.passwordReusePrevention
            HardExpiry = policy.hardExpiry
            MinimumCharacterTypes = policy.minimumCharacterTypes
            AWSDefault = policy.isAWSDefault
        }
    }

    struct Rule: Encodable {
        let baseline: String
        let id: String
        let status: String
        let expected: String
        let actual: String
        let reference: String
    }

    struct Space: Encodable {
        let length: Int
        let requiredTypes: [String]
        let minimumTypes: Int
        let bits: Double
        let count: String
    }

    struct Weakest: Encodable {
        let example: String
        let bits: Double
        let score: Int
        let log10Guesses: Double
        let secondsAt1e10PerSecond: Double
        let candidatesTried: Int
        let compliantCandidates: Int
        let weakCompliantCandidates: Int
    }

    struct Change: Encodable {
        let field: String
        let from: String
        let to: String
    }

    struct Hardening: Encodable {
        let baseline: String
        let changes: [Change]
    }

    /// An offline attack on a fast hash: 10^10 guesses a second.
    static let offlineRate = 1e10

    let source: String
    let policy: Fields
    let baselines: [String]
    let withMFA: Bool
    let rules: [Rule]
    let disagreements: [String]
    let passwordSpace: Space
    let weakestCompliant: Weakest?
    let toPass: [Hardening]
    let failedRules: Int

    init(loaded: LoadedPolicy, evaluation: PolicyEvaluation, withMFA: Bool, weakest: WeakestCompliantPassword?) {
        let policy = loaded.policy
        source = loaded.label
        self.policy = Fields(policy)
        baselines = evaluation.baselines.map(\.rawValue)
        self.withMFA = withMFA
        rules = evaluation.results.map {
            Rule(baseline: $0.rule.baseline.rawValue, id: $0.rule.id, status: $0.status.rawValue,
                 expected: $0.expected, actual: $0.actual, reference: $0.rule.reference)
        }
        disagreements = evaluation.disagreements.map(\.summary)
        let space = PasswordSpace(policy: policy)
        passwordSpace = Space(length: space.length,
                              requiredTypes: CharacterType.allCases.filter { policy.requiredTypes.contains($0) }.map(\.rawValue),
                              minimumTypes: policy.minimumCharacterTypes, bits: Self.round(space.bits), count: space.count)
        weakestCompliant = weakest.map {
            Weakest(example: $0.example, bits: Self.round($0.estimate.bits), score: $0.estimate.score,
                    log10Guesses: Self.round($0.estimate.log10Guesses),
                    secondsAt1e10PerSecond: $0.estimate.secondsToGuess(atGuessesPerSecond: Self.offlineRate),
                    candidatesTried: $0.candidatesTried, compliantCandidates: $0.compliantCandidates,
                    weakCompliantCandidates: $0.weakCompliantCandidates)
        }
        toPass = PasswordPolicy.hardenableBaselines.compactMap { baseline in
            guard evaluation.baselines.contains(baseline),
                  evaluation.results(for: baseline).contains(where: { $0.status == .fail }),
                  let target = policy.hardened(for: baseline, withMFA: withMFA) else { return nil }
            return Hardening(baseline: baseline.rawValue,
                             changes: policy.changes(to: target).map { Change(field: $0.field, from: $0.from, to: $0.to) })
        }
        failedRules = evaluation.results.filter { $0.status == .fail }.count
    }

    /// The report as pretty-printed JSON with a final newline.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
