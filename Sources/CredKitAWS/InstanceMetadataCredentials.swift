import CredKitHTTP
import Foundation

/// An EC2 instance profile through the instance metadata service, IMDSv2: a session token
/// first (`PUT /latest/api/token`), then the role name and its credentials. Requests time out
/// after `requestTimeout` and are tried once, as botocore does, so a laptop without IMDS waits
/// one second at most. `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves the service (tests use
/// loopback); `AWS_EC2_METADATA_DISABLED=true` switches it off. When the token request is refused
/// (403, 404, 405: an old or proxied service), IMDSv1 is used unless `AWS_EC2_METADATA_V1_DISABLED=true`.
/// A token request that gets no answer is what a hop limit of 1 looks like from a container:
/// the service counts as absent.
public struct InstanceMetadataCredentials: CredentialProvider {
    /// The service's address.
    public static let defaultEndpoint = "http://169.254.169.254"
    /// Seconds one request may take (botocore's `metadata_service_timeout`: 1).
    public static let requestTimeout: Double = 1
    /// Seconds the session token is asked to live.
    public static let tokenLifetime = 21_600
    /// The largest answer read, in bytes.
    public static let maximumAnswerBytes = MetadataCredentialsDocument.maximumBytes

    /// The service's base URL.
    public let endpoint: URL
    /// Whether falling back to IMDSv1 is allowed.
    public let allowsVersion1: Bool
    /// Seconds one request may take.
    public let timeout: Double

    /// Creates the provider.
    public init(endpoint: URL, allowsVersion1: Bool = true, timeout: Double = InstanceMetadataCredentials.requestTimeout) {
        self.endpoint = endpoint
        self.allowsVersion1 = allowsVersion1
        self.timeout = timeout
    }

    /// The provider the environment describes, or nil when `AWS_EC2_METADATA_DISABLED` is `true`.
    public static func fromEnvironment(_ environment: [String: String]) throws -> InstanceMetadataCredentials? {
        func flag(_ name: String) -> Bool { environment[name]?.trimmingCharacters(in: .whitespaces).lowercased() == "true" }
        if flag("AWS_EC2_METADATA_DISABLED") { return nil }
        let text = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultEndpoint
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw AWSError(.invalidInput, "AWS_EC2_METADATA_SERVICE_ENDPOINT '\(CredentialsChain.withoutUserInfo(text))' is not an http(s) URL")
        }
        return InstanceMetadataCredentials(endpoint: url, allowsVersion1: !flag("AWS_EC2_METADATA_V1_DISABLED"))
    }

    public var sourceDescription: String { "EC2 instance metadata (\(endpoint.redactedForDisplay))" }

    public func credentials() async throws -> AWSCredentials {
        let http = HTTPClient(timeout: timeout, proxies: ProxySettings(), maximumBodySize: Self.maximumAnswerBytes)
        let what = "EC2 instance metadata at \(endpoint.redactedForDisplay)"
        var headers: [(name: String, value: String)] = []
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await http.send("PUT", to: url("/latest/api/token"),
                                                headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenLifetime))])
        } catch let error as HTTPError {
            throw AWSError(.credentialsNotFound, "\(what): no answer to the session token request (\(error.reason))")
        }
        switch tokenResponse.status {
        case 200:
            let token = String(decoding: tokenResponse.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty, !token.utf8.contains(where: { $0 < 0x20 }) else {
                throw AWSError(.transport, "\(what): the session token answer is empty or not a token")
            }
            headers.append(("X-aws-ec2-metadata-token", token))
        case let status where [403, 404, 405].contains(status) && allowsVersion1:
            break
        default:
            throw AWSError(.credentialsNotFound, "\(what): the session token request got HTTP \(tokenResponse.status)"
                           + (allowsVersion1 ? "" : " and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)"))
        }
        let roles = try await get("/latest/meta-data/iam/security-credentials/", headers: headers, http: http, what: what)
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init),
              !role.isEmpty, !role.contains("/") else {
            throw AWSError(.credentialsNotFound, "\(what): this instance has no IAM role (instance profile)")
        }
        let document = try await get("/latest/meta-data/iam/security-credentials/" + role, headers: headers, http: http, what: what)
        return try MetadataCredentialsDocument.parse(Data(document), what: what, source: "EC2 instance metadata (role \(role))")
    }

    private func get(_ path: String, headers: [(name: String, value: String)], http: HTTPClient, what: String) async throws -> Data {
        let response: HTTPResponse
        do {
            response = try await http.send("GET", to: url(path), headers: headers)
        } catch let error as HTTPError {
            throw AWSError(.credentialsNotFound, "\(what): \(path): \(error.reason)")
        }
        if response.status == 404 {
            throw AWSError(.credentialsNotFound, "\(what): this instance has no IAM role (instance profile)")
        }
        guard response.status == 200 else {
            throw AWSError(.credentialsNotFound, "\(what): \(path): HTTP \(response.status)")
        }
        return response.body
    }

    private func url(_ path: String) -> URL {
        let base = endpoint.absoluteString.hasSuffix("/") ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        return URL(string: base + path) ?? endpoint
    }
}
