@testable import CredKitScan
import Foundation
import Testing

/// Every rule against its own samples: each sample must produce a finding of the rule and
/// each false alarm must not (gitleaks' habit). Informational rules are enabled here.
@Suite struct RuleSampleTests {
    static let allRules = ScanConfiguration(enabledRules: Set(Rule.builtIn.map(\.id)))

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: Rule
        let template: String
        var testDescription: String { "\(rule.id): \(template.replacingOccurrences(of: "\n", with: "⏎"))" }
    }

    static let samples = Rule.builtIn.flatMap { rule in rule.samples.map { Case(rule: rule, template: $0) } }
    static let falseAlarms = Rule.builtIn.flatMap { rule in rule.falseAlarms.map { Case(rule: rule, template: $0) } }

    @Test("every rule has samples and false alarms")
    func rulesCarrySamples() {
        for rule in Rule.builtIn {
            #expect(!rule.samples.isEmpty, "\(rule.id) has no samples")
            #expect(!rule.falseAlarms.isEmpty, "\(rule.id) has no false alarms")
        }
    }

    @Test("samples match", arguments: samples)
    func sampleMatches(_ sample: Case) throws {
        // Several fresh expansions, so a lucky random value cannot carry the test.
        for _ in 0..<5 {
            let text = KeyFactory.expand(sample.template)
            let findings = SecretScanner(configuration: Self.allRules).scan(text: text)
            #expect(findings.contains { $0.ruleIDs.contains(sample.rule.id) }, "no \(sample.rule.id) finding in \(text.debugDescription)")
            // What the fast scanner reports is what the rule's regular expression describes.
            let regex = try NSRegularExpression(pattern: sample.rule.pattern)
            for finding in findings {
                // Decoded values stand in the text only in their encoded form.
                var values: [(String, String)] = finding.decoding == nil ? [(finding.ruleID, finding.secret)] : []
                if let paired = finding.pairedSecret, paired.decoding == nil { values.append((paired.ruleID, paired.secret)) }
                if let token = finding.sessionToken, token.decoding == nil { values.append((token.ruleID, token.secret)) }
                for (rule, value) in values where rule == sample.rule.id {
                    let range = NSRange(text.startIndex..., in: text)
                    let matched = regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
                    #expect(matched.contains(value), "\(rule) value is not a match of its pattern")
                }
            }
        }
    }

    @Test("false alarms do not match", arguments: falseAlarms)
    func falseAlarmDoesNotMatch(_ sample: Case) {
        for _ in 0..<5 {
            let text = KeyFactory.expand(sample.template)
            let findings = SecretScanner(configuration: Self.allRules).scan(text: text)
            #expect(!findings.contains { $0.ruleIDs.contains(sample.rule.id) }, "unexpected \(sample.rule.id) in \(text.debugDescription)")
        }
    }

    @Test("unique IDs are off by default and never fail a scan")
    func uniqueIDsAreInformational() {
        let text = "RoleId: \(KeyFactory.keyID("AROA"))\nUserId: \(KeyFactory.keyID("AIDA"))\n"
        #expect(SecretScanner().scan(text: text).isEmpty)
        let findings = SecretScanner(configuration: Self.allRules).scan(text: text)
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .note && $0.ruleID == "aws-unique-id" })
        #expect(!ScanResult(findings: findings).hasFailures)
    }
}
