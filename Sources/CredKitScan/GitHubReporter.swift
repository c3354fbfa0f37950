import Foundation

/// GitHub Actions workflow commands: one `::error file=...,line=...,col=...::message` per
/// finding (`::notice` for informational ones), which the Actions log shows as annotations.
public struct GitHubReporter: Reporter {
    /// Whether messages hold values in full (they end up in public logs: keep it off).
    public let showSecrets: Bool

    /// Creates a GitHub reporter.
    public init(showSecrets: Bool = false) {
        self.showSecrets = showSecrets
    }

    public func render(_ findings: [Finding]) -> String {
        var out = ""
        for finding in findings {
            let command = finding.severity == .error ? "error" : "notice"
            let properties = [
                "file=\(Self.escapeProperty(finding.file))", "line=\(finding.line)", "col=\(finding.column)",
                "title=\(Self.escapeProperty("credkit: " + finding.ruleID))",
            ].joined(separator: ",")
            var message = sentence(finding, showSecrets: showSecrets)
            if finding.severity == .error {
                message += ". Revoke the key, or if this is a false alarm add 'credkit:allow' to the line"
            }
            out += "::\(command) \(properties)::\(Self.escapeData(message))\n"
        }
        return out
    }

    /// Escapes a message as the runner expects: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
