import CredKitAWS

/// GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding.
/// The Markdown summary for `$GITHUB_STEP_SUMMARY` comes from `AuditMarkdownReporter`.
public struct AuditGitHubReporter: AuditReporter {
    /// The options.
    public var options: AuditReportOptions

    /// Creates a reporter.
    public init(options: AuditReportOptions) { self.options = options }

    public func write(_ result: AuditResult, to sink: (String) throws -> Void) throws {
        var out = ""
        // In an organization run every annotation starts with the account it is about.
        let data: (String) -> String = { text in self.data(result.account.map { "account \($0.title): " + text } ?? text) }
        for item in result.checklist?.items ?? [] where item.state != .done {
            let level = item.exemption != nil || item.state == .unknown ? "notice" : (item.severity == .warning ? "warning" : "error")
            out += "::\(level) title=\(property("credkit checklist \(item.id.number) \(item.id.rawValue) [\(item.stateWords)]"))::"
                + data("\(item.id.title): \(item.evidence). Fix: \(item.fix)." + (item.exemption.map { " Exempt by \($0.target): \($0.reason)" } ?? "")) + "\n"
        }
        for finding in result.findings {
            let level = finding.severity == .warning ? "warning" : "error"
            let key = options.key(finding).map { " \($0)" } ?? ""
            out += "::\(level) title=\(property("credkit \(finding.check.rawValue) [\(finding.severity.rawValue)]"))::"
                + data("\(finding.user)\(key): \(finding.message). Fix: \(finding.check.fix). \(finding.reference)") + "\n"
            try ReportPieces.flushIfFull(&out, to: sink)
        }
        for local in result.localKeys {
            guard let severity = local.severity else { continue }
            let due = local.due.map { " (due \(AWSTimestamp.day($0)))" } ?? ""
            out += "::\(severity == .warning ? "warning" : "error") title=\(property("credkit your key [\(local.state.rawValue)]"))::"
                + data("profile \(local.profile) \(options.key(local.keyID)): \(local.detail)\(due)") + "\n"
        }
        for item in result.exempted {
            out += "::notice title=\(property("credkit exempted \(item.finding.check.rawValue)"))::"
                + data("\(item.finding.user): \(item.finding.message). Exempt by \(item.exemption.target): \(item.exemption.reason)") + "\n"
            try ReportPieces.flushIfFull(&out, to: sink)
        }
        for note in result.notes {
            out += "::notice title=\(property("credkit not checked"))::" + data(note) + "\n"
        }
        let checklist = result.checklist.map { "account checklist \($0.countLine); " } ?? ""
        out += "credkit \(options.command): \(result.account.map { "account \($0.title): " } ?? "")\(checklist)\(result.countsLine)\n"
        try sink(out)
    }

    // Escaping as the runner expects (actions/toolkit `escapeData` / `escapeProperty`).
    func escapedData(_ text: String) -> String { data(text) }

    private func data(_ text: String) -> String {
        // Most text has nothing to escape; a byte scan is far cheaper than three replacements.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private func property(_ text: String) -> String {
        let text = data(text)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ",") }) else { return text }
        return text.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
