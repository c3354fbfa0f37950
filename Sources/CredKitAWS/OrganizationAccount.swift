/// One account of an AWS organization, as `organizations:ListAccounts` describes it.
public struct OrganizationAccount: Sendable, Hashable {
    /// The 12-digit account ID.
    public var id: String
    /// The account's friendly name.
    public var name: String
    /// `State` (`ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, `CLOSED`, `PENDING_ACTIVATION`),
    /// else the older `Status`; empty when the answer has neither.
    public var state: String

    /// Creates an account description.
    public init(id: String, name: String, state: String) {
        self.id = id
        self.name = name
        self.state = state
    }

    /// Whether the account can be read: its state is `ACTIVE`.
    public var isActive: Bool { state == "ACTIVE" }

    /// Whether `text` is an account ID: exactly 12 ASCII digits.
    public static func isValidID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
