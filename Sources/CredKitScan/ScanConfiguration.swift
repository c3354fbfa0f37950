import Foundation

/// What a project allows and enables, usually read from `.credkit.toml` at the repository root:
///
/// ```toml
/// [allow]
/// paths = ["Vectors/scan/**"]        # globs, relative to the file's folder
/// values = ["AKIA..."]               # exact values that are never findings
/// patterns = ['^AKIA2TEST']          # regular expressions matched against values
///
/// [rules]
/// enable = ["aws-unique-id"]         # informational rules are off by default
/// disable = []
///
/// [scan]
/// baseline = ".credkit-baseline.json"
/// ```
public struct ScanConfiguration: Sendable {
    /// The configuration's file name at a repository root.
    public static let fileName = ".credkit.toml"

    /// Findings in files that match one of these are dropped.
    public var allowedPaths: [PathGlob]
    /// Values that are never findings.
    public var allowedValues: Set<String>
    /// Regular expressions; a value containing a match is never a finding.
    public var allowedPatterns: [String]
    /// Rules to run besides those enabled by default.
    public var enabledRules: Set<String>
    /// Rules not to run.
    public var disabledRules: Set<String>
    /// A baseline file (resolved against `directory`) applied to every scan.
    public var baseline: String?
    /// The folder paths are relative to: the configuration file's folder.
    public var directory: String?
    /// Where the configuration came from, for messages.
    public var source: String?
    /// Whether Base64, percent-encoded and backslash-escaped values are decoded and scanned
    /// (on unless `--no-decode`).
    public var decodes = true

    /// An empty configuration: built-in rules and allowlists only.
    public init(
        allowedPaths: [PathGlob] = [], allowedValues: Set<String> = [], allowedPatterns: [String] = [],
        enabledRules: Set<String> = [], disabledRules: Set<String> = [], baseline: String? = nil,
        directory: String? = nil, source: String? = nil
    ) {
        self.allowedPaths = allowedPaths
        self.allowedValues = allowedValues
        self.allowedPatterns = allowedPatterns
        self.enabledRules = enabledRules
        self.disabledRules = disabledRules
        self.baseline = baseline
        self.directory = directory
        self.source = source
    }

    /// The rules that run: those enabled by default or by name, minus those disabled.
    public func activeRules(from rules: [Rule] = Rule.builtIn) -> [Rule] {
        rules.filter { ($0.enabledByDefault || enabledRules.contains($0.id)) && !disabledRules.contains($0.id) }
    }

    /// The baseline file path, resolved against the configuration's folder.
    public var baselinePath: String? {
        guard let baseline else { return nil }
        if baseline.hasPrefix("/") { return baseline }
        return (directory.map { $0 + "/" } ?? "") + baseline
    }

    /// Whether findings in `path` (relative to the configuration's folder) are allowed.
    public func allows(path: String) -> Bool {
        allowedPaths.contains { $0.matches(path) }
    }
}
