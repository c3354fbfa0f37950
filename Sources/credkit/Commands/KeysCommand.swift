import ArgumentParser
import CredKitAudit
import CredKitAWS
import Foundation

/// `credkit keys`: access-key age and rotation from a credential report or the live IAM API,
/// and which keys of a local credentials file are due.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Check access-key age, rotation and use from a credential report or the live IAM API.",
        discussion: """
        Reads a credential report (CSV as 'aws iam get-credential-report' gives it, decoded, base64 or the \
        CLI's JSON) with --report FILE or - for standard input, row by row, or fetches one with --live \
        (waiting at most --timeout seconds for AWS to build it). With \
        --credentials-file, the profiles of that file are matched against the account to say which of your \
        keys are due (keys are identified with sts:GetCallerIdentity). --live also lists each user's \
        service-specific credentials (CodeCommit and Keyspaces passwords, long-term Bedrock API keys), SSH \
        public keys and signing certificates and checks their age and state; a list call that fails is \
        named under "Not checked" and the other checks go on.
        With --live --organization-role ROLE_NAME, every active account of the organization is checked as \
        that role (--accounts to choose some, --concurrency at once), and the output is grouped by account; \
        an account that cannot be read is listed with the reason.
        Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input or unusable credentials \
        (with --organization-role: the organization cannot be listed, or --strict and an account cannot be \
        read).
        """)

    @Option(help: ArgumentHelp("A credential report file, or - for standard input.", valueName: "file"))
    var report: String?

    @Flag(help: "Generate and fetch the credential report with the IAM API, and look up key IDs, groups, policies, service-specific credentials, SSH public keys and signing certificates.")
    var live = false

    @Option(name: .customLong("credentials-file"), help: ArgumentHelp("An AWS credentials file whose keys to match (for example ~/.aws/credentials).", valueName: "file"))
    var credentialsFile: String?

    @OptionGroup var checks: AuditCheckOptions
    @OptionGroup var organization: OrganizationOptions
    @OptionGroup var aws: AWSOptions

    func validate() throws {
        try AuditCommandSupport.validateSource(report: report, live: live)
        try organization.validate(live: live, singleAccountInputs: credentialsFile == nil ? [] : ["--credentials-file"])
    }

    func run() throws {
        let now = checks.clock()
        let exemptions = try checks.loadExemptions()
        let needsTags = exemptions.contains { if case .tag = $0.target { return true } else { return false } }
        if live, let run = try organization.run(at: Date()) {
            let audit = CredentialAudit(thresholds: checks.thresholds, exemptions: exemptions, hasLiveContext: true)
            let result = try AuditCommandSupport.runOrganization(run, configuration: try aws.configuration()) { configuration, _ in
                let inventory = try await LiveInventory.collect(IAMClient(configuration: configuration), includeTags: needsTags,
                                                                includeAccount: false)
                var result = audit.run(inventory.report, contexts: inventory.contexts, now: now)
                result.notes = inventory.notes
                return result
            }
            try AuditCommandSupport.finish(result, options: checks, command: "keys", strict: organization.strict)
            return
        }
        var inventory: LiveInventory?
        let loaded: CredentialReport
        var configuration: AWSClientConfiguration?
        var result: AuditResult
        if live {
            let resolved = try aws.configuration()
            configuration = resolved
            let collected = try AuditCommandSupport.collectLive(resolved, includeTags: needsTags, includeAccount: false,
                                                                keysOfEveryUser: credentialsFile != nil)
            inventory = collected
            loaded = collected.report
            result = CredentialAudit(thresholds: checks.thresholds, exemptions: exemptions, hasLiveContext: true)
                .run(loaded, contexts: collected.contexts, now: now)
            result.notes = collected.notes
        } else {
            // Streamed: rows are checked as they are read; kept only when --credentials-file needs them.
            var reader = try AuditCommandSupport.openReport(report ?? "-")
            var kept: [CredentialReportEntry] = []
            let keep = credentialsFile != nil
            let audit = CredentialAudit(thresholds: checks.thresholds, exemptions: exemptions)
            result = try AuditCommandSupport.input {
                try audit.run(source: reader.source, now: now) {
                    let entry = try reader.next()
                    if keep, let entry { kept.append(entry) }
                    return entry
                }
            }
            loaded = CredentialReport(source: reader.source, entries: kept)
        }
        if let credentialsFile {
            result.localKeys = try localKeys(credentialsFile, report: loaded, inventory: inventory, configuration: configuration, now: now)
        }
        try AuditCommandSupport.finish(result, options: checks, command: "keys")
    }

    private func localKeys(_ path: String, report: CredentialReport, inventory: LiveInventory?,
                           configuration: AWSClientConfiguration?, now: Date) throws -> [LocalKeyStatus] {
        let file = try AuditCommandSupport.input { () throws -> AWSConfigFile in
            guard let file = try AWSConfigFile.load(path: path, kind: .credentials) else {
                throw AWSError(.invalidInput, "\(path): no such credentials file")
            }
            return file
        }
        // Region, endpoint, CA bundle and proxies for identifying keys: the options and environment, without requiring credentials.
        let environment = ProcessInfo.processInfo.environment
        let region = aws.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? configuration?.region ?? "us-east-1"
        let endpoint = configuration?.endpointURL ?? (aws.endpointURL ?? environment["AWS_ENDPOINT_URL"]).flatMap { URL(string: $0) }
        let chain = CredentialsChain(environment: environment)
        let caBundle = configuration?.caBundle ?? chain.caBundle
        let proxies = chain.proxies
        let check = LocalKeyCheck(thresholds: checks.thresholds) { credentials in
            let sts = STSClient(configuration: AWSClientConfiguration(credentials: credentials, region: region, endpointURL: endpoint,
                                                                      caBundle: caBundle, proxies: proxies),
                                retry: RetryPolicy(maximumAttempts: 3))
            return try await sts.getCallerIdentity()
        }
        let reportCopy = report
        return try AsyncBridge.blocking { try await check.run(file: file, report: reportCopy, inventory: inventory, now: now) }
    }
}
