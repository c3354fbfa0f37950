/// The report formats `credkit scan --format` offers.
public enum ScanFormat: String, Sendable, CaseIterable {
    /// Lines for people, redacted (the default).
    case text
    /// A JSON array of findings.
    case json
    /// SARIF 2.1.0, as GitHub code scanning accepts it.
    case sarif
    /// GitHub Actions workflow commands (`::error file=...,line=...::...`).
    case github

    /// The reporter for this format.
    public func reporter(showSecrets: Bool, color: Bool = false, rules: [Rule] = Rule.builtIn, toolVersion: String = "0") -> any Reporter {
        switch self {
        case .text: TextReporter(showSecrets: showSecrets, color: color)
        case .json: JSONReporter(showSecrets: showSecrets)
        case .sarif: SARIFReporter(rules: rules, toolVersion: toolVersion, showSecrets: showSecrets)
        case .github: GitHubReporter(showSecrets: showSecrets)
        }
    }
}
