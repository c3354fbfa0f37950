/// How much a finding matters: errors fail a scan, notes only inform.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    /// A credential: the scan exits 1.
    case error
    /// Informational (for example an IAM unique ID): reported, never fails a scan.
    case note
}
