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

    /// Collects everything with one IAM client.
    /// - Parameters:
    ///   - includeTags: also call `ListUserTags` (needed by tag exemptions).
    ///   - includeAccount: also call `GetAccountSummary` and `GetAccountPasswordPolicy` (for `audit`).
    ///   - pollInterval: seconds between credential-report polls.
    /// - Throws: `AWSError` from the calls that matter (report, users, keys); account-level
    ///   calls that are denied leave their fields nil, and list calls for the other credentials
    ///   that fail become `notes`.
    public static func collect(_ iam: IAMClient, includeTags: Bool, includeAccount: Bool,
                               pollInterval: Double = 2) async throws -> LiveInventory {
        let fetched = try await iam.fetchCredentialReport(pollInterval: pollInterval)
        var report = try CredentialReport.parse(fetched.csv, source: "GetCredentialReport")
        var contexts: [String: UserContext] = [:]
        var keys: [String: IAMAccessKey] = [:]
        let others = LongTermCredentialCollector(iam: iam)
        for user in try await iam.listUsers() {
            let userKeys = try await iam.listAccessKeys(userName: user.userName)
            for key in userKeys { keys[key.accessKeyID] = key }
            var context = UserContext(
                groups: try await iam.listGroupsForUser(user.userName),
                tags: includeTags ? try await iam.listUserTags(user.userName) : nil,
                attachedPolicies: try await iam.listAttachedUserPolicies(user.userName).map(\.name),
                inlinePolicies: try await iam.listUserPolicies(user.userName))
            context.otherCredentials = await others.credentials(of: user.userName)
            if let index = report.entries.firstIndex(where: { $0.user == user.userName }) {
                context.keyIDs = matchSlots(report.entries[index], keys: userKeys)
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
