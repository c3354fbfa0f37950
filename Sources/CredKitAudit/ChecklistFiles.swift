import CredKitAWS
import CredKitJSON
import Foundation

/// Reads the offline inputs of the account checklist: the JSON the AWS CLI prints for
/// `cloudtrail describe-trails`, `get-trail-status`, `get-event-selectors`,
/// `s3api get-public-access-block` / `get-bucket-policy-status`, `cur describe-report-definitions`,
/// `bcm-data-exports list-exports` and `budgets describe-budgets`.
public enum ChecklistFiles {
    /// The largest input file read, in bytes.
    public static let maximumFileSize = 16 << 20

    /// The files of one run; nil paths were not given.
    public struct Paths: Sendable {
        /// `aws cloudtrail describe-trails`.
        public var trails: String?
        /// `aws cloudtrail get-trail-status` for the one trail, or an object of them by trail name or ARN.
        public var trailStatus: String?
        /// `aws cloudtrail get-event-selectors`, or an array of them (matched by `TrailARN`).
        public var eventSelectors: String?
        /// `aws s3api get-public-access-block` or `get-bucket-policy-status` for the trail's bucket.
        public var bucketAccess: String?
        /// `aws cur describe-report-definitions`.
        public var reportDefinitions: String?
        /// `aws bcm-data-exports list-exports`.
        public var exports: String?
        /// `aws budgets describe-budgets`.
        public var budgets: String?

        /// Creates paths.
        public init(trails: String? = nil, trailStatus: String? = nil, eventSelectors: String? = nil, bucketAccess: String? = nil,
                    reportDefinitions: String? = nil, exports: String? = nil, budgets: String? = nil) {
            self.trails = trails
            self.trailStatus = trailStatus
            self.eventSelectors = eventSelectors
            self.bucketAccess = bucketAccess
            self.reportDefinitions = reportDefinitions
            self.exports = exports
            self.budgets = budgets
        }
    }

    /// CloudTrail evidence from the files, nil without `--trails`.
    /// - Throws: `AuditError.invalidInput` naming the file when it is unreadable, not JSON, or
    ///   not the expected shape.
    public static func cloudTrail(_ paths: Paths) throws -> CloudTrailEvidence? {
        guard let path = paths.trails else {
            if let stray = paths.trailStatus ?? paths.eventSelectors ?? paths.bucketAccess {
                throw AuditError(.invalidInput, "\(stray): trail details need --trails FILE (aws cloudtrail describe-trails)")
            }
            return nil
        }
        let root = try object(path)
        guard let list = root["trailList"]?.arrayValue else { throw AuditError(.invalidInput, "\(path): expected {\"trailList\": [...]}") }
        var seen = Set<String>()
        var trails = list.compactMap(\.objectValue).map(CloudTrailTrail.init(json:)).filter { seen.insert($0.arn).inserted }
            .map { TrailEvidence(trail: $0) }
        if let statusPath = paths.trailStatus {
            let status = try object(statusPath)
            for index in trails.indices {
                let trail = trails[index].trail
                let entry = status["IsLogging"] != nil ? (trails.count == 1 ? status : nil)
                    : (status[trail.arn] ?? status[trail.name])?.objectValue
                if status["IsLogging"] != nil, trails.count > 1 {
                    throw AuditError(.invalidInput, "\(statusPath): one trail's status, but \(path) has \(trails.count) trails; give {\"NAME\": {...}, ...}")
                }
                trails[index].isLogging = entry?["IsLogging"]?.boolValue
            }
        }
        if let selectorsPath = paths.eventSelectors {
            let value = try value(selectorsPath)
            let answers = value.arrayValue?.compactMap(\.objectValue) ?? value.objectValue.map { [$0] } ?? []
            for answer in answers {
                let arn = answer["TrailARN"]?.stringValue
                let matches = trails.indices.filter { trails[$0].trail.arn == arn || (arn == nil && trails.count == 1) }
                for index in matches { trails[index].coverage = CloudTrailEventCoverage(json: answer) }
            }
        }
        if let accessPath = paths.bucketAccess {
            let access = try value(accessPath)
            let parts = access.arrayValue?.compactMap(\.objectValue) ?? access.objectValue.map { [$0] } ?? []
            let buckets = Set(trails.compactMap(\.trail.s3BucketName))
            guard buckets.count <= 1 else {
                throw AuditError(.invalidInput, "\(accessPath): the trails log to \(buckets.count) buckets; one bucket's access file cannot answer for all")
            }
            var block: S3PublicAccessBlock?
            var policyPublic: Bool?
            for part in parts {
                if let config = part["PublicAccessBlockConfiguration"]?.objectValue {
                    func flag(_ name: String) -> Bool { config[name]?.boolValue ?? false }
                    block = S3PublicAccessBlock(blockPublicAcls: flag("BlockPublicAcls"), ignorePublicAcls: flag("IgnorePublicAcls"),
                                                blockPublicPolicy: flag("BlockPublicPolicy"), restrictPublicBuckets: flag("RestrictPublicBuckets"))
                }
                if let status = part["PolicyStatus"]?.objectValue { policyPublic = status["IsPublic"]?.boolValue }
            }
            guard block != nil || policyPublic != nil else {
                throw AuditError(.invalidInput, "\(accessPath): expected the output of aws s3api get-public-access-block or get-bucket-policy-status")
            }
            let exposure = exposure(block: block, policyIsPublic: policyPublic, policyKnown: policyPublic != nil)
            for index in trails.indices { trails[index].bucket = exposure }
        }
        return CloudTrailEvidence(trails: trails)
    }

