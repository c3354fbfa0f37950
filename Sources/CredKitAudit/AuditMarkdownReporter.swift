import CredKitAWS

/// Markdown for pull requests, issues and `$GITHUB_STEP_SUMMARY`.
public struct AuditMarkdownReporter: AuditReporter {
    /// The options.
    public var options: AuditReportOptions

    /// Creates a reporter.
    public init(options: AuditReportOptions) { self.options = options }

    public func write(_ result: AuditResult, to sink: (String) throws -> Void) throws {
        var out = "## credkit \(options.command): \(result.countsLine)\n\n"
        if let checklist = result.checklist, !options.panel {
            out += "### Account checklist: \(checklist.countLine)\n\n| # | Item | ID | State | Evidence | Fix |\n|---|---|---|---|---|---|\n"
            for item in checklist.items {
                var evidence = escape(item.evidence)
                for advice in item.recommendations { evidence += "<br>recommended: \(escape(advice))" }
                if let exemption = item.exemption { evidence += "<br>exempt by \(escape(exemption.target.description)): \(escape(exemption.reason))" }
                out += "| \(item.id.number) | \(escape(item.id.title)) | `\(item.id.rawValue)` | \(item.mark == "[x]" ? "done" : item.stateWords) | \(evidence) | \(item.state == .done ? "" : escape(item.fix)) |\n"
            }
            out += "\n"
        } else if let status = result.securityStatus {
            out += "### Security status: \(status.completeCount) of \(status.items.count) complete\n\n"
            for item in status.items {
                let mark = item.state == .complete ? "[x]" : "[ ]"
                let note = item.state == .unknown ? " (unknown)" : ""
                out += "- \(mark) **\(escape(item.title))**\(note): \(escape(item.detail))\(item.state == .complete ? "" : ". Fix: \(escape(item.fix))")\n"
            }
            out += "\n"
        }
        if !result.localKeys.isEmpty {
            out += "### Your keys\n\n| Profile | Key | User | State | Age | Due |\n|---|---|---|---|---|---|\n"
            for local in result.localKeys {
                out += "| \(escape(local.profile)) | `\(options.key(local.keyID))` | \(escape(local.user ?? "-")) | \(local.state.rawValue) | \(local.ageDays.map { "\($0) days" } ?? "-") | \(local.due.map(AWSTimestamp.day) ?? "-") |\n"
            }
            out += "\n"
        }
        if !result.findings.isEmpty {
            out += "| Severity | Check | User | Key | Age | Due | Finding | Fix | Reference |\n|---|---|---|---|---|---|---|---|---|\n"
            for finding in result.findings {
                out += "| \(finding.severity.rawValue) | `\(finding.check.rawValue)` | \(escape(finding.user)) | \(options.key(finding).map { "`\($0)`" } ?? "-") | "
                    + "\(finding.ageDays.map { "\($0) days" } ?? "-") | \(finding.due.map(AWSTimestamp.day) ?? "-") | \(escape(finding.message)) | "
                    + "\(escape(finding.check.fix)) | \(finding.reference) |\n"
                try ReportPieces.flushIfFull(&out, to: sink)
            }
            out += "\n"
        }
        if !result.exempted.isEmpty {
            out += "<details><summary>Exempted (\(result.exempted.count))</summary>\n\n"
            for item in result.exempted {
                out += "- `\(item.finding.check.rawValue)` \(escape(item.finding.user)): \(escape(item.finding.message)). Exempt by \(escape(item.exemption.target.description)): \(escape(item.exemption.reason))\n"
                try ReportPieces.flushIfFull(&out, to: sink)
            }
            out += "\n</details>\n\n"
        }
        for note in result.notes { out += "Not checked: \(escape(note))\n\n" }
        if !result.unevaluatedExemptions.isEmpty {
            out += "Not evaluated without `--live`: " + result.unevaluatedExemptions.map { escape($0.summary) }.joined(separator: "; ") + "\n\n"
        }
        out += "_\(result.usersChecked) users, \(result.activeKeys) active keys, as of \(AWSTimestamp.iso8601(result.now)); maximum key age \(result.thresholds.maxAgeDays) days._\n"
        try sink(out)
    }

    /// The bytes `escape` rewrites.
    private static let escaped = Set("<>&\\`*_[]|~@#!\n\r".utf8)

    /// Text from the account (user names, reasons) as literal Markdown in an issue or a summary:
    /// `<root_account>` must not vanish as an HTML tag, `_a_` must not turn italic, `@name` must
    /// not notify anyone, `#12` must not link an issue, and `|` must not split a table cell.
    func escape(_ text: String) -> String {
        // Most text has nothing to escape: a byte scan first, far cheaper than walking characters.
        guard text.utf8.contains(where: { Self.escaped.contains($0) }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "@", "#", "!": out += "\\\(character)"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
