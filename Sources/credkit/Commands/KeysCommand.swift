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
        keys are due (keys are identified with sts:GetCallerIdentity).
        Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input or unusable credentials.
        """)

    @Option(help: ArgumentHelp("A credential report file, or - for standard input.", valueName: "file"))
    var report: String?

    @Flag(help: "Generate and fetch the credential report with the IAM API, and look up key IDs, groups and policies.")
    var live = false

    @Option(name: .customLong("credentials-file"), help: ArgumentHelp("An AWS credentials file whose keys to match (for example ~/.aws/credentials).", valueName: "file"))
    var credentialsFile: String?

    @OptionGroup var checks: AuditCheckOptions
    @OptionGroup var aws: AWSOptions

    func validate() throws {
        try AuditCommandSupport.validateSource(report: report, live: live)
    }

    func run() throws {
        let now = checks.clock()
        let exemptions = try checks.loadExemptions()
        let needsTags = exemptions.contains { if case .tag = $0.target { return true } else { return false } }
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
