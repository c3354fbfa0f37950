/// The commit that added a secret, for findings from `--history`.
public struct CommitInfo: Sendable, Hashable, Codable {
    /// The full object ID.
    public let id: String
    /// `Name <email>` of the author.
    public let author: String
    /// The author date, strict ISO 8601 as git prints it (`%aI`).
    public let date: String

    /// Creates commit facts.
    public init(id: String, author: String, date: String) {
        self.id = id
        self.author = author
        self.date = date
    }
}
