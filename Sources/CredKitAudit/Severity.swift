/// How serious a finding is, in increasing order; `--fail-on` picks the threshold.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A reminder: due soon, unused for a while.
    case warning
    /// Policy violated: overdue rotation, console user without MFA.
    case error
    /// Account-level danger: root access keys, root without MFA.
    case critical

    private var rank: Int {
        switch self {
        case .warning: 0
        case .error: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
