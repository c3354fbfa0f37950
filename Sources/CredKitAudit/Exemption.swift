import CredKitAWS
import CredKitJSON
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A documented decision to accept some findings for some users. Every exemption needs a reason,
/// and exempted findings are still listed in the output: nothing is hidden silently.
public struct Exemption: Sendable, Hashable {
    /// Who the exemption covers.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        /// A user name or shell glob (`ci-*`, `<root_account>`).
        case user(String)
        /// Users carrying an IAM tag; a nil value matches any value (live mode only).
        case tag(key: String, value: String?)
        /// Members of an IAM group, name or glob (live mode only).
        case group(String)
        /// An item of the account checklist, accepted as it is (a sandbox without billing reports).
        case item(ChecklistItemID)

        public var description: String {
            switch self {
            case .user(let pattern): "user \(pattern)"
            case .tag(let key, let value?): "tag \(key)=\(value)"
            case .tag(let key, nil): "tag \(key)"
            case .group(let pattern): "group \(pattern)"
            case .item(let id): "item \(id.rawValue)"
            }
        }

        /// Whether this target needs live data (tags, groups).
        public var needsLiveData: Bool {
            switch self {
            case .user, .item: false
            case .tag, .group: true
            }
        }
    }

    /// Who is covered.
    public var target: Target
    /// Why: required, shown next to every finding it covers.
    public var reason: String
    /// The checks covered; nil covers every check.
    public var checks: Set<CheckID>?
    /// The day after which the exemption no longer applies, if any.
    public var expires: Date?

    /// Creates an exemption.
    public init(target: Target, reason: String, checks: Set<CheckID>? = nil, expires: Date? = nil) {
        self.target = target
        self.reason = reason
        self.checks = checks
        self.expires = expires
    }

    /// Whether the exemption covers `check` for a user with `groups` and `tags` at `now`.
    public func covers(_ check: CheckID, user: String, groups: [String]?, tags: [String: String]?, now: Date) -> Bool {
        if let expires, now > expires { return false }
        if let checks, !checks.contains(check) { return false }
        switch target {
        case .user(let pattern):
            return Self.glob(pattern, matches: user)
        case .group(let pattern):
            return groups?.contains { Self.glob(pattern, matches: $0) } ?? false
        case .tag(let key, let value):
            guard let actual = tags?[key] else { return false }
            return value.map { $0 == actual } ?? true
        case .item:
            return false // items are accepted by AccountChecklist, not per finding
        }
    }

    /// Shell-style matching (`*`, `?`, `[...]`) of a whole name.
    public static func glob(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }

    /// The largest exemption file read, in bytes.
    public static let maximumFileSize = 1 << 20

    /// Reads exemptions from JSON:
    /// `{"exemptions": [{"user": "ci-*", "reason": "...", "checks": ["key-age"], "expires": "2025-12-31"},
    /// {"tag": "credkit-exempt=true", "reason": "..."}, {"group": "break-glass", "reason": "..."},
    /// {"item": "billing-reports", "reason": "sandbox account"}]}`.
    /// - Throws: `AuditError.invalidInput` naming the file and exemption number when a reason is
    ///   missing, the target is not exactly one of user/tag/group, or a check id is unknown.
    public static func parseList(_ data: Data, path: String) throws -> [Exemption] {
        guard data.count <= maximumFileSize else {
            throw AuditError(.invalidInput, "\(path): \(data.count) bytes is more than the exemption file limit of \(maximumFileSize)")
        }
        let root: JSONValue
        do {
            root = try JSONReader.parse(data, maximumSize: maximumFileSize)
        } catch {
            throw AuditError(.invalidInput, error.reason(in: path))
        }
        let list: [JSONValue]
        if let inner = root.objectValue?["exemptions"]?.arrayValue {
            list = inner
        } else if let array = root.arrayValue {
            list = array
        } else {
            throw AuditError(.invalidInput, "\(path): expected {\"exemptions\": [...]}")
        }
        return try list.enumerated().map { offset, item in
            let label = "\(path): exemption \(offset + 1)"
            guard let fields = item.objectValue else { throw AuditError(.invalidInput, "\(label): expected a JSON object") }
            let known: Set<String> = ["user", "tag", "group", "item", "reason", "checks", "expires"]
            if let unknown = fields.keys.first(where: { !known.contains($0) }) {
                throw AuditError(.invalidInput, "\(label): unknown field '\(unknown)' (expected user, tag, group or item, reason, checks, expires)")
            }
            var targets: [Target] = []
            if let user = fields["user"]?.stringValue, !user.isEmpty { targets.append(.user(user)) }
            if let group = fields["group"]?.stringValue, !group.isEmpty { targets.append(.group(group)) }
            if let item = fields["item"]?.stringValue, !item.isEmpty {
                guard let id = ChecklistItemID(rawValue: item) else {
                    throw AuditError(.invalidInput, "\(label): unknown checklist item '\(item)' (known: \(ChecklistItemID.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                targets.append(.item(id))
            }
            if let tag = fields["tag"]?.stringValue, !tag.isEmpty {
                let parts = tag.split(separator: "=", maxSplits: 1).map(String.init)
                targets.append(.tag(key: parts[0], value: parts.count > 1 ? parts[1] : nil))
            }
            guard targets.count == 1, let target = targets.first else {
                throw AuditError(.invalidInput, "\(label): give exactly one of \"user\", \"tag\", \"group\" or \"item\"")
            }
            guard let reason = fields["reason"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw AuditError(.invalidInput, "\(label) (\(target)): a \"reason\" is required, so the exemption can be reviewed")
            }
            var checks: Set<CheckID>?
            if let names = fields["checks"] {
                guard let list = names.arrayValue?.compactMap(\.stringValue), list.count == names.arrayValue?.count else { throw AuditError(.invalidInput, "\(label): \"checks\" must be a list of check ids") }
                checks = Set(try list.map { name in
                    guard let id = CheckID(rawValue: name) else {
                        throw AuditError(.invalidInput, "\(label): unknown check '\(name)' (known: \(CheckID.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return id
                })
            }
            var expires: Date?
            if let text = fields["expires"] {
                guard let day = text.stringValue, let date = AWSTimestamp.parseISO8601(day) else {
                    throw AuditError(.invalidInput, "\(label): \"expires\" must be a date like 2025-12-31")
                }
                expires = day.count == 10 ? date.addingTimeInterval(86_399) : date
            }
            return Exemption(target: target, reason: reason, checks: checks, expires: expires)
        }
    }
}
