/// Renders findings in one output format. Reporters return text; the caller prints it.
public protocol Reporter: Sendable {
    /// The whole report for `findings`, ending with a newline when not empty.
    func render(_ findings: [Finding]) -> String
}

extension Reporter {
    /// A finding's value as the user asked to see it: full or redacted.
    func shown(_ secret: String, _ showSecrets: Bool) -> String {
        showSecrets ? secret : Redaction.redact(secret)
    }

    /// One sentence about a finding, for annotations and SARIF messages.
    func sentence(_ finding: Finding, showSecrets: Bool) -> String {
        let name = Rule.builtIn(id: finding.ruleID)?.description ?? finding.ruleID
        var text = "\(name): \(shown(finding.secret, showSecrets))"
        if let account = finding.account { text += " (account \(account))" }
        if let note = finding.note { text += " (\(note))" }
        if let decoding = finding.decoding { text += " (decoded: \(decoding))" }
        if let paired = finding.pairedSecret {
            text += ", with its secret access key \(shown(paired.secret, showSecrets)) on line \(paired.line)"
        }
        if let token = finding.sessionToken {
            text += ", with a session token \(shown(token.secret, showSecrets)) on line \(token.line)"
        }
        if let commit = finding.commit {
            text += "; added in commit \(commit.id.prefix(12)) by \(commit.author) on \(commit.date)"
        }
        if let verification = finding.verification { text += "; \(verification.summary)" }
        return text
    }
}
