import CredKitHTTP
import Foundation

/// Where and how the chain's own calls go (STS AssumeRole*, the SSO portal): region, endpoint
/// override, CA bundle, proxies, the per-call timeout and the `--verbose` trace.
public struct AWSConnectionSettings: Sendable {
    /// The region (decides the STS endpoint and the partition).
    public var region: String
    /// `--endpoint-url` / `AWS_ENDPOINT_URL`: STS calls go there too (moto in tests).
    public var endpointURL: URL?
    /// A PEM file of trusted certificate authorities instead of the system's.
    public var caBundle: String?
    /// The HTTP proxies.
    public var proxies: ProxySettings
    /// Seconds one call may take.
    public var timeout: Double
    /// Receives a line per call, for `--verbose`.
    public var trace: AWSTrace?
    /// Endpoints for single services (`AWS_ENDPOINT_URL_CLOUDTRAIL`, ...), ahead of `endpointURL`.
    public var serviceEndpoints: [AWSService: URL] = [:]

    /// Creates settings.
    public init(region: String = "us-east-1", endpointURL: URL? = nil, caBundle: String? = nil,
                proxies: ProxySettings = ProxySettings(), timeout: Double = AWSClientConfiguration.defaultTimeout,
                trace: AWSTrace? = nil) {
        self.region = region
        self.endpointURL = endpointURL
        self.caBundle = caBundle
        self.proxies = proxies
        self.timeout = timeout
        self.trace = trace
    }

    /// A client configuration signing with `credentials`.
    public func configuration(_ credentials: AWSCredentials) -> AWSClientConfiguration {
        var configuration = AWSClientConfiguration(credentials: credentials, region: region, endpointURL: endpointURL,
                                                   caBundle: caBundle, proxies: proxies)
        configuration.timeout = timeout
        configuration.trace = trace
        configuration.serviceEndpoints = serviceEndpoints
        return configuration
    }
}
