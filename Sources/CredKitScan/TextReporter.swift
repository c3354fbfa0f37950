/// Lines for people: `file:line:column: rule value (account N)`, with paired values and the
/// commit indented below. Values are redacted unless asked otherwise.
public struct TextReporter: Reporter {
    /// Whether to print values in full.
    public let showSecrets: Bool
    /// Whether to colour with ANSI escapes.
    public let color: Bool

    /// Creates a text reporter.
    public init(showSecrets: Bool = false, color: Bool = false) {
        self.showSecrets = showSecrets
        self.color = color
    }

    public func render(_ findings: [Finding]) -> String {
        var out = ""
        for finding in findings {
            let location = paint("\(finding.file):\(finding.line):\(finding.column):", "1")
            let rule = paint(finding.ruleID, finding.severity == .error ? "31" : "36")
            out += "\(location) \(rule) \(shown(finding.secret, showSecrets))"
            if let account = finding.account { out += " (account \(account))" }
            if let note = finding.note { out += " (\(note))" }
            if let decoding = finding.decoding { out += " (decoded: \(decoding))" }
            out += "\n"
            if let paired = finding.pairedSecret {
                out += "    with \(paired.ruleID) at \(paired.line):\(paired.column): \(shown(paired.secret, showSecrets))"
                out += paired.decoding.map { " (decoded: \($0))" } ?? ""
                out += "\n"
            }
            if let token = finding.sessionToken {
                out += "    with \(token.ruleID) at \(token.line):\(token.column): \(shown(token.secret, showSecrets))\n"
            }
            if let commit = finding.commit {
                out += "    added in commit \(commit.id) by \(commit.author) on \(commit.date)\n"
            }
            if let verification = finding.verification {
                let word = paint(verification.summary, verification.status == "active" ? "1;31" : "2")
                out += "    \(word)\n"
            }
        }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
