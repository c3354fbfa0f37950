import Foundation

/// The IAM calls credkit needs, over the Query API. Read-only except `generateCredentialReport`;
/// `query.call(_:_:)` reaches any other action.
public struct IAMClient: Sendable {
    /// The underlying Query-API client (signing, retries, errors).
    public var query: AWSQueryClient

    /// Creates a client for the partition's IAM endpoint (or the configured override).
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        let endpoint = configuration.iamEndpoint
        let signer = SigV4Signer(credentials: configuration.credentials, region: endpoint.signingRegion, service: "iam")
        query = AWSQueryClient(endpoint: endpoint.url, signer: signer, version: "2010-05-08", retry: retry,
                               timeout: configuration.timeout, caBundle: configuration.caBundle, proxies: configuration.proxies,
                               clock: clock)
        query.credentialProvider = configuration.credentialProvider
        query.trace = configuration.trace
    }

    /// Every IAM user (`ListUsers`, all pages).
    public func listUsers() async throws -> [IAMUser] {
        try await query.callPaginated("ListUsers", listName: "Users").map { member in
            IAMUser(userName: member.value("UserName") ?? "", userID: member.value("UserId") ?? "",
                    arn: member.value("Arn") ?? "", createDate: Self.date(member.value("CreateDate")),
                    passwordLastUsed: Self.date(member.value("PasswordLastUsed")))
        }
    }

    /// A user's access keys (`ListAccessKeys`); the caller's own when `userName` is nil.
    public func listAccessKeys(userName: String? = nil) async throws -> [IAMAccessKey] {
        try await query.callPaginated("ListAccessKeys", listName: "AccessKeyMetadata", userName.map { [("UserName", $0)] } ?? [])
            .map { member in
                IAMAccessKey(userName: member.value("UserName") ?? userName ?? "", accessKeyID: member.value("AccessKeyId") ?? "",
                             isActive: member.value("Status") == "Active", createDate: Self.date(member.value("CreateDate")))
            }
    }

    /// When and where a key was last used (`GetAccessKeyLastUsed`).
    public func accessKeyLastUsed(_ accessKeyID: String) async throws -> AccessKeyLastUsed {
        let result = try await query.call("GetAccessKeyLastUsed", [("AccessKeyId", accessKeyID)])
        let used = result.child("AccessKeyLastUsed")
        func known(_ name: String) -> String? {
            guard let value = used?.value(name), value != "N/A" else { return nil }
            return value
        }
        return AccessKeyLastUsed(userName: result.value("UserName") ?? "", lastUsedDate: Self.date(known("LastUsedDate")),
                                 serviceName: known("ServiceName"), region: known("Region"))
    }

    /// A user's MFA devices (`ListMFADevices`); the caller's own when `userName` is nil.
    public func listMFADevices(userName: String? = nil) async throws -> [MFADevice] {
        try await query.callPaginated("ListMFADevices", listName: "MFADevices", userName.map { [("UserName", $0)] } ?? [])
            .map { MFADevice(userName: $0.value("UserName"), serialNumber: $0.value("SerialNumber") ?? "", enableDate: Self.date($0.value("EnableDate"))) }
    }

    /// Virtual MFA devices of the account (`ListVirtualMFADevices`), assigned or not.
    public func listVirtualMFADevices() async throws -> [MFADevice] {
        try await query.callPaginated("ListVirtualMFADevices", listName: "VirtualMFADevices").map { member in
            MFADevice(userName: member.child("User")?.value("UserName"), serialNumber: member.value("SerialNumber") ?? "",
                      enableDate: Self.date(member.value("EnableDate")))
        }
    }

    /// Account-wide counts (`GetAccountSummary`): `Users`, `AccountMFAEnabled`, `AccountAccessKeysPresent`, ...
    public func accountSummary() async throws -> [String: Int] {
        let result = try await query.call("GetAccountSummary")
        var summary: [String: Int] = [:]
        for entry in result.child("SummaryMap")?.children ?? [] {
            if let key = entry.value("key"), let value = entry.value("value").flatMap({ Int($0) }) { summary[key] = value }
        }
        return summary
    }

    /// The fields of the account password policy (`GetAccountPasswordPolicy`), name to text as
    /// IAM sends them; nil when the account has none (`NoSuchEntity`: AWS's default applies).
    /// CredKitPolicy's `PasswordPolicy(iamFields:source:)` reads them with a file's checks.
    public func accountPasswordPolicyFields() async throws -> [String: String]? {
        let result: QueryXMLNode
        do {
            result = try await query.call("GetAccountPasswordPolicy")
        } catch let error as AWSError where error.code == .noSuchEntity {
            return nil
        }
        guard let policy = result.child("PasswordPolicy") else {
            throw AWSError(.transport, "GetAccountPasswordPolicy: the response has no PasswordPolicy")
        }
        var fields: [String: String] = [:]
        for child in policy.children { fields[child.name] = child.text }
        return fields
    }

    /// The groups a user belongs to (`ListGroupsForUser`), by name.
    public func listGroupsForUser(_ userName: String) async throws -> [String] {
        try await query.callPaginated("ListGroupsForUser", listName: "Groups", [("UserName", userName)]).compactMap { $0.value("GroupName") }
    }

    /// Managed policies attached directly to a user (`ListAttachedUserPolicies`).
    public func listAttachedUserPolicies(_ userName: String) async throws -> [AttachedPolicy] {
        try await query.callPaginated("ListAttachedUserPolicies", listName: "AttachedPolicies", [("UserName", userName)]).map {
            AttachedPolicy(name: $0.value("PolicyName") ?? "", arn: $0.value("PolicyArn") ?? "")
        }
    }

    /// Names of inline policies embedded in a user (`ListUserPolicies`).
    public func listUserPolicies(_ userName: String) async throws -> [String] {
        try await query.callPaginated("ListUserPolicies", listName: "PolicyNames", [("UserName", userName)]).map(\.text)
    }

    /// A user's tags (`ListUserTags`), for tag-based exemptions.
    public func listUserTags(_ userName: String) async throws -> [String: String] {
        var tags: [String: String] = [:]
        for member in try await query.callPaginated("ListUserTags", listName: "Tags", [("UserName", userName)]) {
            if let key = member.value("Key") { tags[key] = member.child("Value")?.text ?? "" }
        }
        return tags
    }

    /// Starts generating a credential report (`GenerateCredentialReport`) and returns its state
    /// (`STARTED`, `INPROGRESS` or `COMPLETE`).
    public func generateCredentialReport() async throws -> String {
        try await query.call("GenerateCredentialReport").value("State") ?? "COMPLETE"
    }

    /// Fetches the current credential report (`GetCredentialReport`): the decoded CSV bytes and when it was generated.
    public func credentialReport() async throws -> (csv: Data, generated: Date?) {
        let result = try await query.call("GetCredentialReport")
        guard let content = result.value("Content"), let csv = Data(base64Encoded: content, options: .ignoreUnknownCharacters) else {
            throw AWSError(.transport, "GetCredentialReport: the response has no base64 Content")
        }
        return (csv, Self.date(result.value("GeneratedTime")))
    }

    /// Generates a fresh credential report and fetches it, polling until it is complete.
    ///
    /// `LimitExceeded` (a report was generated within the last four hours) and `ReportInProgress`
    /// are waited out; the newest available report is fetched. The whole wait, calls included,
    /// ends within `timeout`.
    /// - Parameters:
    ///   - pollInterval: seconds between polls.
    ///   - timeout: seconds before giving up; the client's own timeout (`--timeout`) when nil.
    /// - Throws: `AWSError.reportInProgress` naming the timeout when the report is not ready in time.
    public func fetchCredentialReport(pollInterval: Double = 2, timeout: Double? = nil) async throws -> (csv: Data, generated: Date?) {
        let limit = timeout ?? query.timeout
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, limit) * 1000))
        let notReady = AWSError(.reportInProgress, "the credential report was not ready within \(Self.shown(limit)) seconds (the timeout)")
        func remaining() -> Double {
            let (seconds, attoseconds) = (deadline - .now).components
            return max(0, Double(seconds) + Double(attoseconds) / 1e18)
        }
        while true {
            // Each call gets only the time left, so a slow answer cannot stretch the wait.
            guard remaining() > Self.shortestReportCall else { throw notReady }
            var bounded = self
            bounded.query.timeout = min(query.timeout, remaining())
            do {
                var state: String
                do {
                    state = try await bounded.generateCredentialReport()
                } catch let error as AWSError where error.code == .limitExceeded {
                    state = "COMPLETE" // a recent report exists: use it
                }
                if state == "COMPLETE" {
                    do {
                        return try await bounded.credentialReport()
                    } catch let error as AWSError where error.code == .reportInProgress || error.serviceCode == "ReportNotPresent"
                        || error.serviceCode == "ReportExpired" {
                        // generated again below
                    }
                }
            } catch let error as AWSError where error.code == .transport && remaining() <= Self.shortestReportCall {
                throw notReady // the call ran out of the wait's time
            }
            guard remaining() > pollInterval else { throw notReady }
            try await Task.sleep(nanoseconds: UInt64(pollInterval * 1_000_000_000))
        }
    }

    /// Below this many seconds left, no further report call is started.
    static let shortestReportCall = 0.05

    private static func shown(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    static func date(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        return AWSTimestamp.parseISO8601(text)
    }
}
