import CredKitCrypto
import Foundation

/// Findings accepted as known, recorded by fingerprint (a hash of rule and secret, not of
/// the line), so edits elsewhere in a file do not make them new again.
public struct Baseline: Sendable, Hashable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Codable {
        /// The finding's fingerprint.
        public let fingerprint: String
        /// Its rule, for people reading the file.
        public let rule: String
        /// The value, redacted, for people reading the file.
        public let match: String
    }

    /// Accepted findings, sorted by fingerprint.
    public let entries: [Entry]
    private let fingerprints: Set<String>

    /// A baseline that accepts `findings`.
    public init(findings: [Finding]) {
        var seen = Set<String>()
        var entries: [Entry] = []
        for finding in findings where seen.insert(finding.fingerprint).inserted {
            entries.append(Entry(fingerprint: finding.fingerprint, rule: finding.ruleID, match: finding.redacted))
        }
        self.init(entries: entries)
    }

    init(entries: [Entry]) {
        self.entries = entries.sorted { $0.fingerprint < $1.fingerprint }
        fingerprints = Set(entries.map(\.fingerprint))
    }

    /// Whether `finding` was accepted.
    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    /// The findings that are new relative to this baseline.
    public func newFindings(_ findings: [Finding]) -> [Finding] { findings.filter { !contains($0) } }

    /// The file's text: stable JSON, one entry per accepted finding.
    public var fileText: String {
        let items: [JSONText.Value] = entries.map {
            .object([("fingerprint", .string($0.fingerprint)), ("rule", .string($0.rule)), ("match", .string($0.match))])
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

    /// Parses baseline JSON.
    public static func parse(_ data: Data, file: String) throws -> Baseline {
        struct Document: Decodable {
            let version: Int
            let findings: [Entry]
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch DecodingError.dataCorrupted(let context) {
            throw ScanError(.invalidBaseline, "\(file): not valid JSON (\(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription))")
        } catch DecodingError.keyNotFound(let key, let context) {
            throw ScanError(.invalidBaseline, "\(file): missing '\(key.stringValue)' at \(path(context.codingPath)); is this a credkit baseline?")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw ScanError(.invalidBaseline, "\(file): wrong type at \(path(context.codingPath)); is this a credkit baseline?")
        } catch {
            throw ScanError(.invalidBaseline, "\(file): \(error.localizedDescription)")
        }
        guard document.version == 1 else {
            throw ScanError(.invalidBaseline, "\(file): baseline version \(document.version) is not supported (expected 1)")
        }
        for entry in document.findings where entry.fingerprint.count != 64 || Hex.decode(entry.fingerprint) == nil {
            throw ScanError(.invalidBaseline, "\(file): '\(entry.fingerprint)' is not a SHA-256 fingerprint")
        }
        return Baseline(entries: document.findings)
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
