import ArgumentParser

/// How `credkit policy` and `credkit password` print results: `--format text|json`.
enum PolicyReportFormat: String, CaseIterable, ExpressibleByArgument {
    /// Aligned text for people.
    case text
    /// One JSON document, for scripts.
    case json
}
