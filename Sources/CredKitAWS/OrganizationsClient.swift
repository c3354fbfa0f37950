import CredKitJSON
import Foundation

/// AWS Organizations over the JSON 1.1 protocol (`AWSOrganizationsV20161128`): the accounts of
/// the organization, read from the management account or a delegated administrator.
public struct OrganizationsClient: Sendable {
    /// The underlying JSON-protocol client.
    public var json: AWSJSONClient

    /// The largest organization read; AWS's default quota is 10, raised on request to a few thousand.
    public static let maximumAccounts = 20_000

    /// Creates a client for the Organizations endpoint of the configuration's partition (or its override).
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        json = AWSJSONClient(service: .organizations, configuration: configuration, retry: retry, clock: clock)
    }

    /// Every account of the organization (`ListAccounts`, all pages), whatever its state.
    /// - Throws: `AWSError` (`.accessDenied` names `organizations:ListAccounts`; an account outside an
    ///   organization gets `AWSOrganizationsNotInUseException`), `.transport` for an account without a
    ///   12-digit ID, a `NextToken` that repeats, or more than `maximumAccounts` accounts (checked
    ///   page by page, so a server that never stops paging is cut off).
    public func listAccounts() async throws -> [OrganizationAccount] {
        var accounts: [OrganizationAccount] = []
        var token: String?
        repeat {
            let answer = try await json.call("ListAccounts", .object(token.map { [("NextToken", AWSJSONBody.string($0))] } ?? []))
            for member in answer["Accounts"]?.arrayValue ?? [] {
                guard let object = member.objectValue, let id = object["Id"]?.stringValue, OrganizationAccount.isValidID(id) else {
                    throw AWSError(.transport, "ListAccounts: an account without a 12-digit Id")
                }
                let state = object["State"]?.stringValue ?? object["Status"]?.stringValue ?? ""
                accounts.append(OrganizationAccount(id: id, name: object["Name"]?.stringValue ?? "", state: state))
            }
            guard accounts.count <= Self.maximumAccounts else {
                throw AWSError(.transport, "ListAccounts: more than \(Self.maximumAccounts) accounts (maximumAccounts)")
            }
            let next = answer["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if next != nil, next == token { throw AWSError(.transport, "ListAccounts: the same NextToken came back twice") }
            token = next
        } while token != nil
        return accounts
    }
}
