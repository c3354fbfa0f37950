/// SARIF 2.1.0 for GitHub code scanning and other viewers: the rules that ran, and one
/// result per finding with its location, a redacted message and a partial fingerprint.
public struct SARIFReporter: Reporter {
    /// The rules described in the run (the ones that ran).
    public let rules: [Rule]
    /// credkit's version, for the tool driver.
    public let toolVersion: String
    /// Whether messages hold values in full.
    public let showSecrets: Bool

    /// Creates a SARIF reporter.
    public init(rules: [Rule] = Rule.builtIn, toolVersion: String = "0", showSecrets: Bool = false) {
        self.rules = rules
        self.toolVersion = toolVersion
        self.showSecrets = showSecrets
    }

    public func render(_ findings: [Finding]) -> String {
        var described = rules
        for finding in findings {
            for id in finding.ruleIDs where !described.contains(where: { $0.id == id }) {
                if let rule = Rule.builtIn(id: id) { described.append(rule) }
            }
        }
        let driver: JSONText.Value = .object([
            ("name", .string("credkit")),
            ("version", .string(toolVersion)),
            ("semanticVersion", .string(toolVersion)),
            ("rules", .array(described.map(ruleObject))),
        ])
        let results: [JSONText.Value] = findings.map { result($0, described: described) }
        let run: JSONText.Value = .object([
            ("tool", .object([("driver", driver)])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(results)),
        ])
        return JSONText.render(.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])) + "\n"
    }

    private func ruleObject(_ rule: Rule) -> JSONText.Value {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
            ("shortDescription", .object([("text", .string(rule.description))])),
            ("fullDescription", .object([("text", .string(rule.description + ". Detected by shape and context; see credkit-scan(1)."))])),
            ("help", .object([("text", .string(
                "Revoke the credential in IAM and remove it from the code (and from history if it was pushed). " +
                "For a false alarm, add 'credkit:allow' to the line, a path glob to [allow] paths in .credkit.toml, " +
                "or record it in a baseline with --write-baseline."))])),
            ("defaultConfiguration", .object([("level", .string(rule.severity == .error ? "error" : "note"))])),
            ("properties", .object([
                ("tags", .array([.string("security"), .string("secret")])),
                ("precision", .string("high")),
                ("security-severity", .string(rule.severity == .error ? "9.0" : "0.0")),
            ])),
        ])
    }

    private func result(_ finding: Finding, described: [Rule]) -> JSONText.Value {
        var members: [(String, JSONText.Value)] = [
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", .number(described.firstIndex { $0.id == finding.ruleID } ?? 0)),
            ("level", .string(finding.severity == .error ? "error" : "note")),
            ("message", .object([("text", .string(sentence(finding, showSecrets: showSecrets)))])),
            ("locations", .array([location(finding.file, line: finding.line, column: finding.column, length: finding.secret.utf8.count)])),
            ("partialFingerprints", .object([("credkitFingerprint/v1", .string(finding.fingerprint))])),
        ]
        var related: [JSONText.Value] = []
        for paired in [finding.pairedSecret, finding.sessionToken].compactMap({ $0 }) {
            var item = location(finding.file, line: paired.line, column: paired.column, length: paired.secret.utf8.count)
            if case .object(var fields) = item {
                fields.insert(("id", .number(related.count + 1)), at: 0)
                fields.append(("message", .object([("text", .string(paired.ruleID))])))
                item = .object(fields)
            }
            related.append(item)
        }
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        var properties: [(String, JSONText.Value)] = []
        if let account = finding.account { properties.append(("account", .string(account))) }
        if let decoding = finding.decoding { properties.append(("decoding", .string(decoding))) }
        if let commit = finding.commit {
            properties += [("commit", .string(commit.id)), ("author", .string(commit.author)), ("date", .string(commit.date))]
        }
        if !properties.isEmpty { members.append(("properties", .object(properties))) }
        return .object(members)
    }

    private func location(_ file: String, line: Int, column: Int, length: Int) -> JSONText.Value {
        .object([("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(Self.uri(file)))])),
            ("region", .object([
                ("startLine", .number(line)), ("startColumn", .number(column)), ("endColumn", .number(column + length)),
            ])),
        ]))])
    }

    /// A relative URI reference for a path: unreserved characters and `/` stay, the rest is
    /// percent-encoded byte by byte.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
