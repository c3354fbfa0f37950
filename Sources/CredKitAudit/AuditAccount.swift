/// Which account of an organization a result belongs to: its ID, its name in Organizations and
/// its IAM alias once read.
public struct AuditAccount: Sendable, Hashable {
    /// The 12-digit account ID.
    public var id: String
    /// The name in Organizations (`ListAccounts`), empty when none was given.
    public var name: String
    /// The IAM account alias, nil when it has none or it could not be read.
    public var alias: String?

    /// Creates a label.
    public init(id: String, name: String = "", alias: String? = nil) {
        self.id = id
        self.name = name
        self.alias = alias
    }

    /// `111111111111 (alias)`, else `111111111111 (name)`, else the bare ID: for headings and annotations.
    public var title: String {
        if let alias, !alias.isEmpty { return "\(id) (\(alias))" }
        return name.isEmpty ? id : "\(id) (\(name))"
    }
}
