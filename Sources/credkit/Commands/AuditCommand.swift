import ArgumentParser
import CredKitAudit
import CredKitAWS
import CredKitPolicy
import Foundation

/// `credkit audit`: how far the account is through AWS's new-account checklist (eight items),
/// plus every credential finding.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Account checklist (N of 8 complete) and credential findings, from files or live.",
        discussion: """
        The eight steps of AWS's guidance for securing a new account, each done, not done, partly \
        or unknown, with the evidence and the fix: 1 root-access-keys, 2 root-mfa, 3 individual-users, \
        4 groups, 5 password-policy (judged against --baseline, CIS by default), 6 user-mfa, \
        7 cloudtrail, 8 billing-reports. Then the findings of 'credkit keys'. --panel shows the IAM \
        console's five-item security status instead of the checklist.
        Offline: --report FILE with --password-policy, --trails (--trail-status, --event-selectors, \
        --bucket-access), --report-definitions, --exports and --budgets FILEs (the AWS CLI's JSON); \
        an item without input is unknown, never not done. Live: --live reads every item from the \
        APIs (CloudTrail in every enabled Region). AWS_ENDPOINT_URL_<SERVICE> sends one service elsewhere.
        Many accounts: --live --organization-role ROLE_NAME checks every active account of the organization \
        as that role (--accounts, --concurrency), the output grouped by account; an account that cannot \
        be read is listed with the reason.
        Exit status: 0 nothing at or above --fail-on (checklist items count: not done at the item's \
        severity, partly as warning; exemptions can name an item), 1 findings, 2 bad input or unusable credentials \
        (with --organization-role: the organization cannot be listed, or --strict and an account cannot be read).
        """)

    @Option(help: ArgumentHelp("A credential report file, or - for standard input.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("password-policy"), help: ArgumentHelp("The JSON of 'aws iam get-account-password-policy'.", valueName: "file"))
    var passwordPolicy: String?

    @Option(help: ArgumentHelp("The baseline item 5 judges the password policy against: cis, securityhub, nist or aws-default.",
                               valueName: "baseline"))
    var baseline: Baseline = .cis

    @Flag(help: "Read everything from the APIs: IAM, CloudTrail, S3, Budgets, CUR and Data Exports.")
    var live = false

    @Flag(help: "Show the IAM console's five-item security status instead of the eight-item checklist.")
    var panel = false

    @OptionGroup var files: ChecklistFileOptions
    @OptionGroup var checks: AuditCheckOptions
    @OptionGroup var organization: OrganizationOptions
    @OptionGroup var aws: AWSOptions

    func validate() throws {
        try AuditCommandSupport.validateSource(report: report, live: live)
        let paths = files.paths
        let given: [(String, String?)] = [
            ("--password-policy", passwordPolicy), ("--trails", paths.trails), ("--trail-status", paths.trailStatus),
            ("--event-selectors", paths.eventSelectors), ("--bucket-access", paths.bucketAccess),
            ("--report-definitions", paths.reportDefinitions), ("--exports", paths.exports), ("--budgets", paths.budgets),
        ]
        try organization.validate(live: live, singleAccountInputs: given.filter { $0.1 != nil }.map(\.0))
    }

    func run() throws {
        let now = checks.clock()
        let exemptions = try checks.loadExemptions()
        var policy: PasswordPolicy?
        if let path = passwordPolicy {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIFailure.input("\(path): cannot read the password policy file")
            }
            policy = try AuditCommandSupport.input { try PasswordPolicy(json: data, source: path) }
        }
        var inputs = SecurityStatus.Inputs(passwordPolicy: policy)
        inputs.passwordBaseline = baseline
        var checklist = AccountChecklist.Inputs(status: inputs, live: live)
        checklist.cloudTrail = try AuditCommandSupport.input { try ChecklistFiles.cloudTrail(files.paths) }
        checklist.billing = try AuditCommandSupport.input { try ChecklistFiles.billing(files.paths) }
        let (thresholds, fileChecklist, filePolicy) = (checks.thresholds, checklist, policy)
        if live, let run = try organization.run(at: Date()) {
            let result = try AuditCommandSupport.runOrganization(run, configuration: try aws.configuration()) { configuration, _ in
                let inventory = try await LiveInventory.collect(IAMClient(configuration: configuration), includeTags: Self.needsTags(exemptions),
                                                                includeAccount: true)
                return await Self.liveResult(inventory, configuration: configuration, checklist: fileChecklist, policy: filePolicy,
                                             thresholds: thresholds, exemptions: exemptions, now: now)
            }
            try AuditCommandSupport.finish(result, options: checks, command: "audit", strict: organization.strict, panel: panel)
            return
        }
        let result: AuditResult
        if live {
            let configuration = try aws.configuration()
            let inventory = try AuditCommandSupport.collectLive(configuration, includeTags: Self.needsTags(exemptions), includeAccount: true)
            result = try AsyncBridge.blocking {
                await Self.liveResult(inventory, configuration: configuration, checklist: fileChecklist, policy: filePolicy,
                                      thresholds: thresholds, exemptions: exemptions, now: now)
            }
        } else {
            let report = try AuditCommandSupport.loadReport(report ?? "-")
            checklist.status.report = report
            result = Self.evaluated(CredentialAudit(thresholds: thresholds, exemptions: exemptions).run(report, now: now),
                                    checklist: checklist, exemptions: exemptions, now: now)
        }
        try AuditCommandSupport.finish(result, options: checks, command: "audit", panel: panel)
    }

    static func needsTags(_ exemptions: [Exemption]) -> Bool {
        exemptions.contains { if case .tag = $0.target { return true } else { return false } }
    }

    /// One account's audit from its live inventory: the credential checks, the security status and
    /// the checklist (items read from files in `checklist` win over the live ones).
    static func liveResult(_ inventory: LiveInventory, configuration: AWSClientConfiguration, checklist: AccountChecklist.Inputs,
                           policy: PasswordPolicy?, thresholds: CheckThresholds, exemptions: [Exemption], now: Date) async -> AuditResult {
        var checklist = checklist
        var inputs = checklist.status
        inputs.report = inventory.report
        inputs.accountSummary = inventory.accountSummary
        inputs.passwordPolicy = policy ?? inventory.passwordPolicy
        inputs.groupsByUser = inventory.contexts.mapValues { $0.groups ?? [] }
        inputs.usersWithDirectPolicies = inventory.contexts.filter {
            !($0.value.attachedPolicies ?? []).isEmpty || !($0.value.inlinePolicies ?? []).isEmpty
        }.map(\.key).sorted()
        let extra = await LiveChecklist.collect(configuration, accountSummary: inventory.accountSummary)
        checklist.rootMFAKind = extra.rootMFAKind
        checklist.administratorGroups = extra.administratorGroups
        checklist.cloudTrail = checklist.cloudTrail ?? extra.cloudTrail
        checklist.billing = checklist.billing ?? extra.billing
        checklist.status = inputs
        var result = CredentialAudit(thresholds: thresholds, exemptions: exemptions, hasLiveContext: true)
            .run(inventory.report, contexts: inventory.contexts, now: now)
        result.notes = inventory.notes
        return evaluated(result, checklist: checklist, exemptions: exemptions, now: now)
    }

    /// Adds the security status and the checklist to the credential checks' result.
    static func evaluated(_ result: AuditResult, checklist: AccountChecklist.Inputs, exemptions: [Exemption], now: Date) -> AuditResult {
        var result = result
        var checklist = checklist
        if checklist.status.report?.root != nil {
            checklist.rootUsedRecently = result.findings.contains { $0.check == .rootRecentUse }
                || result.exempted.contains { $0.finding.check == .rootRecentUse }
        }
        result.securityStatus = SecurityStatus.evaluate(checklist.status)
        result.checklist = AccountChecklist.evaluate(checklist, exemptions: exemptions, now: now)
        return result
    }
}
