import CredKitAWS
import Foundation

/// Runs the credential checks over a credential report (plus live context when available).
///
/// Time comes in as `now`; nothing here reads the clock.
public struct CredentialAudit: Sendable {
    /// The thresholds.
    public var thresholds: CheckThresholds
    /// The exemptions.
    public var exemptions: [Exemption]
    /// Whether live context (groups, tags, direct policies) was gathered; without it, tag and
    /// group exemptions are reported as not evaluated and direct-policy checks are skipped.
    public var hasLiveContext: Bool

    /// Creates an audit.
    public init(thresholds: CheckThresholds = CheckThresholds(), exemptions: [Exemption] = [], hasLiveContext: Bool = false) {
        self.thresholds = thresholds
        self.exemptions = exemptions
        self.hasLiveContext = hasLiveContext
    }

    /// Checks every row of `report` as of `now`; the findings stay in memory.
    /// - Parameter contexts: live context by user name.
    public func run(_ report: CredentialReport, contexts: [String: UserContext] = [:], now: Date) -> AuditResult {
        var rows = report.entries.makeIterator()
        var bySeverity: [Severity: [Finding]] = [:]
        var exempted: [AuditResult.ExemptedFinding] = []
        var result = check(source: report.source, contexts: contexts, now: now, next: { rows.next() },
                           record: { bySeverity[$0.severity, default: []].append($0) },
                           exempt: { exempted.append(.init(finding: $0, exemption: $1)) })
        result.findings = FindingList(Severity.allCases.reversed().flatMap { bySeverity[$0] ?? [] })
        result.exempted = ExemptedList(exempted)
        return result
    }

    /// Checks rows as `next` hands them out (nil after the last), keeping only the findings:
    /// a streamed report is checked without holding its rows, and past
    /// `FindingList.memoryLimit` findings they go to temporary files (see `FindingList`).
    /// - Parameters:
    ///   - source: where the rows come from, for the result.
    ///   - contexts: live context by user name.
    ///   - next: the next row, or nil.
    /// - Throws: what `next` throws; `AuditError.invalidInput` when a temporary file cannot be written.
    public func run(source: String, contexts: [String: UserContext] = [:], now: Date,
                    next: () throws -> CredentialReportEntry?) throws -> AuditResult {
        var builder = FindingList.Builder()
        var exempted = ExemptedList.Builder()
        var result = try check(source: source, contexts: contexts, now: now, next: next, record: { try builder.append($0) },
                               exempt: { try exempted.append($0, exemption: $1) })
        result.findings = try builder.finish()
        result.exempted = try exempted.finish()
        return result
    }

    /// Checks each row, handing findings that no exemption covers to `record` and the others
    /// with their exemption to `exempt`, in report order.
    private func check(source: String, contexts: [String: UserContext], now: Date, next: () throws -> CredentialReportEntry?,
                       record: (Finding) throws -> Void, exempt: (Finding, Exemption) throws -> Void) rethrows -> AuditResult {
        var activeKeys = 0
        var users = 0
        while let entry = try next() {
            let context = contexts[entry.user]
            activeKeys += entry.activeKeys.count
            if !entry.isRoot { users += 1 }
            let raw = entry.isRoot ? rootFindings(entry, now: now) : userFindings(entry, context: context, now: now)
            for finding in raw {
                if let exemption = exemptions.first(where: {
                    $0.covers(finding.check, user: entry.user, groups: context?.groups, tags: context?.tags, now: now)
                }) {
                    try exempt(finding, exemption)
                } else {
                    try record(finding)
                }
            }
        }
        return AuditResult(
            now: now, thresholds: thresholds, source: source, findings: [], exempted: [],
            unevaluatedExemptions: hasLiveContext ? [] : exemptions.filter(\.target.needsLiveData),
            usersChecked: users, activeKeys: activeKeys,
            securityStatus: nil, checklist: nil, localKeys: [])
    }

    // MARK: - Root

    func rootFindings(_ entry: CredentialReportEntry, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for key in entry.accessKeys where key.exists {
            findings.append(Finding(
                check: .rootAccessKey, user: entry.user, keySlot: key.slot,
                ageDays: key.lastRotated.date.map { AWSTimestamp.days(from: $0, to: now) },
                message: "the root user has an \(key.isActive ? "active" : "inactive") access key (access_key_\(key.slot))",
                line: entry.line))
        }
        if !entry.mfaActive {
            findings.append(Finding(check: .rootMFA, user: entry.user, message: "the root user has no MFA device", line: entry.line))
        }
        let uses = [entry.passwordLastUsed.date] + entry.accessKeys.map(\.lastUsed.date)
        if let last = uses.compactMap({ $0 }).max() {
            let days = AWSTimestamp.days(from: last, to: now)
            if days < thresholds.rootRecentUseDays {
                findings.append(Finding(
                    check: .rootRecentUse, user: entry.user, ageDays: days,
                    message: "the root user was used \(days == 0 ? "today" : "\(days) day\(days == 1 ? "" : "s") ago") (on \(AWSTimestamp.day(last)))",
                    line: entry.line))
            }
        }
        return findings
    }

