import CredKitJSON

/// A trail as `DescribeTrails` (and `aws cloudtrail describe-trails`) gives it.
public struct CloudTrailTrail: Sendable, Hashable {
    /// The trail name.
    public var name: String
    /// The trail ARN; shadow copies of a multi-Region trail share it.
    public var arn: String
    /// The Region the trail was created in.
    public var homeRegion: String?
    /// The bucket the logs go to.
    public var s3BucketName: String?
    /// Whether the trail records every Region.
    public var isMultiRegion: Bool
    /// Whether digest files let log integrity be validated (CIS 3.2).
    public var logFileValidation: Bool
    /// The KMS key that encrypts the logs, if any (CIS 3.5).
    public var kmsKeyID: String?
    /// The CloudWatch Logs log group the trail sends to, if any (CIS 3.4).
    public var cloudWatchLogsLogGroupARN: String?
    /// Whether it is an organization trail.
    public var isOrganizationTrail: Bool

    /// Creates a trail value.
    public init(name: String, arn: String, homeRegion: String? = nil, s3BucketName: String? = nil, isMultiRegion: Bool = false,
                logFileValidation: Bool = false, kmsKeyID: String? = nil, cloudWatchLogsLogGroupARN: String? = nil,
                isOrganizationTrail: Bool = false) {
        self.name = name
        self.arn = arn
        self.homeRegion = homeRegion
        self.s3BucketName = s3BucketName
        self.isMultiRegion = isMultiRegion
        self.logFileValidation = logFileValidation
        self.kmsKeyID = kmsKeyID
        self.cloudWatchLogsLogGroupARN = cloudWatchLogsLogGroupARN
        self.isOrganizationTrail = isOrganizationTrail
    }

    /// Reads one element of `trailList`.
    public init(json: JSONObject) {
        self.init(name: json["Name"]?.stringValue ?? "", arn: json["TrailARN"]?.stringValue ?? json["Name"]?.stringValue ?? "",
                  homeRegion: json["HomeRegion"]?.stringValue, s3BucketName: json["S3BucketName"]?.stringValue,
                  isMultiRegion: json["IsMultiRegionTrail"]?.boolValue ?? false,
                  logFileValidation: json["LogFileValidationEnabled"]?.boolValue ?? false,
                  kmsKeyID: json["KmsKeyId"]?.stringValue, cloudWatchLogsLogGroupARN: json["CloudWatchLogsLogGroupArn"]?.stringValue,
                  isOrganizationTrail: json["IsOrganizationTrail"]?.boolValue ?? false)
    }
}

/// Which management events a trail records (`GetEventSelectors`, basic or advanced selectors).
public struct CloudTrailEventCoverage: Sendable, Hashable {
    /// Read-only management events are recorded.
    public var managementRead: Bool
    /// Write management events are recorded.
    public var managementWrite: Bool

    /// Creates a coverage value.
    public init(managementRead: Bool, managementWrite: Bool) {
        self.managementRead = managementRead
        self.managementWrite = managementWrite
    }

    /// Reads a `GetEventSelectors` answer. Basic selectors count when `IncludeManagementEvents`
    /// is true (`ReadWriteType` `All`, `ReadOnly` or `WriteOnly`); advanced ones when they select
    /// `eventCategory = Management`, narrowed by a `readOnly` field if present. No selectors at
    /// all records nothing.
    public init(json: JSONObject) {
        var read = false
        var write = false
        for selector in json["EventSelectors"]?.arrayValue ?? [] {
            guard let object = selector.objectValue, object["IncludeManagementEvents"]?.boolValue ?? true else { continue }
            switch object["ReadWriteType"]?.stringValue ?? "All" {
            case "ReadOnly": read = true
            case "WriteOnly": write = true
            default: read = true; write = true
            }
        }
        for selector in json["AdvancedEventSelectors"]?.arrayValue ?? [] {
            let fields = selector.objectValue?["FieldSelectors"]?.arrayValue?.compactMap(\.objectValue) ?? []
            func equals(_ field: String) -> [String]? {
                fields.first { $0["Field"]?.stringValue == field }.map { $0["Equals"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            }
            guard equals("eventCategory")?.contains("Management") == true else { continue }
            switch equals("readOnly") {
            case nil: read = true; write = true
            case let values?:
                if values.contains("true") { read = true }
                if values.contains("false") { write = true }
            }
        }
        self.init(managementRead: read, managementWrite: write)
    }
}

/// The public-access settings of a bucket (`GetPublicAccessBlock`), all four flags.
public struct S3PublicAccessBlock: Sendable, Hashable {
    /// `BlockPublicAcls`.
    public var blockPublicAcls: Bool
    /// `IgnorePublicAcls`.
    public var ignorePublicAcls: Bool
    /// `BlockPublicPolicy`.
    public var blockPublicPolicy: Bool
    /// `RestrictPublicBuckets`.
    public var restrictPublicBuckets: Bool

    /// Creates a value.
    public init(blockPublicAcls: Bool, ignorePublicAcls: Bool, blockPublicPolicy: Bool, restrictPublicBuckets: Bool) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// Whether every kind of public access is blocked.
    public var blocksAll: Bool { blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets }
}
