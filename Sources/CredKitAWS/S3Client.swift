import CredKitCrypto
import Foundation

/// The few S3 bucket reads the checklist needs (REST, path-style, SigV4 with
/// `x-amz-content-sha256`): where a bucket is and whether it is public.
public struct S3Client: Sendable {
    /// The configuration (credentials, endpoint override, timeouts).
    public var configuration: AWSClientConfiguration
    /// How failed calls are retried.
    public var retry: RetryPolicy
    /// The signing clock.
    public var clock: @Sendable () -> Date

    /// Creates a client.
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.retry = retry
        self.clock = clock
    }

    /// The bucket's Region (`GetBucketLocation`, asked of us-east-1 as the SDKs do); the
    /// configured Region with an endpoint override.
    public func bucketRegion(_ bucket: String) async throws -> String {
        if configuration.endpointURL != nil || configuration.serviceEndpoints[.s3] != nil { return configuration.region }
        let answer = try await get(bucket, "location", operation: "GetBucketLocation", region: "us-east-1")
        let text = answer.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "us-east-1" : (text == "EU" ? "eu-west-1" : text)
    }

    /// The bucket's Block Public Access settings; nil when none are set
    /// (`NoSuchPublicAccessBlockConfiguration`).
    public func publicAccessBlock(_ bucket: String, region: String) async throws -> S3PublicAccessBlock? {
        let answer: QueryXMLNode
        do {
            answer = try await get(bucket, "publicAccessBlock", operation: "GetPublicAccessBlock", region: region)
        } catch let error as AWSError where error.serviceCode == "NoSuchPublicAccessBlockConfiguration" {
            return nil
        }
        func flag(_ name: String) -> Bool { answer.value(name)?.lowercased() == "true" }
        return S3PublicAccessBlock(blockPublicAcls: flag("BlockPublicAcls"), ignorePublicAcls: flag("IgnorePublicAcls"),
                                   blockPublicPolicy: flag("BlockPublicPolicy"), restrictPublicBuckets: flag("RestrictPublicBuckets"))
    }

    /// Whether the bucket policy makes the bucket public (`GetBucketPolicyStatus`); nil when the
    /// bucket has no policy (AWS answers `NoSuchBucketPolicy`, moto an empty status).
    public func policyIsPublic(_ bucket: String, region: String) async throws -> Bool? {
        let answer: QueryXMLNode
        do {
            answer = try await get(bucket, "policyStatus", operation: "GetBucketPolicyStatus", region: region)
        } catch let error as AWSError where error.serviceCode == "NoSuchBucketPolicy" {
            return nil
        }
        guard let value = answer.value("IsPublic") else { return nil }
        return value.lowercased() == "true"
    }

    private func get(_ bucket: String, _ subresource: String, operation: String, region: String) async throws -> QueryXMLNode {
        let endpoint = configuration.endpoint(for: .s3, region: region)
        let sender = AWSRequestSender(
            endpoint: endpoint.url, signer: SigV4Signer(credentials: configuration.credentials, region: endpoint.signingRegion, service: "s3"),
            retry: retry, timeout: configuration.timeout, caBundle: configuration.caBundle, proxies: configuration.proxies, clock: clock,
            credentialProvider: configuration.credentialProvider, trace: configuration.trace)
        let request = AWSRequestSender.Request(
            method: "GET", path: "/\(bucket)", query: [.init(subresource, "")],
            headers: [.init("x-amz-content-sha256", Self.emptyPayloadHash)])
        let permission = "s3:\(operation)"
        let response = try await sender.send(operation, request) {
            AWSQueryClient.error(action: operation, permission: permission, status: $0.status, data: $0.body)
        }
        return try QueryXMLNode.parse(response.body)
    }

    /// SHA-256 of the empty body, hex.
    static let emptyPayloadHash = Hex.encode(Digest.hash(.sha256, [UInt8]()))
}
