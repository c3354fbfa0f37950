import CredKitCrypto
import CredKitJSON
import Foundation

/// Findings accepted as known, recorded by fingerprint: a hash of rule, secret and file path,
/// not of the line, so edits elsewhere in a file do not make them new again, and a value
/// accepted in one file is still reported in another. Value-only entries (rule and secret,
/// written with `valuesOnly` and by earlier versions) accept the value in any file.
public struct Baseline: Sendable, Hashable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable {
        /// The finding's fingerprint.
        public let fingerprint: String
        /// Its rule, for people reading the file.
        public let rule: String
        /// The value, redacted, for people reading the file.
        public let match: String
        /// The file the finding was accepted in (as reported, relative to where the scan ran);
        /// nil for a value-only entry, which accepts the value anywhere.
        public let path: String?

        init(fingerprint: String, rule: String, match: String, path: String? = nil) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.match = match
            self.path = path
        }
    }

    /// Accepted findings, sorted by fingerprint.
    public let entries: [Entry]
    private let fingerprints: Set<String>

    /// A baseline that accepts `findings`, each in its own file.
    /// - Parameter valuesOnly: accept each value in any file instead (rule and value only).
    public init(findings: [Finding], valuesOnly: Bool = false) {
        var seen = Set<String>()
        var entries: [Entry] = []
        for finding in findings {
            let fingerprint = valuesOnly ? finding.fingerprint : finding.pathFingerprint
            guard seen.insert(fingerprint).inserted else { continue }
            entries.append(Entry(fingerprint: fingerprint, rule: finding.ruleID, match: finding.redacted,
                                 path: valuesOnly ? nil : Self.normalized(finding.file)))
        }
        self.init(entries: entries)
    }

    private static func normalized(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    init(entries: [Entry]) {
        self.entries = entries.sorted { $0.fingerprint < $1.fingerprint }
        fingerprints = Set(entries.map(\.fingerprint))
    }

    /// Whether `finding` was accepted: in its file, or by a value-only entry.
    public func contains(_ finding: Finding) -> Bool {
        fingerprints.contains(finding.pathFingerprint) || fingerprints.contains(finding.fingerprint)
    }

    /// The findings that are new relative to this baseline.
    public func newFindings(_ findings: [Finding]) -> [Finding] { findings.filter { !contains($0) } }

    /// The file's text: stable JSON, one entry per accepted finding.
    public var fileText: String {
        let items: [JSONText.Value] = entries.map {
            var fields: [(String, JSONText.Value)] = [("fingerprint", .string($0.fingerprint)), ("rule", .string($0.rule))]
            if let path = $0.path { fields.append(("path", .string(path))) }
            fields.append(("match", .string($0.match)))
            return .object(fields)
        }
        return JSONText.render(.object([("version", .number(1)), ("tool", .string("credkit")), ("findings", .array(items))])) + "\n"
    }

    /// Reads a baseline file.
    /// - Throws: `ScanError(.invalidBaseline)` naming the file and what is wrong with it.
    public static func load(file path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScanError(.invalidBaseline, "cannot read baseline file '\(path)'")
        }
        return try parse(data, file: path)
    }

    /// The largest baseline file read, in bytes: about 100,000 accepted findings.
    public static let maximumFileSize = 32 << 20

    /// Parses baseline JSON (through the one strict JSON reader: duplicate keys, depth and
    /// size are refused with the line).
    public static func parse(_ data: Data, file: String) throws -> Baseline {
        let root: JSONValue
        do {
            root = try JSONReader.parse(data, maximumSize: maximumFileSize)
        } catch {
            throw ScanError(.invalidBaseline, error.reason(in: file))
        }
        let hint = "; is this a credkit baseline?"
        guard let document = root.objectValue else {
            throw ScanError(.invalidBaseline, "\(file): wrong type at the top level (\(root.kind))\(hint)")
        }
        guard let versionValue = document["version"] else {
            throw ScanError(.invalidBaseline, "\(file): missing 'version' at the top level\(hint)")
        }
        guard case .number(let number) = versionValue, let version = number.integer else {
            throw ScanError(.invalidBaseline, "\(file):\(document.line(of: "version") ?? 1): wrong type at .version\(hint)")
        }
        guard version == 1 else {
            throw ScanError(.invalidBaseline, "\(file): baseline version \(version) is not supported (expected 1)")
        }
        guard let findingsValue = document["findings"] else {
            throw ScanError(.invalidBaseline, "\(file): missing 'findings' at the top level\(hint)")
        }
        guard let items = findingsValue.arrayValue else {
            throw ScanError(.invalidBaseline, "\(file):\(document.line(of: "findings") ?? 1): wrong type at .findings\(hint)")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let fields = item.objectValue else {
                throw ScanError(.invalidBaseline, "\(file): wrong type at .findings[\(index)]\(hint)")
            }
            func text(_ key: String) throws -> String {
                guard let value = fields[key] else {
                    throw ScanError(.invalidBaseline, "\(file): missing '\(key)' at .findings[\(index)]\(hint)")
                }
                guard let string = value.stringValue else {
                    throw ScanError(.invalidBaseline, "\(file):\(fields.line(of: key) ?? 1): wrong type at .findings[\(index)].\(key)\(hint)")
                }
                return string
            }
            let path = fields["path"] == nil ? nil : try text("path")
            let entry = Entry(fingerprint: try text("fingerprint"), rule: try text("rule"), match: try text("match"), path: path)
            guard entry.fingerprint.count == 64, Hex.decode(entry.fingerprint) != nil else {
                throw ScanError(.invalidBaseline, "\(file): '\(entry.fingerprint.prefix(64))' is not a SHA-256 fingerprint")
            }
            entries.append(entry)
        }
        return Baseline(entries: entries)
    }
}
