import CredKitAWS
import Foundation

/// Audits every active account of an AWS organization: lists them with `organizations:ListAccounts`
/// (from the management account or a delegated administrator), assumes
/// `arn:PARTITION:iam::ACCOUNT:role/ROLE` in each and runs the single-account audit there, a bounded
/// number of accounts at a time. The caller's own account is audited with the caller's credentials:
/// the management account usually has no such role. An account that cannot be read is kept with the
/// reason; the others are still audited.
public struct OrganizationRun: Sendable {
    /// Accounts audited at once unless told otherwise.
    public static let defaultConcurrency = 8
    /// The most accounts audited at once: each holds a role session and its own IAM calls.
    public static let maximumConcurrency = 64
    /// The most account IDs `--accounts` takes.
    public static let maximumAccountIDs = 1_000

    /// The role assumed in each account (`OrganizationAccountAccessRole`).
    public var roleName: String
    /// Only these accounts (`--accounts`); nil for every active account.
    public var accountIDs: [String]?
    /// Accounts audited at once, `1...maximumConcurrency`.
    public var concurrency: Int
    /// `RoleSessionName` of the role sessions, shown in each account's CloudTrail.
    public var sessionName: String

    /// Creates a run.
    /// - Throws: `AuditError.invalidInput` for a role name IAM would refuse, an account ID that is
    ///   not 12 digits, an empty list or more than `maximumAccountIDs` IDs, or a concurrency outside `1...maximumConcurrency`.
    public init(roleName: String, accountIDs: [String]? = nil, concurrency: Int = OrganizationRun.defaultConcurrency,
                sessionName: String) throws {
        guard Self.isValidRoleName(roleName) else {
            throw AuditError(.invalidInput, "role name '\(roleName.prefix(70))' is not 1 to 64 of letters, digits and +=,.@_-")
        }
        if let accountIDs {
            guard !accountIDs.isEmpty else { throw AuditError(.invalidInput, "no account IDs given to restrict the run to") }
            guard accountIDs.count <= Self.maximumAccountIDs else {
                throw AuditError(.invalidInput, "more than \(Self.maximumAccountIDs) account IDs (maximumAccountIDs)")
            }
            if let bad = accountIDs.first(where: { !OrganizationAccount.isValidID($0) }) {
                throw AuditError(.invalidInput, "account ID '\(bad.prefix(20))' is not 12 digits")
            }
        }
        guard (1...Self.maximumConcurrency).contains(concurrency) else {
            throw AuditError(.invalidInput, "concurrency \(concurrency) is not between 1 and \(Self.maximumConcurrency) (maximumConcurrency)")
        }
        self.roleName = roleName
        self.accountIDs = accountIDs.map { Array(Set($0)) }
        self.concurrency = concurrency
        self.sessionName = sessionName
    }

