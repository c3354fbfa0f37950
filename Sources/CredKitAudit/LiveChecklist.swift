import CredKitAWS
import Foundation

/// Reads what the account checklist needs beyond the IAM inventory, from the APIs, in
/// parallel: root's MFA device kind, administrator groups, CloudTrail in every enabled Region
/// (shadow trails folded), the trails' buckets, and billing reports. A call that is denied or
/// fails leaves its part unknown, with the permission or reason named.
public struct LiveChecklist: Sendable {
    /// Root's MFA kind, when MFA is on and the devices could be listed.
    public var rootMFAKind: AccountChecklist.RootMFAKind?
    /// Groups granting administrator access (`AdministratorAccess` or `*` on `*`); nil when not readable.
    public var administratorGroups: [String]?
    /// CloudTrail evidence.
    public var cloudTrail: CloudTrailEvidence
    /// Billing evidence.
    public var billing: BillingEvidence

    /// Collects everything; `accountSummary` is the inventory's (for `AccountMFAEnabled`).
    public static func collect(_ configuration: AWSClientConfiguration, accountSummary: [String: Int]?,
                               retry: RetryPolicy = RetryPolicy()) async -> LiveChecklist {
        let iam = IAMClient(configuration: configuration, retry: retry)
        async let kind = rootMFAKind(iam, summary: accountSummary)
        async let admins = administratorGroups(iam)
        async let trails = cloudTrail(configuration, retry: retry)
        async let billing = billing(configuration, retry: retry)
        return await LiveChecklist(rootMFAKind: kind, administratorGroups: admins, cloudTrail: trails, billing: billing)
    }

    /// Why a call failed, in a few words: the permission when denied.
    static func gap(_ error: Error) -> String {
        guard let error = error as? AWSError else { return "\(error)" }
        return error.code == .accessDenied ? error.reason.replacingOccurrences(of: "AccessDenied: these credentials may not call", with: "denied:")
            : error.reason
    }

    static func rootMFAKind(_ iam: IAMClient, summary: [String: Int]?) async -> AccountChecklist.RootMFAKind? {
        guard summary?["AccountMFAEnabled"] == 1, let devices = try? await iam.listVirtualMFADevices() else { return nil }
        return devices.contains { $0.serialNumber.hasSuffix(":mfa/root-account-mfa-device") && $0.enableDate != nil } ? .virtual : .hardware
    }

    static func administratorGroups(_ iam: IAMClient) async -> [String]? {
        do {
            var admins: [String] = []
            for group in try await iam.listGroups() where try await iam.groupHasAdministratorAccess(group) { admins.append(group) }
            return admins
        } catch {
            return nil
        }
    }

    /// The Regions to look in: the enabled ones, or only the configured one behind an endpoint override.
    static func regions(_ configuration: AWSClientConfiguration, retry: RetryPolicy) async throws -> [String] {
        if configuration.endpointURL != nil || configuration.serviceEndpoints[.cloudTrail] != nil { return [configuration.region] }
        let enabled = try await EC2RegionsClient(configuration: configuration, retry: retry).enabledRegions()
        return enabled.isEmpty ? [configuration.region] : enabled
    }

    static func cloudTrail(_ configuration: AWSClientConfiguration, retry: RetryPolicy) async -> CloudTrailEvidence {
        var gaps: [String] = []
        let regions: [String]
        do {
            regions = try await Self.regions(configuration, retry: retry)
        } catch {
            gaps.append("enabled Regions: \(gap(error)); looked in \(configuration.region) only")
            regions = [configuration.region]
        }
        // Every Region's trails, shadow copies folded by ARN.
        var trails: [String: CloudTrailTrail] = [:]
        await withTaskGroup(of: Result<[CloudTrailTrail], Error>.self) { group in
            for region in regions {
                group.addTask {
                    await Result(catching: { try await CloudTrailClient(configuration: configuration, region: region, retry: retry).describeTrails() })
                }
            }
            for await result in group {
                switch result {
                case .success(let found): for trail in found where trails[trail.arn] == nil { trails[trail.arn] = trail }
                case .failure(let error): if !gaps.contains(gap(error)) { gaps.append(gap(error)) }
                }
            }
        }
        let evidence = await withTaskGroup(of: (TrailEvidence, [String]).self) { group in
            for trail in trails.values {
                group.addTask { await details(trail, configuration: configuration, retry: retry) }
            }
            var collected: [(TrailEvidence, [String])] = []
            for await item in group { collected.append(item) }
            return collected
        }
        for (_, trailGaps) in evidence { for item in trailGaps where !gaps.contains(item) { gaps.append(item) } }
        return CloudTrailEvidence(trails: evidence.map(\.0).sorted { $0.trail.arn < $1.trail.arn }, gaps: gaps)
    }

    /// Status, selectors and bucket exposure of one trail, asked in its home Region.
    static func details(_ trail: CloudTrailTrail, configuration: AWSClientConfiguration, retry: RetryPolicy) async -> (TrailEvidence, [String]) {
        let client = CloudTrailClient(configuration: configuration, region: trail.homeRegion, retry: retry)
        var evidence = TrailEvidence(trail: trail)
        var gaps: [String] = []
        do { evidence.isLogging = try await client.isLogging(trail.arn) } catch { gaps.append(gap(error)) }
        do { evidence.coverage = try await client.eventCoverage(trail.arn) } catch { gaps.append(gap(error)) }
        if let bucket = trail.s3BucketName {
            let s3 = S3Client(configuration: configuration, retry: retry)
            do {
                let region = try await s3.bucketRegion(bucket)
                let block = try await s3.publicAccessBlock(bucket, region: region)
                var policy: Bool?
                var known = true
                if block?.blocksAll != true {
                    do { policy = try await s3.policyIsPublic(bucket, region: region) } catch { known = false; gaps.append(gap(error)) }
                }
                evidence.bucket = ChecklistFiles.exposure(block: block, policyIsPublic: policy, policyKnown: known)
            } catch {
                gaps.append(gap(error))
            }
        }
        return (evidence, gaps)
    }

    static func billing(_ configuration: AWSClientConfiguration, retry: RetryPolicy) async -> BillingEvidence {
        async let reports = Result(catching: { try await CostAndUsageReportClient(configuration: configuration, retry: retry).describeReportDefinitions() })
        async let exports = Result(catching: { try await DataExportsClient(configuration: configuration, retry: retry).listExports() })
        async let budgets = Result(catching: { () async throws -> [Budget] in
            let account = try await STSClient(configuration: configuration, retry: retry).getCallerIdentity().account
            return try await BudgetsClient(configuration: configuration, retry: retry).budgetsWithAlerts(accountID: account)
        })
        var evidence = BillingEvidence()
        switch await reports {
        case .success(let value): evidence.reportDefinitions = value
        case .failure(let error): evidence.gaps.append(gap(error))
        }
        switch await exports {
        case .success(let value): evidence.exports = value
        case .failure(let error): evidence.gaps.append(gap(error))
        }
        switch await budgets {
        case .success(let value): evidence.budgets = value
        case .failure(let error): evidence.gaps.append(gap(error))
        }
        return evidence
    }
}

extension Result where Failure == Error {
    /// Captures the outcome of async work.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
