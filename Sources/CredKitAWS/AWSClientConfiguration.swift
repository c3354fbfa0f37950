import CredKitHTTP
import Foundation

/// Everything a client needs to call AWS: credentials, region and an optional endpoint override.
public struct AWSClientConfiguration: Sendable {
    /// The credentials that sign requests.
    public var credentials: AWSCredentials
    /// The region (`AWS_REGION`, `--region`, the profile's `region`, else `us-east-1`).
    public var region: String
    /// A custom endpoint for every service (`--endpoint-url`, `AWS_ENDPOINT_URL`), for emulators and other partitions.
    public var endpointURL: URL?
    /// The profile the settings came from, if any.
    public var profile: String?
    /// A PEM file of certificate authorities trusted instead of the system's, for TLS-intercepting
    /// proxies and private endpoints (`AWS_CA_BUNDLE`, the profile's `ca_bundle`).
    public var caBundle: String?
    /// The HTTP proxies requests go through (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`); none by default.
    public var proxies: ProxySettings
    /// Seconds one API call may take, retries and their waits included (`--timeout`).
    public var timeout: Double = AWSClientConfiguration.defaultTimeout
    /// Endpoints for single services (`AWS_ENDPOINT_URL_CLOUDTRAIL`, ...), ahead of `endpointURL`.
    public var serviceEndpoints: [AWSService: URL] = [:]
    /// Where fresh credentials come from once `credentials` near their expiration (the chain's
    /// source, cached); nil signs every request with `credentials`.
    public var credentialProvider: (any CredentialProvider)?
    /// Receives a line per AWS call made (`--verbose`); never a secret.
    public var trace: AWSTrace?

    /// The default for `timeout`, in seconds, for the whole call.
    public static let defaultTimeout: Double = 30

    /// Creates a configuration.
    public init(credentials: AWSCredentials, region: String = "us-east-1", endpointURL: URL? = nil, profile: String? = nil,
                caBundle: String? = nil, proxies: ProxySettings = ProxySettings()) {
        self.credentials = credentials
        self.region = region
        self.endpointURL = endpointURL
        self.profile = profile
        self.caBundle = caBundle
        self.proxies = proxies
    }

    /// The partition of `region`: `aws`, `aws-cn` or `aws-us-gov`.
    public var partition: String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// The IAM endpoint and the region IAM requests are signed for (IAM is global per partition);
    /// `AWS_ENDPOINT_URL_IAM` wins over the general endpoint.
    public var iamEndpoint: (url: URL, signingRegion: String) {
        if let url = serviceEndpoints[.iam] ?? endpointURL { return (url, partition == "aws" ? "us-east-1" : region) }
        switch partition {
        case "aws-cn": return (Self.url("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1")
        case "aws-us-gov": return (Self.url("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1")
        default: return (Self.url("https://iam.amazonaws.com/"), "us-east-1")
        }
    }

    /// The regional STS endpoint and its signing region.
    public var stsEndpoint: (url: URL, signingRegion: String) {
        if let endpointURL { return (endpointURL, region) }
        let suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"
        return (Self.url("https://sts.\(region).\(suffix)/"), region)
    }

    private static func url(_ text: String) -> URL {
        // Literal, well-formed URLs; the fallback only keeps the type non-optional.
        URL(string: text) ?? URL(fileURLWithPath: "/")
    }
}
