import CredKitJSON
import CredKitAWS

/// JSON with stable field names: one object per finding with `check`, `severity`, `user`,
/// `key_id` (redacted unless `--show-secrets`), `age_days`, `due`, `reference`.
///
/// Written by hand rather than through `JSONSerialization`: the field order stays fixed and a
/// 100,000-user report is printed in a fraction of the time.
public struct AuditJSONReporter: AuditReporter {
    /// The options.
    public var options: AuditReportOptions

    /// Creates a reporter.
    public init(options: AuditReportOptions) { self.options = options }

    /// A JSON value to write.
    private enum Value {
        case string(String?)
        case int(Int?)
        case raw(String)
    }

    /// Writes the head, then the findings in pieces of about `ReportPieces.pieceBytes`.
    public func write(_ result: AuditResult, to sink: (String) throws -> Void) throws {
        // Exempted findings, like the findings, can be many: written in pieces too.
        var out = head(result) + "  \"exempted\": "
        var firstExempted = true
        for item in result.exempted {
            out += (firstExempted ? "[\n    " : ",\n    ") + finding(item.finding, account: result.account, extra: [
                ("exemption", .raw(Self.object([("rule", .string(item.exemption.target.description)), ("reason", .string(item.exemption.reason))]))),
            ])
            firstExempted = false
            try ReportPieces.flushIfFull(&out, to: sink)
        }
        out += (firstExempted ? "[]" : "\n  ]") + ",\n  \"findings\": ["
        try sink(out)
        // The findings can number in the hundreds of thousands: written straight into bytes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ReportPieces.pieceBytes + 4096)
        var first = true
        for item in result.findings {
            bytes.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
            first = false
            appendFinding(item, account: result.account, to: &bytes)
            if bytes.count >= ReportPieces.pieceBytes {
                try sink(String(decoding: bytes, as: UTF8.self))
                bytes.removeAll(keepingCapacity: true)
            }
        }
        bytes.append(contentsOf: (result.findings.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        try sink(String(decoding: bytes, as: UTF8.self))
    }

    /// Everything before the exempted findings.
    private func head(_ result: AuditResult) -> String {
        var out = "{\n"
        func field(_ name: String, _ value: String, last: Bool = false) {
            out += "  \(JSONString.quoted(name)): \(value)\(last ? "" : ",")\n"
        }
        field("command", JSONString.quoted(options.command))
        field("now", JSONString.quoted(AWSTimestamp.iso8601(result.now)))
        field("source", JSONString.quoted(result.source))
        if let account = result.account {
            field("account", Self.object([("id", .string(account.id)), ("name", .string(account.name)), ("alias", .string(account.alias))]))
        }
        let t = result.thresholds
        field("thresholds", Self.object([
            ("max_age_days", .int(t.maxAgeDays)), ("warn_before_days", .int(t.warnBeforeDays)), ("unused_days", .int(t.unusedDays)),
            ("grace_days", .int(t.graceDays)), ("root_use_days", .int(t.rootRecentUseDays)),
        ]))
        let counts = Dictionary(uniqueKeysWithValues: result.severityCounts.map { ($0.0, $0.1) })
        field("summary", Self.object([
            ("users", .int(result.usersChecked)), ("active_keys", .int(result.activeKeys)), ("findings", .int(result.findings.count)),
            ("critical", .int(counts[.critical] ?? 0)), ("error", .int(counts[.error] ?? 0)), ("warning", .int(counts[.warning] ?? 0)),
            ("exempted", .int(result.exempted.count)),
        ]))
        if let status = result.securityStatus {
            let items = status.items.map {
                Self.object([("id", .string($0.id)), ("title", .string($0.title)), ("state", .string($0.state.rawValue)),
                             ("detail", .string($0.detail)), ("fix", .string($0.fix))])
            }
            field("security_status", "{\"complete\": \(status.completeCount), \"total\": \(status.items.count), \"items\": \(Self.array(items))}")
        }
        if let checklist = result.checklist {
            let items = checklist.items.map { item in
                Self.object([("id", .string(item.id.rawValue)), ("number", .int(item.id.number)), ("title", .string(item.id.title)),
                             ("state", .string(item.state.rawValue)), ("severity", .string(item.severity?.rawValue)),
                             ("evidence", .string(item.evidence)), ("fix", .string(item.fix)), ("reference", .string(item.id.reference)),
                             ("recommendations", .raw("[" + item.recommendations.map(JSONString.quoted).joined(separator: ", ") + "]")),
                             ("exemption", item.exemption.map { .raw(Self.object([("rule", .string($0.target.description)), ("reason", .string($0.reason))])) } ?? .raw("null"))])
            }
            field("checklist", "{\"complete\": \(checklist.completeCount), \"total\": \(checklist.items.count), \"items\": \(Self.array(items))}")
        }
        if !result.localKeys.isEmpty {
            field("local_keys", Self.array(result.localKeys.map { local in
                Self.object([("profile", .string(local.profile)), ("file", .string(local.file)), ("key_id", .string(options.key(local.keyID))),
                             ("user", .string(local.user)), ("state", .string(local.state.rawValue)), ("age_days", .int(local.ageDays)),
                             ("due", .string(local.due.map(AWSTimestamp.day))), ("detail", .string(local.detail))])
            }))
        }
        field("notes", "[" + result.notes.map(JSONString.quoted).joined(separator: ", ") + "]")
        field("unevaluated_exemptions", Self.array(result.unevaluatedExemptions.map {
            Self.object([("rule", .string($0.target.description)), ("reason", .string($0.reason))])
        }))
        return out
    }

    private func appendFinding(_ finding: Finding, account: AuditAccount?, to out: inout [UInt8]) {
        func key(_ name: StaticString, first: Bool = false) {
            if !first { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
        }
        func string(_ value: String?) {
            if let value { JSONString.appendQuoted(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        func int(_ value: Int?) {
            if let value { out.append(contentsOf: String(value).utf8) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(UInt8(ascii: "{"))
        key("check", first: true); string(finding.check.rawValue)
        key("severity"); string(finding.severity.rawValue)
        key("user"); string(finding.user)
        key("key_id"); string(finding.keyID.map { options.key($0) })
        key("key_slot"); int(finding.keySlot)
        key("age_days"); int(finding.ageDays)
        key("due"); string(finding.due.map(AWSTimestamp.day))
        key("reference"); string(finding.reference)
        key("message"); string(finding.message)
        key("line"); int(finding.line)
        if let account {
            key("account_id"); string(account.id)
            key("account_alias"); string(account.alias)
        }
        out.append(UInt8(ascii: "}"))
    }

    private func finding(_ finding: Finding, account: AuditAccount?, extra: [(String, Value)] = []) -> String {
        Self.object([
            ("check", .string(finding.check.rawValue)), ("severity", .string(finding.severity.rawValue)), ("user", .string(finding.user)),
            ("key_id", .string(finding.keyID.map { options.key($0) })), ("key_slot", .int(finding.keySlot)),
            ("age_days", .int(finding.ageDays)), ("due", .string(finding.due.map(AWSTimestamp.day))),
            ("reference", .string(finding.reference)), ("message", .string(finding.message)), ("line", .int(finding.line)),
        ] + (account.map { [("account_id", .string($0.id)), ("account_alias", .string($0.alias))] } ?? []) + extra)
    }

    private static func object(_ fields: [(String, Value)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(UInt8(ascii: "{"))
        for (index, (name, value)) in fields.enumerated() {
            if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            JSONString.appendQuoted(name, to: &out)
            out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
            switch value {
            case .string(let string?): JSONString.appendQuoted(string, to: &out)
            case .int(let int?): out.append(contentsOf: String(int).utf8)
            case .raw(let raw): out.append(contentsOf: raw.utf8)
            case .string(nil), .int(nil): out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func array(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
    }
}
