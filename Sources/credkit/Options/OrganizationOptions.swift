import ArgumentParser
import CredKitAudit
import CredKitAWS
import Foundation

/// `--organization-role`, `--accounts`, `--concurrency` and `--strict`: `keys --live` and
/// `audit --live` over every account of an organization.
struct OrganizationOptions: ParsableArguments {
    @Option(name: .customLong("organization-role"),
            help: ArgumentHelp("With --live: list the organization's active accounts (organizations:ListAccounts, from the management "
                               + "or a delegated administrator account) and check each as arn:aws:iam::ACCOUNT:role/ROLE_NAME.",
                               valueName: "role-name"))
    var organizationRole: String?

    @Option(help: ArgumentHelp("With --organization-role: only these accounts (12-digit IDs, comma-separated).", valueName: "id,id,..."))
    var accounts: String?

    @Option(help: ArgumentHelp("With --organization-role: accounts checked at once (1 to \(OrganizationRun.maximumConcurrency); "
                               + "default \(OrganizationRun.defaultConcurrency)).", valueName: "n"))
    var concurrency: Int?

    @Flag(help: "With --organization-role: exit 2 when an account cannot be read (role missing, access denied); without it, such accounts are listed and the run goes on.")
    var strict = false

    /// The account IDs of `--accounts`, trimmed; nil without the option.
    var accountIDs: [String]? {
        accounts.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// Checks the options against each other and against `--live`.
    /// - Parameter singleAccountInputs: options naming files that describe one account
    ///   (`--credentials-file`, `--password-policy`, the checklist files), which cannot stand for every account.
    func validate(live: Bool, singleAccountInputs: [String] = []) throws {
        guard let organizationRole else {
            if accounts != nil { throw ValidationError("--accounts needs --organization-role") }
            if concurrency != nil { throw ValidationError("--concurrency needs --organization-role") }
            if strict { throw ValidationError("--strict needs --organization-role") }
            return
        }
        if !live { throw ValidationError("--organization-role needs --live") }
        if let option = singleAccountInputs.first {
            throw ValidationError("\(option) describes one account; it does not go with --organization-role")
        }
        do {
            _ = try OrganizationRun(roleName: organizationRole, accountIDs: accountIDs,
                                    concurrency: concurrency ?? OrganizationRun.defaultConcurrency, sessionName: "credkit-check")
        } catch let error as AuditError {
            throw ValidationError(error.reason)
        }
    }

    /// The run, when `--organization-role` was given.
    func run(at now: Date) throws -> OrganizationRun? {
        guard let organizationRole else { return nil }
        return try AuditCommandSupport.input {
            try OrganizationRun(roleName: organizationRole, accountIDs: accountIDs,
                                concurrency: concurrency ?? OrganizationRun.defaultConcurrency,
                                sessionName: STSClient.defaultSessionName(at: now))
        }
    }
}
