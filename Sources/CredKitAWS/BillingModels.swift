import CredKitJSON

/// A Cost and Usage Report definition (`cur:DescribeReportDefinitions`).
public struct CURReportDefinition: Sendable, Hashable {
    /// The report name.
    public var name: String
    /// The bucket the report is delivered to.
    public var s3Bucket: String?
    /// The bucket's Region.
    public var s3Region: String?
    /// The last delivery status (`SUCCESS`, `ERROR_PERMISSIONS`, `ERROR_NO_BUCKET`), if any.
    public var lastStatus: String?

    /// Creates a value.
    public init(name: String, s3Bucket: String?, s3Region: String?, lastStatus: String?) {
        self.name = name
        self.s3Bucket = s3Bucket
        self.s3Region = s3Region
        self.lastStatus = lastStatus
    }

    /// Reads one element of `ReportDefinitions`.
    public init(json: JSONObject) {
        self.init(name: json["ReportName"]?.stringValue ?? "", s3Bucket: json["S3Bucket"]?.stringValue,
                  s3Region: json["S3Region"]?.stringValue,
                  lastStatus: json["ReportStatus"]?.objectValue?["lastStatus"]?.stringValue)
    }

    /// Whether deliveries are failing (`ERROR_*`).
    public var isFailing: Bool { lastStatus?.hasPrefix("ERROR") ?? false }
}

/// A Data Exports export (`bcm-data-exports:ListExports`); every export is delivered to S3.
public struct DataExport: Sendable, Hashable {
    /// The export name.
    public var name: String
    /// The export ARN.
    public var arn: String
    /// `HEALTHY` or `UNHEALTHY`, if given.
    public var statusCode: String?

    /// Creates a value.
    public init(name: String, arn: String, statusCode: String?) {
        self.name = name
        self.arn = arn
        self.statusCode = statusCode
    }

    /// Reads one element of `Exports`.
    public init(json: JSONObject) {
        self.init(name: json["ExportName"]?.stringValue ?? "", arn: json["ExportArn"]?.stringValue ?? "",
                  statusCode: json["ExportStatus"]?.objectValue?["StatusCode"]?.stringValue)
    }
}

/// A budget (`budgets:DescribeBudgets`) and how many notifications (alerts) it has.
public struct Budget: Sendable, Hashable {
    /// The budget name.
    public var name: String
    /// `COST`, `USAGE`, ...
    public var type: String?
    /// Its notifications (`DescribeNotificationsForBudget`); nil when not known.
    public var alerts: Int?

    /// Creates a value.
    public init(name: String, type: String?, alerts: Int?) {
        self.name = name
        self.type = type
        self.alerts = alerts
    }

    /// Reads one element of `Budgets`; `Notifications`, when present (credkit's offline
    /// extension of the CLI's output), gives the alert count.
    public init(json: JSONObject) {
        self.init(name: json["BudgetName"]?.stringValue ?? "", type: json["BudgetType"]?.stringValue,
                  alerts: json["Notifications"]?.arrayValue?.count)
    }
}
