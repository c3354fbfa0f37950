import CredKitPolicy
import Foundation

extension PolicyReport {
    /// The report as aligned text.
    func text() -> String {
        var out = "Policy: \(source)\n  \(summary)\n"
        for baseline in baselines {
            let rows = rules.filter { $0.baseline == baseline }
            let title = Baseline(rawValue: baseline)?.title ?? baseline
            out += "\n\(title)\(baseline == "nist" ? (withMFA ? " (with MFA)" : " (password as the only factor)") : "")\n"
            let idWidth = rows.map(\.id.count).max() ?? 0
            let expectedWidth = rows.map(\.expected.count).max() ?? 0
            let actualWidth = rows.filter { $0.status != "manual" }.map(\.actual.count).max() ?? 0
            for row in rows {
                let status = row.status.uppercased().padding(toLength: 6, withPad: " ", startingAt: 0)
                out += "  \(status) \(row.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  "
                out += "\(row.expected.padding(toLength: expectedWidth, withPad: " ", startingAt: 0))  "
                out += "actual: \(row.actual.padding(toLength: max(actualWidth, row.actual.count), withPad: " ", startingAt: 0))  [\(row.reference)]\n"
            }
        }
        if !disagreements.isEmpty {
            out += "\nBaselines disagree:\n"
            for line in disagreements { out += "  - \(line)\n" }
        }
        out += "\nStrength\n"
        let types = passwordSpace.requiredTypes.isEmpty ? "" : " containing \(passwordSpace.requiredTypes.joined(separator: ", "))"
        let mix = passwordSpace.minimumTypes > 0 ? " mixing \(passwordSpace.minimumTypes) of 4 character types" : ""
        out += "  Smallest password space: \(passwordSpace.length)-character passwords\(types)\(mix): "
        out += "2^\(Self.format(passwordSpace.bits)) (\(Self.scientific(passwordSpace.count)))\n"
        if let weakest = weakestCompliant {
            out += "  Realistic floor: \"\(weakest.example)\" complies, yet zxcvbn estimates 10^\(Self.format(weakest.log10Guesses)) guesses "
            out += "(2^\(Self.format(weakest.bits)), score \(weakest.score) of 4): \(Self.duration(weakest.secondsAt1e10PerSecond)) offline at 10^10 guesses/s\n"
            out += "  \(weakest.weakCompliantCandidates) of \(weakest.compliantCandidates) compliant common-pattern candidates score below 3 "
            out += "(\(weakest.candidatesTried) generated)\n"
        } else {
            out += "  Realistic floor: none of the common-pattern candidates complies\n"
        }
        for hardening in toPass {
            out += "\nTo pass \(hardening.baseline) ('credkit policy suggest --baseline \(hardening.baseline)'):\n"
            for change in hardening.changes { out += "  \(change.field): \(change.from) -> \(change.to)\n" }
        }
        let total = rules.filter { $0.status != "manual" }.count
        out += "\nResult: \(failedRules == 0 ? "PASS" : "FAIL"), \(failedRules) of \(total) rules failed\n"
        return out
    }

    private var summary: String {
        var parts = ["MinimumPasswordLength \(policy.MinimumPasswordLength)"]
        let required = [("uppercase", policy.RequireUppercaseCharacters), ("lowercase", policy.RequireLowercaseCharacters),
                        ("numbers", policy.RequireNumbers), ("symbols", policy.RequireSymbols)].filter(\.1).map(\.0)
        if !required.isEmpty { parts.append("requires \(required.joined(separator: ", "))") }
        if policy.MinimumCharacterTypes > 0 { parts.append("at least \(policy.MinimumCharacterTypes) of 4 character types") }
        parts.append(policy.MaxPasswordAge.map { "expires after \($0) days" } ?? "never expires")
        parts.append(policy.PasswordReusePrevention.map { "remembers \($0) passwords" } ?? "reuse allowed")
        if policy.HardExpiry { parts.append("hard expiry") }
        parts.append(policy.AllowUsersToChangePassword ? "users may change their password" : "users may not change their password")
        return parts.joined(separator: "; ")
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A decimal count as "4.59e26".
    static func scientific(_ decimal: String) -> String {
        guard decimal.count > 6 else { return decimal }
        let digits = Array(decimal)
        return "\(digits[0]).\(String(digits[1...2]))e\(digits.count - 1)"
    }

    /// A duration in the largest sensible unit.
    static func duration(_ seconds: Double) -> String {
        let units: [(Double, String)] = [(31_557_600, "years"), (86_400, "days"), (3_600, "hours"), (60, "minutes")]
        if seconds < 1 { return "under a second" }
        for (size, name) in units where seconds >= size {
            let value = seconds / size
            return value >= 1e6 ? "about \(String(format: "%.1e", value)) \(name)" : "about \(String(format: "%.0f", value)) \(name)"
        }
        return "about \(String(format: "%.0f", seconds)) seconds"
    }
}
