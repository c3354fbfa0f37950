import CredKitAWS

/// A table for people; ANSI colours only when asked (a terminal).
public struct AuditTextReporter: AuditReporter {
    /// The options.
    public var options: AuditReportOptions

    /// Creates a reporter.
    public init(options: AuditReportOptions) { self.options = options }

    public func write(_ result: AuditResult, to sink: (String) throws -> Void) throws {
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
            let rows = result.localKeys.map { local in
                [local.profile, options.key(local.keyID), local.user ?? "-", local.state.rawValue,
                 local.ageDays.map { "\($0)d" } ?? "-", local.due.map(AWSTimestamp.day) ?? "-", local.detail]
            }
            try table(["PROFILE", "KEY", "USER", "STATE", "AGE", "DUE", "DETAIL"], rows: rows,
                      colorColumn: 3, shrinkColumn: 6, into: &out, sink: sink) { row in
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
            // Walked twice (column widths, then lines): a list on disk is read back, never held.
            try table(["SEVERITY", "CHECK", "USER", "KEY", "AGE", "DUE", "FINDING", "REFERENCE"], rows: result.findings.lazy.map { finding in
                [finding.severity.rawValue, finding.check.rawValue, finding.user, options.key(finding) ?? "-",
                 finding.ageDays.map { "\($0)d" } ?? "-", finding.due.map(AWSTimestamp.day) ?? "-", finding.message, finding.reference]
            }, colorColumn: 0, shrinkColumn: 6, into: &out, sink: sink) { row in
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
                try ReportPieces.flushIfFull(&out, to: sink)
            }
        }
        if !result.notes.isEmpty {
            out += "\nNot checked (\(result.notes.count)):\n"
            for note in result.notes { out += "  \(note)\n" }
        }
        if !result.unevaluatedExemptions.isEmpty {
            out += "\nNot evaluated without --live (\(result.unevaluatedExemptions.count)):\n"
            for exemption in result.unevaluatedExemptions { out += "  \(exemption.summary)\n" }
        }
        let checked = "\(result.usersChecked) users, \(result.activeKeys) active keys checked as of \(AWSTimestamp.iso8601(result.now))"
        let limits = "(max age \(result.thresholds.maxAgeDays)d, warn \(result.thresholds.warnBeforeDays)d before): \(result.countsLine)"
        let fits = options.maxWidth.map { checked.unicodeScalars.count + 1 + limits.unicodeScalars.count <= $0 } ?? true
        out += "\n" + checked + (fits ? " " : "\n") + limits + "\n"
        try sink(out)
    }

    private func paint(_ text: String, _ code: String?) -> String {
        guard options.color, let code else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The narrowest the free-text column gets before the table stacks it on a second line.
    static let minimumShrunkWidth = 24

    /// Appends a table to `out`, handing full pieces to `sink`. `rows` is walked twice: once for
    /// the column widths, once for the lines.
    private func table(_ header: [String], rows: some Sequence<[String]>, colorColumn: Int, shrinkColumn: Int,
                       into out: inout String, sink: (String) throws -> Void, color: ([String]) -> String?) throws {
        // Unicode scalars approximate terminal columns well enough and are far cheaper than graphemes.
        var widths = header.map(\.unicodeScalars.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) } }
        let total = widths.reduce(0, +) + 2 * (widths.count - 1)
        var shrunk: Int?
        var stack = false
        if let maxWidth = options.maxWidth, total > maxWidth {
            // Only the free text gives way (--wide or JSON for all of it): shortened with "..." while
            // it keeps minimumShrunkWidth; on narrower terminals it and the columns after it go on
            // an indented second line, itself cut to the width.
            let fitted = widths[shrinkColumn] - (total - maxWidth)
            if fitted >= Self.minimumShrunkWidth {
                widths[shrinkColumn] = fitted
                shrunk = fitted
            } else {
                stack = true
            }
        }
        let head = Array(widths[..<shrinkColumn])
        func stacked(_ cells: [String], _ code: String?) -> String {
            let first = cells[..<shrinkColumn].enumerated().map { index, cell in
                let padded = index == shrinkColumn - 1 ? cell : cell + String(repeating: " ", count: head[index] - cell.unicodeScalars.count)
                return index == colorColumn ? paint(padded, code) : padded
            }.joined(separator: "  ")
            let rest = "    " + cells[shrinkColumn...].joined(separator: "  ")
            return first + "\n" + Self.truncate(rest, to: max(options.maxWidth ?? 0, Self.minimumShrunkWidth)) + "\n"
        }
        func line(_ cells: [String], _ code: String?) -> String {
            cells.enumerated().map { index, cell in
                let padded = index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.unicodeScalars.count)
                return index == colorColumn ? paint(padded, code) : padded
            }.joined(separator: "  ") + "\n"
        }
        out += stack ? stacked(header, nil) : line(header, nil)
        for var cells in rows {
            if let shrunk { cells[shrinkColumn] = Self.truncate(cells[shrinkColumn], to: shrunk) }
            out += stack ? stacked(cells, color(cells)) : line(cells, color(cells))
            try ReportPieces.flushIfFull(&out, to: sink)
        }
    }

    private static func truncate(_ text: String, to width: Int) -> String {
        guard text.unicodeScalars.count > width else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 3))) + "..."
    }
}
