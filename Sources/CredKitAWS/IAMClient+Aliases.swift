import Foundation

extension IAMClient {
    /// The account's alias (`ListAccountAliases`; an account has at most one), or nil when it has none.
    public func accountAlias() async throws -> String? {
        try await query.callPaginated("ListAccountAliases", listName: "AccountAliases").map(\.text).first { !$0.isEmpty }
    }
}