    /// Whether IAM accepts `name` as a role name: 1 to 64 of `[A-Za-z0-9+=,.@_-]`.
    public static func isValidRoleName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a) || "+=,.@_-".utf8.contains($0)
        }
    }

    /// The role to assume in `accountID`, in the configuration's partition.
    public func roleARN(_ accountID: String, partition: String) -> String {
        "arn:\(partition):iam::\(accountID):role/\(roleName)"
    }

    /// Lists the organization and audits each account chosen.
    /// - Parameters:
    ///   - configuration: the management (or delegated administrator) account's credentials and endpoints.
    ///   - audit: the single-account audit, given a configuration that signs as the account's role
    ///     and the account's label.
    /// - Returns: every account asked for, in account-ID order; accounts named in `accountIDs` that are
    ///   not active members are listed as unreadable.
    /// - Throws: `AWSError` when the organization cannot be listed (nothing to audit without it).
    public func run(_ configuration: AWSClientConfiguration,
                    audit: @escaping @Sendable (AWSClientConfiguration, AuditAccount) async throws -> AuditResult)
    async throws -> OrganizationAuditResult {
        let listed = try await OrganizationsClient(configuration: configuration).listAccounts()
        // Needs no permission; without it every account goes through its role.
        let ownAccount = try? await STSClient(configuration: configuration).getCallerIdentity().account
        var outcomes: [AccountAuditOutcome] = []
        var chosen = listed.filter(\.isActive)
        if let accountIDs {
            let wanted = Set(accountIDs)
            chosen = chosen.filter { wanted.contains($0.id) }
            let byID = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for id in wanted where !chosen.contains(where: { $0.id == id }) {
                let reason = byID[id].map { "the account is \($0.state.isEmpty ? "not active" : $0.state) in the organization" }
                    ?? "not an account of the organization"
                outcomes.append(AccountAuditOutcome(account: AuditAccount(id: id, name: byID[id]?.name ?? ""), failure: reason))
            }
        }
        outcomes += await auditConcurrently(chosen, configuration: configuration, ownAccount: ownAccount, audit: audit)
        return OrganizationAuditResult(accounts: outcomes.sorted { $0.account.id < $1.account.id }, roleName: roleName)
    }

    /// Runs `audit` for each account, at most `concurrency` at once.
    func auditConcurrently(_ accounts: [OrganizationAccount], configuration: AWSClientConfiguration, ownAccount: String?,
                           audit: @escaping @Sendable (AWSClientConfiguration, AuditAccount) async throws -> AuditResult)
    async -> [AccountAuditOutcome] {
        await Self.bounded(accounts, concurrency: concurrency) { account in
            await auditOne(account, configuration: configuration, isOwn: account.id == ownAccount, audit: audit)
        }
    }

    /// Applies `body` to every element with at most `concurrency` running at once; results in input order.
    static func bounded<Element: Sendable, Value: Sendable>(_ elements: [Element], concurrency: Int,
                                                            _ body: @escaping @Sendable (Element) async -> Value) async -> [Value] {
        await withTaskGroup(of: (Int, Value).self) { group in
            var results = [Value?](repeating: nil, count: elements.count)
            var next = 0
            while next < min(concurrency, elements.count) {
                let index = next
                group.addTask { (index, await body(elements[index])) }
                next += 1
            }
            while let (index, value) = await group.next() {
                results[index] = value
                if next < elements.count {
                    let index = next
                    group.addTask { (index, await body(elements[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }

    private func auditOne(_ account: OrganizationAccount, configuration: AWSClientConfiguration, isOwn: Bool,
                          audit: @Sendable (AWSClientConfiguration, AuditAccount) async throws -> AuditResult) async -> AccountAuditOutcome {
        var label = AuditAccount(id: account.id, name: account.name)
        let arn = isOwn ? "the caller's own credentials" : roleARN(account.id, partition: configuration.partition)
        var assumed = configuration
        if !isOwn {
            let role = RefreshingCredentials(AccountRoleCredentials(roleARN: arn, sessionName: sessionName, base: configuration))
            do {
                assumed.credentials = try await role.credentials()
            } catch {
                return AccountAuditOutcome(account: label, failure: "cannot assume \(arn): \(Self.reason(error))")
            }
            assumed.credentialProvider = role
        }
        // The alias is a label only: an account whose role may not list it is still audited.
        label.alias = try? await IAMClient(configuration: assumed).accountAlias()
        do {
            var result = try await audit(assumed, label)
            result.account = label
            return AccountAuditOutcome(account: label, result: result)
        } catch {
            return AccountAuditOutcome(account: label, failure: "as \(arn): \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case let error as AWSError: error.reason
        case let error as AuditError: error.reason
        default: "\(type(of: error))"
        }
    }
}

/// The credentials of a role in one member account, assumed with the organization run's own.
struct AccountRoleCredentials: CredentialProvider {
    let roleARN: String
    let sessionName: String
    let base: AWSClientConfiguration

    var sourceDescription: String { "assume-role (\(roleARN))" }

    func credentials() async throws -> AWSCredentials {
        try await STSClient(configuration: base).assumeRole(roleARN: roleARN, sessionName: sessionName, source: sourceDescription)
    }
}