    /// How public a bucket is: blocked when all four Block Public Access settings are on;
    /// public when the policy is; not public when the policy is known not public (or absent).
    public static func exposure(block: S3PublicAccessBlock?, policyIsPublic: Bool?, policyKnown: Bool) -> TrailEvidence.BucketExposure? {
        if block?.blocksAll == true { return .blocked }
        if policyIsPublic == true { return .public }
        return policyKnown ? .notPublic : nil
    }

    /// Billing evidence from the files, nil when none was given.
    public static func billing(_ paths: Paths) throws -> BillingEvidence? {
        guard paths.reportDefinitions != nil || paths.exports != nil || paths.budgets != nil else { return nil }
        var evidence = BillingEvidence()
        if let path = paths.reportDefinitions {
            evidence.reportDefinitions = try list(path, "ReportDefinitions").map(CURReportDefinition.init(json:))
        } else {
            evidence.gaps.append("Cost and Usage Report needs --report-definitions FILE")
        }
        if let path = paths.exports {
            evidence.exports = try list(path, "Exports").map(DataExport.init(json:))
        } else {
            evidence.gaps.append("Data Exports needs --exports FILE")
        }
        if let path = paths.budgets { evidence.budgets = try list(path, "Budgets").map(Budget.init(json:)) }
        return evidence
    }

    private static func list(_ path: String, _ key: String) throws -> [JSONObject] {
        guard let items = try object(path)[key]?.arrayValue else { throw AuditError(.invalidInput, "\(path): expected {\"\(key)\": [...]}") }
        return items.compactMap(\.objectValue)
    }

    private static func object(_ path: String) throws -> JSONObject {
        guard let object = try value(path).objectValue else { throw AuditError(.invalidInput, "\(path): expected a JSON object") }
        return object
    }

    private static func value(_ path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else { throw AuditError(.invalidInput, "\(path): cannot read the file") }
        guard data.count <= maximumFileSize else {
            throw AuditError(.invalidInput, "\(path): \(data.count) bytes is more than the limit of \(maximumFileSize)")
        }
        do {
            return try JSONReader.parse(data, maximumSize: maximumFileSize)
        } catch {
            throw AuditError(.invalidInput, error.reason(in: path))
        }
    }
}
