import CredKitAWS
import CredKitPolicy
import Foundation

/// What the live IAM API says about an account: the credential report plus, per user, key IDs,
/// groups, tags, direct policies, service-specific credentials, SSH public keys and signing
/// certificates.
public struct LiveInventory: Sendable {
    /// The fetched and parsed credential report, key IDs filled in where matched.
    public var report: CredentialReport
    /// Context by user name.
    public var contexts: [String: UserContext]
    /// Every access key by ID.
    public var keys: [String: IAMAccessKey]
    /// `GetAccountSummary`, when allowed.
    public var accountSummary: [String: Int]?
    /// The password policy (AWS's default when none is set), when allowed.
    public var passwordPolicy: PasswordPolicy?
    /// What could not be looked up and so was not checked (a list call that failed), one line each.
    public var notes: [String] = []

    /// How many per-user calls are in flight at once by default: enough to hide the round
    /// trip, few enough that IAM's request rate rarely throttles (throttled calls are retried
    /// with backoff by the request sender).
    public static let defaultConcurrency = 8

    /// Collects everything with one IAM client.
    ///
    /// Users, groups, tags and direct policies come from `GetAccountAuthorizationDetails`
    /// (a page per 1,000 users); when that call is denied, from `ListUsers` and four calls per
    /// user. Key IDs need `ListAccessKeys` per user, made only for users the report shows with
    /// a key (or that are newer than the report) unless `keysOfEveryUser`. Per-user calls run
    /// `concurrency` at a time.
    /// - Parameters:
    ///   - includeTags: also read tags (needed by tag exemptions).
    ///   - includeAccount: also call `GetAccountSummary` and `GetAccountPasswordPolicy` (for `audit`).
    ///   - pollInterval: seconds between credential-report polls.
    ///   - reportTimeout: seconds the credential report may take to be ready; the client's
    ///     timeout when nil.
    ///   - concurrency: per-user calls in flight at once (at least 1).
    ///   - accountDetails: false skips `GetAccountAuthorizationDetails` for the per-user calls.
    ///   - keysOfEveryUser: list the keys of every user, not only of those the report shows with a
    ///     key: a report may be up to four hours old, and matching a local credentials file needs
    ///     keys created since.
    /// - Throws: `AWSError` from the calls that matter (report, users, keys); account-level
    ///   calls that are denied leave their fields nil, and list calls for the other credentials
    ///   that fail become `notes`.
    public static func collect(_ iam: IAMClient, includeTags: Bool, includeAccount: Bool, pollInterval: Double = 2,
                               reportTimeout: Double? = nil, concurrency: Int = defaultConcurrency,
                               accountDetails: Bool = true, keysOfEveryUser: Bool = false) async throws -> LiveInventory {
        let fetched = try await iam.fetchCredentialReport(pollInterval: pollInterval, timeout: reportTimeout)
        var report = try CredentialReport.parse(fetched.csv, source: "GetCredentialReport")
        let users = try await userDetails(iam, includeTags: includeTags, concurrency: concurrency, accountDetails: accountDetails)
        var rows: [String: Int] = [:]
        for (index, entry) in report.entries.enumerated() { rows[entry.user] = index }
        let needKeys = keysOfEveryUser ? users : usersNeedingKeys(users, report: report)
        let keysByUser = try await concurrentMap(needKeys, limit: concurrency) { user in
            (user.userName, try await iam.listAccessKeys(userName: user.userName))
        }
        var userKeys: [String: [IAMAccessKey]] = [:]
        for (name, found) in keysByUser { userKeys[name] = found }
        // The credentials the report leaves out; a list call that fails becomes a note.
        let others = LongTermCredentialCollector(iam: iam)
        let otherByUser = try await concurrentMap(users, limit: concurrency) { user in
            (user.userName, await others.credentials(of: user.userName))
        }
        var otherCredentials: [String: [LongTermCredential]] = [:]
        for (name, found) in otherByUser { otherCredentials[name] = found }
        var contexts: [String: UserContext] = [:]
        var keys: [String: IAMAccessKey] = [:]
        for user in users {
            let found = userKeys[user.userName] ?? []
            for key in found { keys[key.accessKeyID] = key }
            var context = UserContext(groups: user.groups, tags: includeTags ? user.tags : nil,
                                      attachedPolicies: user.attachedPolicies.map(\.name), inlinePolicies: user.inlinePolicies)
            context.otherCredentials = otherCredentials[user.userName] ?? []
            if let index = rows[user.userName] {
                context.keyIDs = matchSlots(report.entries[index], keys: found)
                for (slot, id) in context.keyIDs { report.entries[index].accessKeys[slot - 1].accessKeyID = id }
            }
            contexts[user.userName] = context
        }
        var summary: [String: Int]?
        var policy: PasswordPolicy?
        if includeAccount {
            summary = try? await iam.accountSummary()
            // Denied or malformed: left nil, so the checklist says "unknown" rather than guessing.
            do {
                let fields = try await iam.accountPasswordPolicyFields()
                policy = fields.map { try? PasswordPolicy(iamFields: $0, source: "GetAccountPasswordPolicy") } ?? .awsDefault
            } catch {
                policy = nil
            }
        }
        return LiveInventory(report: report, contexts: contexts, keys: keys, accountSummary: summary, passwordPolicy: policy,
                             notes: await others.notes)
    }

    /// Every user with groups, tags and direct policies: one account-level call when allowed,
    /// otherwise the per-user List calls.
    static func userDetails(_ iam: IAMClient, includeTags: Bool, concurrency: Int, accountDetails: Bool) async throws -> [IAMUserDetail] {
        if accountDetails {
            do {
                return try await iam.userAuthorizationDetails()
            } catch let error as AWSError where error.code == .accessDenied {
                // Policies that grant the List actions but not this one: ask per user.
            }
        }
        return try await concurrentMap(try await iam.listUsers(), limit: concurrency) { user in
            IAMUserDetail(userName: user.userName, arn: user.arn,
                          groups: try await iam.listGroupsForUser(user.userName),
                          tags: includeTags ? try await iam.listUserTags(user.userName) : [:],
                          attachedPolicies: try await iam.listAttachedUserPolicies(user.userName),
                          inlinePolicies: try await iam.listUserPolicies(user.userName))
        }
    }

    /// The users whose keys must be listed to name the report's key slots: those the report shows
    /// with a key, and those it does not know (created since it was generated).
    static func usersNeedingKeys(_ users: [IAMUserDetail], report: CredentialReport) -> [IAMUserDetail] {
        var hasKey: [String: Bool] = [:]
        for entry in report.entries { hasKey[entry.user] = entry.accessKeys.contains(where: \.exists) }
        return users.filter { hasKey[$0.userName] ?? true }
    }

    /// `transform` over `items` with at most `limit` running at once; results in `items`' order.
    /// The first error cancels the rest and is thrown.
    static func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            for _ in 0..<min(max(1, limit), items.count) {
                let index = next
                group.addTask { (index, try await transform(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await transform(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }

    /// Matches the report's key slots to key IDs: `access_key_N_last_rotated` is the key's
    /// creation time, to the second.
    public static func matchSlots(_ entry: CredentialReportEntry, keys: [IAMAccessKey]) -> [Int: String] {
        var result: [Int: String] = [:]
        var unused = keys
        for key in entry.accessKeys {
            guard let rotated = key.lastRotated.date else { continue }
            if let index = unused.firstIndex(where: { ($0.createDate.map { abs($0.timeIntervalSince(rotated)) < 1.5 } ?? false) }) {
                result[key.slot] = unused[index].accessKeyID
                unused.remove(at: index)
            }
        }
        return result
    }
}
