import ArgumentParser
import CredKitAudit
import CredKitAWS
import CredKitPolicy
import Foundation

/// `credkit audit`: the IAM console's five-item security status plus every credential finding.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Account security status (N of 5 complete) and credential findings, from a report or live.",
        discussion: """
        The five items of the IAM console's security-status panel (delete root access keys; activate MFA \
        on root; create individual IAM users; use groups to assign permissions; apply an IAM password \
        policy, judged against --baseline, CIS by default), each with its state and the fix, followed \
        by the findings of 'credkit keys'.
        Offline: --report FILE and optionally --password-policy FILE (the JSON of \
        'aws iam get-account-password-policy'). Live: --live.
        Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input or unusable credentials.
        """)

    @Option(help: ArgumentHelp("A credential report file, or - for standard input.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("password-policy"), help: ArgumentHelp("The JSON of 'aws iam get-account-password-policy'.", valueName: "file"))
    var passwordPolicy: String?

    @Option(help: ArgumentHelp("The baseline item 5 judges the password policy against: cis, securityhub, nist or aws-default.",
                               valueName: "baseline"))
    var baseline: Baseline = .cis

    @Flag(help: "Read everything from the IAM API: credential report, users, groups, policies, account summary, password policy.")
    var live = false

    @OptionGroup var checks: AuditCheckOptions
    @OptionGroup var aws: AWSOptions

    func validate() throws {
        try AuditCommandSupport.validateSource(report: report, live: live)
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
        var result: AuditResult
        if live {
            let needsTags = exemptions.contains { if case .tag = $0.target { return true } else { return false } }
            let inventory = try AuditCommandSupport.collectLive(try aws.configuration(), includeTags: needsTags, includeAccount: true)
            inputs.report = inventory.report
            inputs.accountSummary = inventory.accountSummary
            inputs.passwordPolicy = policy ?? inventory.passwordPolicy
            inputs.groupsByUser = inventory.contexts.mapValues { $0.groups ?? [] }
            inputs.usersWithDirectPolicies = inventory.contexts.filter {
                !($0.value.attachedPolicies ?? []).isEmpty || !($0.value.inlinePolicies ?? []).isEmpty
            }.map(\.key).sorted()
            result = CredentialAudit(thresholds: checks.thresholds, exemptions: exemptions, hasLiveContext: true)
                .run(inventory.report, contexts: inventory.contexts, now: now)
        } else {
            let report = try AuditCommandSupport.loadReport(report ?? "-")
            inputs.report = report
            result = CredentialAudit(thresholds: checks.thresholds, exemptions: exemptions).run(report, now: now)
        }
        result.securityStatus = SecurityStatus.evaluate(inputs)
        try AuditCommandSupport.finish(result, options: checks, command: "audit")
    }
}
