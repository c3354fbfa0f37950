/// Two baselines that pull one topic in opposite directions, so no policy passes both.
public struct BaselineDisagreement: Hashable, Sendable {
    /// The topic (composition or expiry).
    public let topic: PolicyRequirement.Topic
    /// Rules that ask for it.
    public let requiring: [PolicyRule]
    /// Rules that forbid it.
    public let forbidding: [PolicyRule]

    /// A sentence for reports: "composition rules: asked for by securityhub (iam.11, iam.12);
    /// ruled out by nist (nist-composition). No policy passes both."
    public var summary: String {
        let what = topic == .composition ? "composition rules" : "periodic password expiry"
        return "\(what): asked for by \(Self.names(requiring)); ruled out by \(Self.names(forbidding)). No policy passes both."
    }

    /// Finds the topics on which `rules` disagree.
    public static func find(in rules: [PolicyRule]) -> [BaselineDisagreement] {
        var result: [BaselineDisagreement] = []
        for topic in [PolicyRequirement.Topic.composition, .expiry] {
            let onTopic = rules.filter { $0.requirement.topic == topic }
            let requiring = onTopic.filter { $0.requirement.stance == .requires }
            let forbidding = onTopic.filter { $0.requirement.stance == .forbids }
            if !requiring.isEmpty, !forbidding.isEmpty {
                result.append(BaselineDisagreement(topic: topic, requiring: requiring, forbidding: forbidding))
            }
        }
        return result
    }

    private static func names(_ rules: [PolicyRule]) -> String {
        var seen: [Baseline] = []
        for rule in rules where !seen.contains(rule.baseline) { seen.append(rule.baseline) }
        return seen.map { baseline in
            "\(baseline.rawValue) (\(rules.filter { $0.baseline == baseline }.map(\.id).joined(separator: ", ")))"
        }.joined(separator: " and ")
    }
}
