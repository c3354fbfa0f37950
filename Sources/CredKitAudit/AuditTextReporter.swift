import CredKitAWS

/// A table for people; ANSI colours only when asked (a terminal).
public struct AuditTextReporter: AuditReporter {
    /// The options.
    public var options: AuditReportOptions

    /// Creates a reporter.
    public init(options: AuditReportOptions) { self.options = options }

    public func render(_ result: AuditResult) -> String {
        var out = ""
        if let checklist = result.checklist, !options.panel {
            out += "Account checklist: \(checklist.countLine)\n"
            for item in checklist.items {
                let code: String = switch item.state {
                case .done: "32"
                case .notDone: "31"
                case .partly, .unknown: "33"
                }
                out += "  \(paint(item.mark, code)) \(item.id.number). \(item.id.title) (\(item.id.rawValue)): \(item.stateWords); \(item.evidence)\n"
                if item.state != .done { out += "      fix: \(item.fix)\n" }
                for advice in item.recommendations { out += "      recommended: \(advice)\n" }
                if let exemption = item.exemption { out += "      exempt by \(exemption.target): \(exemption.reason)\n" }
            }
            out += "\n"
        } else if let status = result.securityStatus {
            out += "Security status: \(status.completeCount) of \(status.items.count) complete\n"
            for item in status.items {
                let mark = switch item.state {
                case .complete: paint("[x]", "32")
                case .incomplete: paint("[ ]", "31")
                case .unknown: paint("[?]", "33")
                }
                out += "  \(mark) \(item.title): \(item.detail)\n"
                if item.state != .complete { out += "      fix: \(item.fix)\n" }
            }
            out += "\n"
        }
        if !result.localKeys.isEmpty {
            out += "Your keys:\n"
            out += table(["PROFILE", "KEY", "USER", "STATE", "AGE", "DUE", "DETAIL"], result.localKeys.map { local in
                [local.profile, options.key(local.keyID), local.user ?? "-", local.state.rawValue,
                 local.ageDays.map { "\($0)d" } ?? "-", local.due.map(AWSTimestamp.day) ?? "-", local.detail]
            }, colorColumn: 3) { row in
                switch row[3] {
                case "overdue", "invalid": "31"
                case "due-soon": "33"
                case "ok": "32"
                default: nil
                }
            }
            out += "\n"
        }
        if result.findings.isEmpty {
            out += "No findings.\n"
        } else {
            out += table(["SEVERITY", "CHECK", "USER", "KEY", "AGE", "DUE", "FINDING", "REFERENCE"], result.findings.map { finding in
                [finding.severity.rawValue, finding.check.rawValue, finding.user, options.key(finding) ?? "-",
                 finding.ageDays.map { "\($0)d" } ?? "-", finding.due.map(AWSTimestamp.day) ?? "-", finding.message, finding.reference]
            }, colorColumn: 0) { row in
                switch row[0] {
                case "critical": "1;31"
                case "error": "31"
                default: "33"
                }
            }
        }
        if !result.exempted.isEmpty {
            out += "\nExempted (\(result.exempted.count)):\n"
            for item in result.exempted {
                let key = options.key(item.finding).map { " \($0)" } ?? ""
                out += "  \(item.finding.check.rawValue) \(item.finding.user)\(key): \(item.finding.message) -- exempt by \(item.exemption.target): \(item.exemption.reason)\n"
            }
        }
        if !result.unevaluatedExemptions.isEmpty {
            out += "\nNot evaluated without --live (\(result.unevaluatedExemptions.count)):\n"
            for exemption in result.unevaluatedExemptions { out += "  \(exemption.summary)\n" }
        }
        out += "\n\(result.usersChecked) users, \(result.activeKeys) active keys checked as of \(AWSTimestamp.iso8601(result.now)) " +
            "(max age \(result.thresholds.maxAgeDays)d, warn \(result.thresholds.warnBeforeDays)d before): \(result.countsLine)\n"
        return out
    }

    private func paint(_ text: String, _ code: String?) -> String {
        guard options.color, let code else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func table(_ header: [String], _ rows: [[String]], colorColumn: Int, color: ([String]) -> String?) -> String {
        // Unicode scalars approximate terminal columns well enough and are far cheaper than graphemes.
        var widths = header.map(\.unicodeScalars.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) } }
        func line(_ cells: [String], _ code: String?) -> String {
            cells.enumerated().map { index, cell in
                let padded = index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.unicodeScalars.count)
                return index == colorColumn ? paint(padded, code) : padded
            }.joined(separator: "  ") + "\n"
        }
        return line(header, nil) + rows.map { line($0, color($0)) }.joined()
    }
}
