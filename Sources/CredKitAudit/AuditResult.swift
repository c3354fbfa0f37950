import Foundation

/// Everything one run of the checks produced, ready for a reporter.
public struct AuditResult: Sendable {
    /// A finding an exemption covers, with the exemption, listed so nothing is hidden.
    public struct ExemptedFinding: Sendable, Hashable {
        /// The finding.
        public var finding: Finding
        /// The exemption that covers it.
        public var exemption: Exemption

        /// Pairs a finding with the exemption that covers it.
        public init(finding: Finding, exemption: Exemption) {
            self.finding = finding
            self.exemption = exemption
        }
    }

    /// The clock the checks used.
    public var now: Date
    /// The thresholds used.
    public var thresholds: CheckThresholds
    /// Where the data came from.
    public var source: String
    /// Findings, most severe first, in report order within a severity.
    public var findings: FindingList
    /// Findings covered by exemptions.
    public var exempted: ExemptedList
    /// Exemptions that could not be evaluated (tag or group rules without live data).
    public var unevaluatedExemptions: [Exemption]
    /// Users checked (root not counted).
    public var usersChecked: Int
    /// Active access keys seen (root included).
    public var activeKeys: Int
    /// The security-status panel, for `credkit audit`.
    public var securityStatus: SecurityStatus?
    /// The eight-item account checklist, for `credkit audit`.
    public var checklist: AccountChecklist?
    /// Local credentials-file keys and what is known about them, for `credkit keys --credentials-file`.
    public var localKeys: [LocalKeyStatus]
    /// The account of an organization run the result belongs to; nil for a single account.
    public var account: AuditAccount? = nil
    /// What could not be checked and why (a live list call that failed), one line each.
    public var notes: [String] = []

    /// The highest severity among the findings, if any.
    public var worstSeverity: Severity? { Severity.allCases.reversed().first { findings.count(of: $0) > 0 } }

    /// Whether any finding, local key or checklist item (not done, partly done; not exempt) is at least `severity`.
    public func hasFindings(atLeast severity: Severity) -> Bool {
        Severity.allCases.contains { $0 >= severity && findings.count(of: $0) > 0 } || localKeys.contains { $0.severity.map { $0 >= severity } ?? false }
            || (checklist?.items ?? []).contains { $0.severity.map { $0 >= severity } ?? false }
    }
}
