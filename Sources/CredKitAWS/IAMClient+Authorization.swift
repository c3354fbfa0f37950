import Foundation

/// A user as `GetAccountAuthorizationDetails` describes it: what `ListUsers`,
/// `ListGroupsForUser`, `ListUserTags`, `ListAttachedUserPolicies` and `ListUserPolicies`
/// would say, in one account-level answer.
public struct IAMUserDetail: Sendable, Hashable {
    /// The user name.
    public var userName: String
    /// The user's ARN.
    public var arn: String
    /// The groups the user belongs to.
    public var groups: [String]
    /// The user's tags.
    public var tags: [String: String]
    /// Managed policies attached directly.
    public var attachedPolicies: [AttachedPolicy]
    /// Names of inline policies.
    public var inlinePolicies: [String]

    /// Creates a user detail.
    public init(userName: String, arn: String, groups: [String], tags: [String: String], attachedPolicies: [AttachedPolicy],
                inlinePolicies: [String]) {
        self.userName = userName
        self.arn = arn
        self.groups = groups
        self.tags = tags
        self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies
    }
}

extension IAMClient {
    /// The page size asked of `GetAccountAuthorizationDetails`: IAM's maximum, so an account of
    /// 1,000 users takes one or two pages.
    public static let authorizationDetailsPageSize = 1000

    /// Every IAM user with groups, tags and direct policies (`GetAccountAuthorizationDetails`
    /// filtered to users, all pages).
    public func userAuthorizationDetails() async throws -> [IAMUserDetail] {
        try await query.callPaginated("GetAccountAuthorizationDetails", listName: "UserDetailList", [("Filter.member.1", "User")],
                                      pageSize: Self.authorizationDetailsPageSize).map { member in
            var tags: [String: String] = [:]
            for tag in member.members("Tags") {
                if let key = tag.value("Key") { tags[key] = tag.child("Value")?.text ?? "" }
            }
            return IAMUserDetail(
                userName: member.value("UserName") ?? "", arn: member.value("Arn") ?? "",
                groups: member.members("GroupList").map(\.text),
                tags: tags,
                attachedPolicies: member.members("AttachedManagedPolicies").map {
                    AttachedPolicy(name: $0.value("PolicyName") ?? "", arn: $0.value("PolicyArn") ?? "")
                },
                inlinePolicies: member.members("UserPolicyList").compactMap { $0.value("PolicyName") })
        }
    }
}
