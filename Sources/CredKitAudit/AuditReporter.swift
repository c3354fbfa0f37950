import CredKitAWS
import Foundation

/// Turns an `AuditResult` into text for one output format.
public protocol AuditReporter: Sendable {
    /// Hands the rendered report to `sink` in pieces of about `ReportPieces.pieceBytes`, so a
    /// report of many findings (read back from disk, see `FindingList`) is never held whole as text.
    /// - Throws: what `sink` throws.
    func write(_ result: AuditResult, to sink: (String) throws -> Void) throws
}

extension AuditReporter {
    /// The rendered report: the pieces of `write(_:to:)` joined.
    public func render(_ result: AuditResult) -> String {
        var out = ""
        // Appending to a string cannot fail, so neither can the write.
        try? write(result) { out += $0 }
        return out
    }
}

/// How reporters hand text over: gathered in a string and passed on once it holds `pieceBytes`.
enum ReportPieces {
    /// The bytes handed to the sink at a time.
    static let pieceBytes = 65_536

    /// Hands `text` to `sink` and empties it once it holds `pieceBytes` bytes.
    static func flushIfFull(_ text: inout String, to sink: (String) throws -> Void) throws {
        guard text.utf8.count >= pieceBytes else { return }
        try sink(text)
        text = ""
    }
}

/// Options every reporter honours.
public struct AuditReportOptions: Sendable {
    /// Show full access key IDs instead of redacted ones (`--show-secrets`).
    public var showKeyIDs: Bool
    /// Use ANSI colours (text format on a terminal only).
    public var color: Bool
    /// The command that produced the result, for headings (`keys`, `audit`).
    public var command: String
    /// Show the console's five-item panel instead of the eight-item checklist (`--panel`).
    public var panel: Bool
    /// Text tables fit this many columns by shortening the finding text with "..."; nil: no limit.
    public var maxWidth: Int?

    /// Creates options.
    public init(showKeyIDs: Bool = false, color: Bool = false, command: String = "keys", panel: Bool = false,
                maxWidth: Int? = nil) {
        self.showKeyIDs = showKeyIDs
        self.color = color
        self.command = command
        self.panel = panel
        self.maxWidth = maxWidth
    }

    func key(_ finding: Finding) -> String? { finding.keyLabel(showSecrets: showKeyIDs) }
    func key(_ id: String) -> String { showKeyIDs ? id : AccessKeyID.redact(id) }
}

extension AuditResult {
    /// Counts by severity, most severe first, for summaries.
    public var severityCounts: [(Severity, Int)] {
        Severity.allCases.reversed().map { ($0, findings.count(of: $0)) }
    }

    /// "2 critical, 5 error, 3 warning" or "no findings".
    public var countsLine: String {
        let parts = severityCounts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
        return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
    }
}

extension Exemption {
    /// One line for listings: `user ci-* (key-age, key-due-soon): reason`.
    public var summary: String {
        let scope = checks.map { " (\($0.map(\.rawValue).sorted().joined(separator: ", ")))" } ?? ""
        let until = expires.map { ", until \(AWSTimestamp.day($0))" } ?? ""
        return "\(target)\(scope)\(until): \(reason)"
    }
}

extension AccountChecklist.Item {
    /// `[x]` done, `[ ]` not done, `[~]` partly, `[?]` unknown.
    public var mark: String {
        switch state {
        case .done: "[x]"
        case .notDone: "[ ]"
        case .partly: "[~]"
        case .unknown: "[?]"
        }
    }

    /// The state as the text output words it: `done`, `not done`, `partly`, `unknown`.
    public var stateWords: String { state == .notDone ? "not done" : state.rawValue }
}

extension AccountChecklist {
    /// "3 of 8 complete" (", 1 exempt" when items are exempt).
    public var countLine: String {
        let exempt = items.filter { $0.exemption != nil }.count
        return "\(completeCount) of \(items.count) complete" + (exempt > 0 ? ", \(exempt) exempt" : "")
    }
}
