import CredKitAWS
import Foundation

/// Says which of *your* keys (the profiles of a local credentials file) are due, by matching them
/// against the live API or a credential report.
///
/// A key is identified with `sts:GetCallerIdentity` (which needs no permission) unless the live
/// inventory already lists it; the report row of its owner then gives its age, matched by
/// creation time when the inventory knows it, or by being the owner's only active key.
public struct LocalKeyCheck: Sendable {
    /// The thresholds for due dates.
    public var thresholds: CheckThresholds
    /// Builds an STS client for a key; injected so callers choose endpoint and region.
    public var identify: @Sendable (AWSCredentials) async throws -> CallerIdentity

    /// Creates a check.
    public init(thresholds: CheckThresholds, identify: @escaping @Sendable (AWSCredentials) async throws -> CallerIdentity) {
        self.thresholds = thresholds
        self.identify = identify
    }

    /// Checks every profile with keys in `file`.
    public func run(file: AWSConfigFile, report: CredentialReport?, inventory: LiveInventory?, now: Date) async throws -> [LocalKeyStatus] {
        var statuses: [LocalKeyStatus] = []
        for (profile, credentials) in try CredentialsChain.profilesWithKeys(in: file) {
            statuses.append(await status(profile: profile, file: file.path, credentials: credentials,
                                         report: report, inventory: inventory, now: now))
        }
        return statuses
    }

    func status(profile: String, file: String, credentials: AWSCredentials, report: CredentialReport?,
                inventory: LiveInventory?, now: Date) async -> LocalKeyStatus {
        let id = credentials.accessKeyID
        var result = LocalKeyStatus(profile: profile, file: file, keyID: id, user: nil, state: .unknown, ageDays: nil, due: nil, detail: "")
        if credentials.isTemporary || id.hasPrefix("ASIA") {
            result.detail = "temporary credentials (session token): they expire on their own"
            return result
        }
        if let key = inventory?.keys[id] {
            result.user = key.userName
            return dated(result, created: key.createDate, active: key.isActive, now: now)
        }
        let identity: CallerIdentity
        do {
            identity = try await identify(credentials)
        } catch let error as AWSError where error.isCredentialFailure {
            result.state = .invalid
            result.detail = "AWS rejects this key (\(error.serviceCode ?? error.code.rawValue)): delete it from the file"
            return result
        } catch {
            result.detail = "could not identify the key: \(error)"
            return result
        }
        result.user = identity.isRoot ? CredentialReportEntry.rootUserName : identity.userName
        if inventory != nil {
            result.detail = "the live API does not list this key (another account?: \(identity.account))"
            return result
        }
        guard let report, let user = result.user, let entry = report.entries.first(where: { $0.user == user }) else {
            result.detail = "owner \(result.user ?? identity.arn) is not in the credential report"
            return result
        }
        let existing = entry.accessKeys.filter(\.exists)
        if let slot = entry.accessKeys.first(where: { $0.accessKeyID == id }) ?? (existing.count == 1 ? existing.first : nil) {
            return dated(result, created: slot.lastRotated.date, active: slot.isActive, now: now)
        }
        let active = entry.activeKeys
        if active.count == 1, let only = active.first {
            // An inactive key cannot sign GetCallerIdentity, so a working key is the active one.
            return dated(result, created: only.lastRotated.date, active: true, now: now)
        }
        result.detail = "\(user) has \(existing.count) keys in the report; run with --live to tell them apart"
        return result
    }

    private func dated(_ status: LocalKeyStatus, created: Date?, active: Bool, now: Date) -> LocalKeyStatus {
        var result = status
        guard active else {
            result.state = .inactive
            result.detail = "deactivated in IAM: delete it from the file"
            return result
        }
        guard let created else {
            result.detail = "creation date unknown"
            return result
        }
        let age = AWSTimestamp.days(from: created, to: now)
        let due = created.addingTimeInterval(Double(thresholds.maxAgeDays) * 86_400)
        result.ageDays = age
        result.due = due
        if age >= thresholds.maxAgeDays {
            result.state = .overdue
            result.detail = "\(age) days old; rotation was due \(AWSTimestamp.day(due))"
        } else if age >= thresholds.maxAgeDays - thresholds.warnBeforeDays {
            result.state = .dueSoon
            result.detail = "\(age) days old; rotate by \(AWSTimestamp.day(due))"
        } else {
            result.state = .ok
            result.detail = "\(age) days old; next rotation by \(AWSTimestamp.day(due))"
        }
        return result
    }
}
