import CredKitAWS
import Foundation

/// Checks on service-specific credentials, SSH public keys and signing certificates (live mode).
///
/// IAM records no last use for any of them, so there is no unused check: an inactive or expired
/// one left behind is flagged instead, as is every active one past the rotation age.
extension CredentialAudit {
    /// The checks that apply to one kind of credential.
    struct LongTermChecks {
        let age: CheckID
        let dueSoon: CheckID
        let inactive: CheckID
    }

    static func checks(for kind: LongTermCredential.Kind) -> LongTermChecks {
        switch kind {
        case .serviceSpecific: LongTermChecks(age: .serviceCredentialAge, dueSoon: .serviceCredentialDueSoon, inactive: .serviceCredentialInactive)
        case .sshPublicKey: LongTermChecks(age: .sshKeyAge, dueSoon: .sshKeyDueSoon, inactive: .sshKeyInactive)
        case .signingCertificate: LongTermChecks(age: .signingCertificateAge, dueSoon: .signingCertificateDueSoon,
                                                 inactive: .signingCertificateInactive)
        }
    }

    /// The findings for one user's service-specific credentials, SSH public keys and signing certificates.
    func longTermFindings(_ credentials: [LongTermCredential], user: String, line: Int?, now: Date) -> [Finding] {
        var findings: [Finding] = []
        let day = 86_400.0
        for credential in credentials {
            let checks = Self.checks(for: credential.kind)
            let age = credential.created.map { AWSTimestamp.days(from: $0, to: now) }
            let status = credential.status(at: now)
            guard status == .active else {
                let state = status == .expired ? "expired" : "inactive"
                let since = credential.created.map { " (created \(AWSTimestamp.day($0)))" } ?? ""
                findings.append(Finding(check: checks.inactive, user: user, keyID: credential.id, ageDays: age,
                                        message: "\(state) \(credential.label) left behind\(since)", line: line))
                continue
            }
            if credential.kind == .signingCertificate {
                findings.append(Finding(
                    check: .signingCertificateActive, user: user, keyID: credential.id, ageDays: age,
                    message: "active signing certificate\(credential.created.map { " uploaded \(AWSTimestamp.day($0))" } ?? ""); few tools still need one",
                    line: line))
            }
            if credential.isBedrockAPIKey { findings.append(bedrockFinding(credential, user: user, line: line, now: now)) }
            guard let created = credential.created, let age else { continue }
            let due = created.addingTimeInterval(Double(thresholds.maxAgeDays) * day)
            if age >= thresholds.maxAgeDays {
                findings.append(Finding(
                    check: checks.age, user: user, keyID: credential.id, ageDays: age, due: due,
                    message: "active \(credential.label) is \(age) days old (maximum \(thresholds.maxAgeDays)); rotation was due \(AWSTimestamp.day(due))",
                    line: line))
            } else if age >= thresholds.maxAgeDays - thresholds.warnBeforeDays, credential.expires.map({ $0 > due }) ?? true {
                // One that expires before it is due rotates itself.
                let left = thresholds.maxAgeDays - age
                findings.append(Finding(
                    check: checks.dueSoon, user: user, keyID: credential.id, ageDays: age, due: due,
                    message: "active \(credential.label) is \(age) days old; rotate by \(AWSTimestamp.day(due)) (\(left) day\(left == 1 ? "" : "s") left)",
                    line: line))
            }
        }
        return findings
    }

    /// A long-term Bedrock API key: a warning, raised to an error when it never expires or was
    /// made to last longer than the maximum age.
    private func bedrockFinding(_ credential: LongTermCredential, user: String, line: Int?, now: Date) -> Finding {
        let advice = "AWS recommends short-term API keys"
        var finding: Finding
        if let expires = credential.expires {
            let lifetime = credential.created.map { AWSTimestamp.days(from: $0, to: expires) }
            let left = AWSTimestamp.days(from: now, to: expires)
            finding = Finding(check: .bedrockLongTermKey, user: user, keyID: credential.id, ageDays: credential.created.map { AWSTimestamp.days(from: $0, to: now) },
                              due: expires,
                              message: "long-term Bedrock API key expires \(AWSTimestamp.day(expires)) (\(left) day\(left == 1 ? "" : "s") left"
                                  + (lifetime.map { ", made to last \($0) days" } ?? "") + "); \(advice)",
                              line: line)
            if let lifetime, lifetime > thresholds.maxAgeDays { finding.severity = .error }
        } else {
            finding = Finding(check: .bedrockLongTermKey, user: user, keyID: credential.id,
                              ageDays: credential.created.map { AWSTimestamp.days(from: $0, to: now) },
                              message: "long-term Bedrock API key that never expires; \(advice)", line: line)
            finding.severity = .error
        }
        return finding
    }
}
