import CredKitAWS

/// What is known about one trail: the trail itself and, where fetched or given, its status,
/// its event selectors and its bucket. Nil fields are unknown.
public struct TrailEvidence: Sendable, Hashable {
    /// How public the trail's bucket is.
    public enum BucketExposure: String, Sendable, Hashable {
        /// Block Public Access is on for all four settings.
        case blocked
        /// The bucket policy is not public (or there is none), but Block Public Access is not fully on.
        case notPublic = "not-public"
        /// The bucket policy makes the bucket public.
        case `public`
    }

    /// The trail.
    public var trail: CloudTrailTrail
    /// Whether it is logging now (`GetTrailStatus`).
    public var isLogging: Bool?
    /// The management events it records (`GetEventSelectors`).
    public var coverage: CloudTrailEventCoverage?
    /// How public its bucket is.
    public var bucket: BucketExposure?

    /// Creates evidence.
    public init(trail: CloudTrailTrail, isLogging: Bool? = nil, coverage: CloudTrailEventCoverage? = nil, bucket: BucketExposure? = nil) {
        self.trail = trail
        self.isLogging = isLogging
        self.coverage = coverage
        self.bucket = bucket
    }
}

/// What is known about CloudTrail in the account.
public struct CloudTrailEvidence: Sendable, Hashable {
    /// Every trail, once (shadow copies folded by ARN).
    public var trails: [TrailEvidence]
    /// Why some of it could not be read (`cloudtrail:GetTrailStatus` denied, ...), if anything.
    public var gaps: [String]

    /// Creates evidence.
    public init(trails: [TrailEvidence], gaps: [String] = []) {
        self.trails = trails
        self.gaps = gaps
    }
}

/// What is known about billing reports. A nil list was not read (no input, or denied: see `gaps`).
public struct BillingEvidence: Sendable, Hashable {
    /// Cost and Usage Report definitions.
    public var reportDefinitions: [CURReportDefinition]?
    /// Data Exports exports.
    public var exports: [DataExport]?
    /// Budgets with their alert counts.
    public var budgets: [Budget]?
    /// The permissions that were missing or the inputs not given, for "unknown" messages.
    public var gaps: [String]

    /// Creates evidence.
    public init(reportDefinitions: [CURReportDefinition]? = nil, exports: [DataExport]? = nil, budgets: [Budget]? = nil, gaps: [String] = []) {
        self.reportDefinitions = reportDefinitions
        self.exports = exports
        self.budgets = budgets
        self.gaps = gaps
    }
}