    // MARK: - Users

    func userFindings(_ entry: CredentialReportEntry, context: UserContext?, now: Date) -> [Finding] {
        var findings: [Finding] = []
        let day = 86_400.0
        for key in entry.activeKeys {
            let keyID = context?.keyIDs[key.slot]
            guard let created = key.lastRotated.date else { continue }
            let age = AWSTimestamp.days(from: created, to: now)
            let due = created.addingTimeInterval(Double(thresholds.maxAgeDays) * day)
            if age >= thresholds.maxAgeDays {
                findings.append(Finding(
                    check: .keyAge, user: entry.user, keyID: keyID, keySlot: key.slot, ageDays: age, due: due,
                    message: "active key is \(age) days old (maximum \(thresholds.maxAgeDays)); rotation was due \(AWSTimestamp.day(due))",
                    line: entry.line))
            } else if age >= thresholds.maxAgeDays - thresholds.warnBeforeDays {
                let left = thresholds.maxAgeDays - age
                findings.append(Finding(
                    check: .keyDueSoon, user: entry.user, keyID: keyID, keySlot: key.slot, ageDays: age, due: due,
                    message: "active key is \(age) days old; rotate by \(AWSTimestamp.day(due)) (\(left) day\(left == 1 ? "" : "s") left)",
                    line: entry.line))
            }
            let inGrace = age < thresholds.graceDays
            if !inGrace {
                if let used = key.lastUsed.date {
                    let idle = AWSTimestamp.days(from: used, to: now)
                    if idle >= thresholds.unusedDays {
                        findings.append(Finding(
                            check: .keyUnused, user: entry.user, keyID: keyID, keySlot: key.slot, ageDays: idle,
                            message: "active key unused for \(idle) days (last used \(AWSTimestamp.day(used))\(key.lastUsedService.map { " with \($0)" } ?? ""))",
                            line: entry.line))
                    }
                } else if age >= thresholds.unusedDays {
                    findings.append(Finding(
                        check: .keyUnused, user: entry.user, keyID: keyID, keySlot: key.slot, ageDays: age,
                        message: "active key never used since it was created \(age) days ago", line: entry.line))
                }
                if entry.passwordEnabled == true, key.lastUsed.date == nil,
                   let userCreated = entry.userCreationTime.date, abs(created.timeIntervalSince(userCreated)) <= day {
                    findings.append(Finding(
                        check: .keyAtSetup, user: entry.user, keyID: keyID, keySlot: key.slot, ageDays: age,
                        message: "console user's key was created with the user at initial setup and never used", line: entry.line))
                }
            }
        }
        let active = entry.activeKeys
        if active.count > 1 {
            let newest = active.compactMap(\.lastRotated.date).max()
            let rotating = newest.map { AWSTimestamp.days(from: $0, to: now) < thresholds.graceDays } ?? false
            if !rotating {
                findings.append(Finding(
                    check: .multipleActiveKeys, user: entry.user,
                    message: "\(active.count) active access keys; a user should have at most one outside a rotation", line: entry.line))
            }
        }
        if entry.passwordEnabled == true {
            if !entry.mfaActive {
                findings.append(Finding(check: .consoleWithoutMFA, user: entry.user,
                                        message: "console password without MFA", line: entry.line))
            }
            if let used = entry.passwordLastUsed.date {
                let idle = AWSTimestamp.days(from: used, to: now)
                if idle >= thresholds.unusedDays {
                    findings.append(Finding(check: .consoleUnused, user: entry.user, ageDays: idle,
                                            message: "console password unused for \(idle) days (last sign-in \(AWSTimestamp.day(used)))",
                                            line: entry.line))
                }
            } else if let since = entry.passwordLastChanged.date ?? entry.userCreationTime.date {
                let idle = AWSTimestamp.days(from: since, to: now)
                if idle >= thresholds.unusedDays {
                    findings.append(Finding(check: .consoleUnused, user: entry.user, ageDays: idle,
                                            message: "console password never used in the \(idle) days since it was set", line: entry.line))
                }
            }
        }
        if let others = context?.otherCredentials {
            findings += longTermFindings(others, user: entry.user, line: entry.line, now: now)
        }
        if let context {
            let direct = (context.attachedPolicies ?? []) + (context.inlinePolicies ?? []).map { "\($0) (inline)" }
            if !direct.isEmpty {
                findings.append(Finding(check: .directPolicies, user: entry.user,
                                        message: "policies attached directly: \(direct.joined(separator: ", "))", line: entry.line))
            }
        }
        return findings
    }
}
