/// A JSON array with one object per finding: `rule`, `severity`, `file`, `line`, `column`,
/// `match` (redacted unless asked), `fingerprint`, `account`, the paired `secret` and
/// `sessionToken` when present, `note` on informational key IDs, `decoding` (`base64 > percent`)
/// on values found under an encoding, `commit`, `author`, `date` for history scans, and
/// `verification` (`status`, `arn`/`account` or `reason`) with `--verify`.
public struct JSONReporter: Reporter {
    /// Whether `match` holds values in full.
    public let showSecrets: Bool

    /// Creates a JSON reporter.
    public init(showSecrets: Bool = false) {
        self.showSecrets = showSecrets
    }

    public func render(_ findings: [Finding]) -> String {
        JSONText.render(.array(findings.map(object))) + "\n"
    }

    private func object(_ finding: Finding) -> JSONText.Value {
        var members: [(String, JSONText.Value)] = [
            ("rule", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("file", .string(finding.file)),
            ("line", .number(finding.line)),
            ("column", .number(finding.column)),
            ("match", .string(shown(finding.secret, showSecrets))),
            ("fingerprint", .string(finding.fingerprint)),
            ("account", finding.account.map { .string($0) } ?? .null),
        ]
        if let note = finding.note { members.append(("note", .string(note))) }
        if let decoding = finding.decoding { members.append(("decoding", .string(decoding))) }
        for (key, paired) in [("secret", finding.pairedSecret), ("sessionToken", finding.sessionToken)] {
            guard let paired else { continue }
            var fields: [(String, JSONText.Value)] = [
                ("rule", .string(paired.ruleID)), ("line", .number(paired.line)), ("column", .number(paired.column)),
                ("match", .string(shown(paired.secret, showSecrets))),
            ]
            if let decoding = paired.decoding { fields.append(("decoding", .string(decoding))) }
            members.append((key, .object(fields)))
        }
        if let commit = finding.commit {
            members += [("commit", .string(commit.id)), ("author", .string(commit.author)), ("date", .string(commit.date))]
        }
        if let verification = finding.verification {
            var fields: [(String, JSONText.Value)] = [("status", .string(verification.status))]
            switch verification {
            case let .active(arn, account): fields += [("arn", .string(arn)), ("account", .string(account))]
            case let .inactive(reason), let .unknown(reason): fields.append(("reason", .string(reason)))
            }
            members.append(("verification", .object(fields)))
        }
        return .object(members)
    }
}
