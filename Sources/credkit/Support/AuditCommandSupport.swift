import ArgumentParser
import CredKitAudit
import CredKitAWS
import CredKitPolicy
import Foundation

/// What `keys` and `audit` share: reading reports, fetching the live inventory, and writing
/// results with the right exit status.
enum AuditCommandSupport {
    /// `keys` and `audit` read a credential report from a file or fetch everything live: one of the two.
    static func validateSource(report: String?, live: Bool) throws {
        if report == nil && !live { throw ValidationError("give --report FILE (or - for standard input) or --live") }
        if report != nil && live { throw ValidationError("--report and --live exclude each other") }
    }

    /// Runs `body`, turning input errors (`AuditError`, `AWSError`, `PolicyError`) into exit
    /// status 2 with their (secret-free) reasons.
    static func input<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AuditError {
            throw CLIFailure.input(error.reason)
        } catch let error as AWSError {
            throw CLIFailure.input(error.reason)
        } catch let error as PolicyError {
            throw CLIFailure.input(error.reason)
        }
    }

    /// Reads a credential report from a file or `-` (standard input).
    static func loadReport(_ path: String) throws -> CredentialReport {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try input { try CredentialReport.parse(data, source: "standard input") }
        }
        return try input { try CredentialReport.load(path: path) }
    }

    /// Opens a credential report file or `-` (standard input) to be read row by row.
    static func openReport(_ path: String) throws -> CredentialReportReader {
        if path == "-" {
            return try input { try CredentialReportReader(handle: FileHandle.standardInput, source: "standard input") }
        }
        return try input { try CredentialReportReader(path: path) }
    }

    /// Fetches the live inventory, mapping AWS failures to exit status 2.
    /// `keysOfEveryUser`: also the keys of users the (possibly hours-old) report shows without one.
    static func collectLive(_ configuration: AWSClientConfiguration, includeTags: Bool, includeAccount: Bool,
                            keysOfEveryUser: Bool = false) throws -> LiveInventory {
        let iam = IAMClient(configuration: configuration)
        do {
            return try AsyncBridge.blocking {
                try await LiveInventory.collect(iam, includeTags: includeTags, includeAccount: includeAccount, keysOfEveryUser: keysOfEveryUser)
            }
        } catch let error as AWSError {
            throw CLIFailure.input("cannot read the account with \(AccessKeyID.redact(configuration.credentials.accessKeyID)) from \(configuration.credentials.source): \(error.reason)")
        }
    }

    /// Writes the result in the chosen format, appends the Markdown summary to
    /// `$GITHUB_STEP_SUMMARY` for `github`, and exits 1 when findings reach `--fail-on`.
    static func finish(_ result: AuditResult, options: AuditCheckOptions, command: String, panel: Bool = false) throws {
        let reportOptions = AuditReportOptions(showKeyIDs: options.showSecrets, color: Console.colorAllowed, command: command,
                                               panel: panel, maxWidth: options.wide ? nil : Console.terminalColumns)
        let reporter: any AuditReporter = switch options.format {
        case .text: AuditTextReporter(options: reportOptions)
        case .json: AuditJSONReporter(options: reportOptions)
        case .github: AuditGitHubReporter(options: reportOptions)
        case .markdown: AuditMarkdownReporter(options: reportOptions)
        }
        try reporter.write(result) { try Console.write($0) }
        if options.format == .github, let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            let appended = appendFile(path) { append in
                try AuditMarkdownReporter(options: reportOptions).write(result, to: append)
                try append("\n")
            }
            if !appended { Console.warning("cannot append the summary to GITHUB_STEP_SUMMARY (\(path))") }
        }
        try Console.flush()
        if let failure = result.findings.readFailure ?? result.exempted.readFailure {
            throw CLIFailure.input("the report above is incomplete: \(failure)")
        }
        if result.hasFindings(atLeast: options.failOn) { throw ExitCode(1) }
    }

    /// Audits every account of the organization with `audit`, mapping a failure to list the
    /// organization to exit status 2 (accounts that cannot be read are part of the result).
    static func runOrganization(_ run: OrganizationRun, configuration: AWSClientConfiguration,
                                audit: @escaping @Sendable (AWSClientConfiguration, AuditAccount) async throws -> AuditResult)
    throws -> OrganizationAuditResult {
        do {
            return try AsyncBridge.blocking { try await run.run(configuration, audit: audit) }
        } catch let error as AWSError {
            throw CLIFailure.input("cannot list the organization's accounts with \(AccessKeyID.redact(configuration.credentials.accessKeyID)) from \(configuration.credentials.source): \(error.reason)")
        }
    }

    /// Writes an organization's results grouped by account; exits 2 when an account could not be
    /// read and `strict` is set, else 1 when findings reach `--fail-on`.
    static func finish(_ organization: OrganizationAuditResult, options: AuditCheckOptions, command: String, strict: Bool,
                       panel: Bool = false) throws {
        let reportOptions = AuditReportOptions(showKeyIDs: options.showSecrets, color: Console.colorAllowed, command: command,
                                               panel: panel, maxWidth: options.wide ? nil : Console.terminalColumns)
        let reporter: any OrganizationAuditReporter = switch options.format {
        case .text: AuditTextReporter(options: reportOptions)
        case .json: AuditJSONReporter(options: reportOptions)
        case .github: AuditGitHubReporter(options: reportOptions)
        case .markdown: AuditMarkdownReporter(options: reportOptions)
        }
        try Console.write(reporter.render(organization))
        if options.format == .github, let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            let markdown = AuditMarkdownReporter(options: reportOptions).render(organization) + "\n"
            if !appendFile(path, { try $0(markdown) }) { Console.warning("cannot append the summary to GITHUB_STEP_SUMMARY (\(path))") }
        }
        try Console.flush()
        let unreadable = organization.unreadable
        if strict && !unreadable.isEmpty {
            throw CLIFailure.input("\(unreadable.count) of \(organization.accounts.count) account\(organization.accounts.count == 1 ? "" : "s") could not be read (--strict)")
        }
        if organization.hasFindings(atLeast: options.failOn) { throw ExitCode(1) }
    }

    /// Appends what `body` hands its argument to the file at `path` (created when missing);
    /// false when the file cannot be opened or written.
    private static func appendFile(_ path: String, _ body: ((String) throws -> Void) throws -> Void) -> Bool {
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) { return false }
        guard let handle = FileHandle(forWritingAtPath: path) else { return false }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try body { try handle.write(contentsOf: Data($0.utf8)) }
            return true
        } catch {
            return false
        }
    }
}
