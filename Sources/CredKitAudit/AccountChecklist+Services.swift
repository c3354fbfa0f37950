import CredKitAWS

extension AccountChecklist {
    // MARK: - Item 7: CloudTrail

    /// One criterion of item 7 for one trail: passed, failed, or unknown, in words.
    private struct Criterion {
        var passed: Bool?
        var failure: String
        var unknown: String
    }

    private static func criteria(_ evidence: TrailEvidence) -> [Criterion] {
        let trail = evidence.trail
        let coverage = evidence.coverage
        return [
            Criterion(passed: trail.isMultiRegion, failure: "not multi-Region", unknown: ""),
            Criterion(passed: evidence.isLogging, failure: "not logging (StartLogging)", unknown: "logging status unknown (--trail-status FILE)"),
            Criterion(passed: coverage.map { $0.managementRead && $0.managementWrite },
                      failure: "does not record management events read and write", unknown: "event selectors unknown (--event-selectors FILE)"),
            Criterion(passed: trail.logFileValidation, failure: "log file validation off", unknown: ""),
            Criterion(passed: evidence.bucket.map { $0 != .public }, failure: "bucket \(trail.s3BucketName ?? "?") is public",
                      unknown: "bucket access unknown (--bucket-access FILE)"),
        ]
    }

    static func cloudTrail(_ inputs: Inputs) -> Item {
        let fix = "create a multi-Region trail with log file validation into a private bucket, record management events read and write, and start logging"
        guard let evidence = inputs.cloudTrail else {
            return Item(id: .cloudTrail, state: .unknown, evidence: needs("--trails FILE", inputs), fix: fix)
        }
        let gaps = evidence.gaps.isEmpty ? "" : " (\(evidence.gaps.joined(separator: "; ")))"
        guard !evidence.trails.isEmpty else {
            if !evidence.gaps.isEmpty {
                return Item(id: .cloudTrail, state: .unknown, evidence: "trails not readable" + gaps, fix: fix)
            }
            return Item(id: .cloudTrail, state: .notDone, evidence: "no trail", fix: fix)
        }
        // The best trail: fewest failed criteria, then fewest unknown.
        let judged = evidence.trails.map { trail -> (TrailEvidence, [Criterion]) in (trail, criteria(trail)) }
        let ranked = judged.sorted {
            let left = ($0.1.filter { $0.passed == false }.count, $0.1.filter { $0.passed == nil }.count)
            let right = ($1.1.filter { $0.passed == false }.count, $1.1.filter { $0.passed == nil }.count)
            return left < right
        }
        guard let (best, checks) = ranked.first else {
            return Item(id: .cloudTrail, state: .notDone, evidence: "no trail", fix: fix)
        }
        let trail = best.trail
        var recommendations: [String] = []
        if trail.kmsKeyID == nil { recommendations.append("encrypt the logs with a KMS key (CIS 3.5)") }
        if trail.cloudWatchLogsLogGroupARN == nil { recommendations.append("send the trail to CloudWatch Logs for alarms (CIS 3.4)") }
        if best.bucket == .notPublic { recommendations.append("turn on Block Public Access for bucket \(trail.s3BucketName ?? "?")") }
        let failed = checks.filter { $0.passed == false }.map(\.failure)
        let unknown = checks.filter { $0.passed == nil }.map(\.unknown)
        let count = evidence.trails.count
        let name = "trail \(trail.name)" + (count > 1 ? " (best of \(count))" : "")
        if failed.isEmpty && unknown.isEmpty {
            return Item(id: .cloudTrail, state: .done,
                        evidence: "\(name): multi-Region, logging, management events read and write, log file validation, bucket "
                            + (best.bucket == .blocked ? "blocks public access" : "not public"),
                        fix: fix, recommendations: recommendations)
        }
        if failed.isEmpty {
            return Item(id: .cloudTrail, state: .unknown, evidence: "\(name): " + unknown.joined(separator: "; ") + gaps,
                        fix: fix, recommendations: recommendations)
        }
        return Item(id: .cloudTrail, state: .partly, evidence: "\(name): " + (failed + unknown).joined(separator: "; ") + gaps,
                    fix: fix, recommendations: recommendations)
    }

    // MARK: - Item 8: billing reports

    static func billingReports(_ inputs: Inputs) -> Item {
        let fix = "create a Cost and Usage Report (or a Data Exports export) delivered to S3, in Billing and Cost Management"
        guard let billing = inputs.billing else {
            return Item(id: .billingReports, state: .unknown, evidence: needs("--report-definitions FILE or --budgets FILE", inputs), fix: fix)
        }
        let reports = billing.reportDefinitions ?? []
        let exports = billing.exports ?? []
        let delivering = reports.filter { !$0.isFailing && $0.s3Bucket != nil }
        let healthy = exports.filter { $0.statusCode != "UNHEALTHY" }
        if !delivering.isEmpty || !healthy.isEmpty {
            var seen: [String] = []
            if !delivering.isEmpty { seen.append("Cost and Usage Report " + list(delivering.map { "\($0.name) to s3://\($0.s3Bucket ?? "")" })) }
            if !healthy.isEmpty { seen.append("Data Exports " + list(healthy.map(\.name))) }
            return Item(id: .billingReports, state: .done, evidence: seen.joined(separator: "; "), fix: fix)
        }
        var notes: [String] = []
        let failing = reports.filter(\.isFailing) .map { "\($0.name) (\($0.lastStatus ?? ""))" }
            + exports.filter { $0.statusCode == "UNHEALTHY" }.map { "\($0.name) (UNHEALTHY)" }
        if !failing.isEmpty { notes.append("report delivery failing: " + list(failing)) }
        let alerted = (billing.budgets ?? []).filter { ($0.alerts ?? 1) > 0 }
        if !alerted.isEmpty {
            let named = alerted.map { budget in budget.alerts.map { "\(budget.name) (\($0) alert\($0 == 1 ? "" : "s"))" } ?? "\(budget.name) (alerts not in the file)" }
            notes.append("budget " + list(named) + ": the lighter alternative, no report")
        } else if let budgets = billing.budgets, !budgets.isEmpty {
            notes.append("budget " + list(budgets.map(\.name)) + " without an alert")
        }
        let unread = billing.reportDefinitions == nil || billing.exports == nil
        let gaps = billing.gaps.isEmpty ? "" : " (" + billing.gaps.joined(separator: "; ") + ")"
        if !failing.isEmpty || !alerted.isEmpty {
            return Item(id: .billingReports, state: .partly, evidence: notes.joined(separator: "; ") + gaps, fix: fix)
        }
        if unread {
            return Item(id: .billingReports, state: .unknown,
                        evidence: (notes + ["no report definitions seen"]).joined(separator: "; ") + gaps, fix: fix)
        }
        return Item(id: .billingReports, state: .notDone,
                    evidence: (["no Cost and Usage Report, no Data Exports export"] + notes).joined(separator: "; "), fix: fix)
    }
}
