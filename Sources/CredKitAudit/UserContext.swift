/// What the live API adds to a report row: key IDs, groups, tags, direct policies and the
/// user's other credentials.
public struct UserContext: Sendable, Hashable {
    /// Access key IDs by report slot (1, 2), matched by creation time.
    public var keyIDs: [Int: String]
    /// The user's groups; nil when not looked up.
    public var groups: [String]?
    /// The user's tags; nil when not looked up.
    public var tags: [String: String]?
    /// Managed policies attached directly; nil when not looked up.
    public var attachedPolicies: [String]?
    /// Inline policies; nil when not looked up.
    public var inlinePolicies: [String]?
    /// Service-specific credentials, SSH public keys and signing certificates of the kinds that
    /// could be listed; nil when not looked up.
    public var otherCredentials: [LongTermCredential]?

    /// Creates a context.
    public init(keyIDs: [Int: String] = [:], groups: [String]? = nil, tags: [String: String]? = nil,
                attachedPolicies: [String]? = nil, inlinePolicies: [String]? = nil, otherCredentials: [LongTermCredential]? = nil) {
        self.keyIDs = keyIDs
        self.groups = groups
        self.tags = tags
        self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies
        self.otherCredentials = otherCredentials
    }
}
