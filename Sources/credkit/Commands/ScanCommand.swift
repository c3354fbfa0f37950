import ArgumentParser
import CredKitAWS
import CredKitScan
import Foundation

/// `credkit scan`: finds leaked AWS credentials in files, standard input, staged changes or history.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find leaked AWS access keys, secret keys and session tokens.",
        discussion: """
        Scans files and folders (default: .), standard input (-), what is staged for the next \
        commit (--staged), or every commit in the history (--history). Inside a git work tree, \
        .gitignore is honoured unless --no-ignore. Archives (.zip, .jar, .tar, .tar.gz, .gz) are \
        opened within limits (see credkit-scan(1)) and findings named archive.zip!path/inside; \
        binary files report key IDs only; UTF-16 text is transcoded; file names are printed \
        with control characters and invalid UTF-8 escaped (\\x1b). \
        Values under Base64, percent encoding or backslash escapes are decoded (up to 5 layers) \
        unless --no-decode. Values are redacted unless --show-secrets. \
        Allow false alarms with a 'credkit:allow' comment on the line, a baseline file, or \
        .credkit.toml at the repository root (see credkit-scan(1)). --verify asks AWS whether \
        found key pairs are live; nothing is sent anywhere without it. \
        Exit status: 0 nothing found, 1 findings, 2 usage or input error.
        """
    )

    @Argument(help: ArgumentHelp("Files and folders to scan, or - for standard input (default: .).", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Scan the lines the index adds for the next commit, not the work tree.")
    var staged = false

    @Flag(help: "Scan every commit reachable from all refs, and what merges resolve (see --since, --branch).")
    var history = false

    @Option(help: ArgumentHelp("With --history: only commits not reachable from REV.", valueName: "rev"))
    var since: String?

    @Option(help: ArgumentHelp("With --history: only commits reachable from REF instead of all refs.", valueName: "ref"))
    var branch: String?

    @Option(help: "Output format: text, json, sarif or github.")
    var format: ScanFormat = .text

    @Flag(help: "Print secrets in full instead of redacted (AKIA************WXYZ).")
    var showSecrets = false

    @Option(help: ArgumentHelp("Report only findings that are not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record the current findings in FILE as accepted, each in its file, and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(help: "With --write-baseline: accept each value in any file (rule and value only, no path).")
    var baselineValuesOnly = false

    @Option(help: ArgumentHelp("Read settings from FILE instead of .credkit.toml at the repository root.", valueName: "file"))
    var config: String?

    @Flag(help: "Scan files that .gitignore excludes too (and start no git process).")
    var noIgnore = false

    @Flag(help: "Do not decode Base64, percent-encoded or backslash-escaped values; scan plain text only.")
    var noDecode = false

    @Flag(help: "List the rules and exit.")
    var listRules = false

    @Flag(help: "Ask AWS whether each found key pair is live (STS GetCallerIdentity signed with the pair). Sends the found keys to AWS: off by default.")
    var verify = false

    @Option(name: .customLong("endpoint-url"),
            help: ArgumentHelp("With --verify: the STS endpoint to ask instead of AWS's (emulators such as moto, other partitions). "
                               + "AWS_CA_BUNDLE replaces the system's CA certificates for https; HTTPS_PROXY and NO_PROXY are honoured.",
                               valueName: "url"))
    var endpointURL: String?

    @Flag(help: "Ask AWS like --verify and report only the key pairs it confirms live; fail only on those.")
    var onlyVerified = false

    @Option(help: ArgumentHelp("With --verify: the region whose STS endpoint to ask, and so the partition (aws, aws-cn, aws-us-gov); "
                               + "default AWS_REGION, AWS_DEFAULT_REGION, then us-east-1.", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("With --verify: seconds each key's check may take, retries included.", valueName: "seconds"))
    var timeout: Double = AWSClientConfiguration.defaultTimeout

    func validate() throws {
        if staged, history { throw ValidationError("--staged and --history cannot be combined") }
        if (since != nil || branch != nil), !history { throw ValidationError("--since and --branch need --history") }
        if (staged || history), !paths.isEmpty {
            throw ValidationError("paths cannot be combined with --\(staged ? "staged" : "history"), which scan the repository you are in")
        }
        if paths.contains("-"), paths.count > 1 { throw ValidationError("- (standard input) cannot be combined with other paths") }
        if baseline != nil, writeBaseline != nil { throw ValidationError("--baseline and --write-baseline cannot be combined") }
        if endpointURL != nil, !verify, !onlyVerified { throw ValidationError("--endpoint-url needs --verify") }
        if baselineValuesOnly, writeBaseline == nil { throw ValidationError("--baseline-values-only needs --write-baseline") }
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
    }

    func run() throws {
        if listRules { return try printRules() }
        var settings = try loadConfiguration()
        if noDecode { settings.decodes = false }
        let scanner = SecretScanner(configuration: settings)
        var result: ScanResult
        do {
            if staged {
                result = try scanner.scanStaged(in: ".")
            } else if history {
                result = try scanner.scanHistory(in: ".", since: since, branch: branch)
            } else if paths == ["-"] {
                result = try scanner.scan(fileDescriptor: 0, file: "-")
            } else {
                result = try scanner.scan(paths: paths.isEmpty ? ["."] : paths, respectIgnore: !noIgnore)
            }
        } catch let error as ScanError {
            throw CLIFailure.input(error.reason)
        }
        for warning in result.warnings { Console.warning(warning.description) }

        if let writeBaseline {
            let accepted = Baseline(findings: result.findings, valuesOnly: baselineValuesOnly)
            do {
                try Data(accepted.fileText.utf8).write(to: URL(fileURLWithPath: writeBaseline))
            } catch {
                throw CLIFailure.input("cannot write baseline '\(writeBaseline)': \(error.localizedDescription)")
            }
            Console.error("wrote \(accepted.entries.count) accepted finding\(accepted.entries.count == 1 ? "" : "s") to \(writeBaseline)")
            return
        }
        if let path = baseline ?? settings.baselinePath {
            let explicit = baseline != nil
            if explicit || FileManager.default.fileExists(atPath: path) {
                do {
                    result.findings = try Baseline.load(file: path).newFindings(result.findings)
                } catch let error as ScanError {
                    throw CLIFailure.input(error.reason)
                }
            } else {
                Console.warning("baseline '\(path)' named in \(settings.source ?? "the configuration") does not exist; reporting every finding")
            }
        }

        if verify || onlyVerified {
            result.findings = try ScanVerifier.verify(result.findings, endpointURL: endpointURL, region: verifyRegion, timeout: timeout)
            if onlyVerified { result.findings = result.findings.filter { $0.verification?.status == "active" } }
        }

        let reporter = format.reporter(showSecrets: showSecrets, color: format == .text && Console.colorAllowed,
                                       rules: scanner.rules, toolVersion: CredkitVersion.current)
        try Console.write(reporter.render(result.findings))
        if format == .text { summarize(result) }
        if staged, result.hasFailures { Console.error(PreCommitHook.falseAlarmGuidance) }
        if result.hasFailures { throw ExitCode(1) }
    }

    /// `--region`, else the environment as the AWS CLI reads it, else us-east-1.
    private var verifyRegion: String {
        let environment = ProcessInfo.processInfo.environment
        for candidate in [region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "us-east-1"
    }

    /// One line on standard error, so hooks and terminals see what happened.
    private func summarize(_ result: ScanResult) {
        let errors = result.findings.filter { $0.severity == .error }.count
        let notes = result.findings.count - errors
        var scope = history ? "\(result.commitsScanned) commit\(result.commitsScanned == 1 ? "" : "s")"
            : "\(result.filesScanned) file\(result.filesScanned == 1 ? "" : "s")"
        if staged { scope = "staged changes in " + scope }
        guard errors + notes > 0 else { return }
        var text = "\(errors) finding\(errors == 1 ? "" : "s") in \(scope)"
        if notes > 0 { text += " (and \(notes) informational)" }
        Console.error(text)
    }

    /// `--config`, or `.credkit.toml` at the repository root (or the scanned folder outside git).
    private func loadConfiguration() throws -> ScanConfiguration {
        do {
            if let config { return try ScanConfiguration.load(file: config) }
            let start: String
            if staged || history || paths.isEmpty || paths == ["-"] {
                start = "."
            } else {
                var isDirectory: ObjCBool = false
                let first = paths[0]
                if FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory), isDirectory.boolValue {
                    start = first
                } else {
                    let parent = (first as NSString).deletingLastPathComponent
                    start = parent.isEmpty ? "." : parent
                }
            }
            // With --no-ignore a tree scan needs nothing from git: the root is found by looking.
            return try ScanConfiguration.discover(from: start, askGit: !(noIgnore && !staged && !history))
        } catch let error as ScanError {
            throw CLIFailure.input(error.reason)
        }
    }

    private func printRules() throws {
        for rule in Rule.builtIn {
            let state = rule.enabledByDefault ? "on" : "off (enable in .credkit.toml [rules] enable)"
            try Console.line("\(rule.id)\t\(rule.severity.rawValue)\t\(state)\t\(rule.description)")
        }
    }
}
