/// What a scan found and what it looked at.
public struct ScanResult: Sendable {
    /// Findings in report order (by file, then line; by commit for history).
    public var findings: [Finding]
    /// Paths that could not be scanned.
    public var warnings: [ScanWarning]
    /// Files (or diffs of files) scanned.
    public var filesScanned: Int
    /// Bytes scanned.
    public var bytesScanned: Int
    /// Files read as binary (a NUL byte in the first 8 KiB): scanned for access key IDs only.
    public var binaryFiles: Int
    /// Commits read, for history scans.
    public var commitsScanned: Int

    /// Creates a result.
    public init(findings: [Finding] = [], warnings: [ScanWarning] = [], filesScanned: Int = 0, bytesScanned: Int = 0,
                binaryFiles: Int = 0, commitsScanned: Int = 0) {
        self.findings = findings
        self.warnings = warnings
        self.filesScanned = filesScanned
        self.bytesScanned = bytesScanned
        self.binaryFiles = binaryFiles
        self.commitsScanned = commitsScanned
    }

    /// Whether a finding fails the scan (informational notes do not).
    public var hasFailures: Bool { findings.contains { $0.severity == .error } }
}
