/// The AWS services credkit calls that are not STS, with what a client needs to reach them:
/// endpoint prefix, signing name, JSON target prefix and whether they are regional. IAM is here
/// for its `AWS_ENDPOINT_URL_IAM` override; `AWSClientConfiguration.iamEndpoint` places it.
public enum AWSService: String, Sendable, Hashable, CaseIterable {
    /// AWS Identity and Access Management (Query protocol, one endpoint per partition).
    case iam
    /// Amazon EC2, for `DescribeRegions` (Query protocol).
    case ec2
    /// AWS CloudTrail (JSON 1.1).
    case cloudTrail = "cloudtrail"
    /// Amazon S3 (REST/XML).
    case s3
    /// AWS Budgets (JSON 1.1, one endpoint in us-east-1).
    case budgets
    /// The Cost and Usage Report service (JSON 1.1, us-east-1 only).
    case costAndUsageReport = "cur"
    /// AWS Data Exports (JSON 1.1, us-east-1 only).
    case dataExports = "bcm-data-exports"
    /// AWS Organizations (JSON 1.1, one endpoint in us-east-1), for `ListAccounts`.
    case organizations

    /// The host prefix and SigV4 service name.
    public var signingName: String { rawValue }

    /// The IAM prefix of the service's actions, for access-denied messages.
    public var permissionPrefix: String { rawValue }

    /// The `X-Amz-Target` prefix of JSON-protocol services (from botocore's service models).
    public var targetPrefix: String? {
        switch self {
        case .cloudTrail: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
        case .budgets: "AWSBudgetServiceGateway"
        case .costAndUsageReport: "AWSOrigamiServiceGatewayService"
        case .dataExports: "AWSBillingAndCostManagementDataExports"
        case .organizations: "AWSOrganizationsV20161128"
        case .iam, .ec2, .s3: nil
        }
    }

    /// Whether the service has an endpoint per region (else one, in us-east-1 for `aws`).
    public var isRegional: Bool {
        switch self {
        case .ec2, .cloudTrail, .s3: true
        case .iam, .budgets, .costAndUsageReport, .dataExports, .organizations: false
        }
    }

    /// The suffix of the SDKs' per-service endpoint variable, `AWS_ENDPOINT_URL_<suffix>`
    /// (the service ID, upper-cased, spaces as underscores).
    public var endpointVariableSuffix: String {
        switch self {
        case .iam: "IAM"
        case .ec2: "EC2"
        case .cloudTrail: "CLOUDTRAIL"
        case .s3: "S3"
        case .budgets: "BUDGETS"
        case .costAndUsageReport: "COST_AND_USAGE_REPORT_SERVICE"
        case .dataExports: "BCM_DATA_EXPORTS"
        case .organizations: "ORGANIZATIONS"
        }
    }
}
