import CredKitHTTP
import CredKitJSON
import Foundation

/// Calls an AWS JSON-protocol API (`awsJson1_1`: CloudTrail, Budgets, CUR, Data Exports):
/// a POST of a JSON body naming the operation in `X-Amz-Target`, SigV4-signed, with the same
/// retries, deadline and errors as `AWSQueryClient`. Answers are read with CredKitJSON.
public struct AWSJSONClient: Sendable {
    /// The endpoint, e.g. `https://cloudtrail.us-east-1.amazonaws.com/`.
    public let endpoint: URL
    /// The signer (credentials, signing region, service).
    public let signer: SigV4Signer
    /// The `X-Amz-Target` prefix (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`).
    public let targetPrefix: String
    /// The IAM prefix of the service's actions (`cloudtrail`), for access-denied messages.
    public let permissionPrefix: String
    /// How throttled and failed calls are retried.
    public var retry: RetryPolicy
    /// Seconds before a call gives up, every attempt and wait included.
    public var timeout: Double
    /// A PEM file of trusted certificate authorities used instead of the system's.
    public var caBundle: String?
    /// The HTTP proxies to go through.
    public var proxies: ProxySettings
    /// The signing clock, injected so tests pin it.
    public var clock: @Sendable () -> Date
    /// Where current credentials come from, refreshed before expiry; nil signs with `signer`'s.
    public var credentialProvider: (any CredentialProvider)?
    /// Receives a line per request (`--verbose`).
    public var trace: AWSTrace?

    /// The largest answer read, in bytes.
    public static let maximumResponseBytes = 16 << 20

    /// Creates a client.
    public init(endpoint: URL, signer: SigV4Signer, targetPrefix: String, permissionPrefix: String,
                retry: RetryPolicy = RetryPolicy(), timeout: Double = 30, caBundle: String? = nil,
                proxies: ProxySettings = ProxySettings(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.endpoint = endpoint
        self.signer = signer
        self.targetPrefix = targetPrefix
        self.permissionPrefix = permissionPrefix
        self.retry = retry
        self.timeout = timeout
        self.caBundle = caBundle
        self.proxies = proxies
        self.clock = clock
    }

    /// Creates a client for `service` with the configuration's endpoint, signing region and settings.
    public init(service: AWSService, configuration: AWSClientConfiguration, region: String? = nil,
                retry: RetryPolicy = RetryPolicy(), clock: @escaping @Sendable () -> Date = { Date() }) {
        let endpoint = configuration.endpoint(for: service, region: region)
        self.init(endpoint: endpoint.url,
                  signer: SigV4Signer(credentials: configuration.credentials, region: endpoint.signingRegion, service: service.signingName),
                  targetPrefix: service.targetPrefix ?? "", permissionPrefix: service.permissionPrefix, retry: retry,
                  timeout: configuration.timeout, caBundle: configuration.caBundle, proxies: configuration.proxies, clock: clock)
        credentialProvider = configuration.credentialProvider
        trace = configuration.trace
    }

    /// Performs `operation` with `body` and returns the answer's top-level object.
    /// - Throws: `AWSError` as `AWSQueryClient.call` does (access denied names
    ///   `prefix:Operation`), and `.transport` when the answer is not a JSON object.
    public func call(_ operation: String, _ body: AWSJSONBody = .empty) async throws -> JSONObject {
        let request = AWSRequestSender.Request(
            method: "POST",
            headers: [.init("Content-Type", "application/x-amz-json-1.1"), .init("X-Amz-Target", "\(targetPrefix).\(operation)")],
            body: Array(body.text.utf8))
        let permission = "\(permissionPrefix):\(operation)"
        let response = try await sender.send(operation, request) { Self.error(operation: operation, permission: permission, response: $0) }
        if response.body.isEmpty { return JSONObject(members: []) }
        do {
            guard let object = try JSONReader.parse(response.body, maximumSize: Self.maximumResponseBytes).objectValue else {
                throw AWSError(.transport, "\(operation): the answer is not a JSON object")
            }
            return object
        } catch let error as JSONError {
            throw AWSError(.transport, "\(operation): the answer is not valid JSON (\(error.description))")
        }
    }

    /// Calls a paginated operation, passing `NextToken` on while the answer has one, and
    /// returns the elements of `listName` from every page.
    public func callPaginated(_ operation: String, listName: String, _ members: [(String, AWSJSONBody)] = []) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        var pages = 0
        repeat {
            let page = members + (token.map { [("NextToken", AWSJSONBody.string($0))] } ?? [])
            let answer = try await call(operation, .object(page))
            items += answer[listName]?.arrayValue ?? []
            let next = answer["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if next != nil, next == token { throw AWSError(.transport, "\(operation): the same NextToken came back twice") }
            token = next
            pages += 1
            if pages > 10_000 { throw AWSError(.transport, "\(operation): more than 10000 pages; giving up") }
        } while token != nil
        return items
    }

    private var sender: AWSRequestSender {
        AWSRequestSender(endpoint: endpoint, signer: signer, retry: retry, timeout: timeout, caBundle: caBundle,
                         proxies: proxies, clock: clock, credentialProvider: credentialProvider, trace: trace)
    }

    /// Reads a JSON-protocol error: `__type` (`prefix#Code`) or the `x-amzn-ErrorType` header,
    /// and `message` or `Message`.
    static func error(operation: String, permission: String, response: HTTPResponse) -> AWSError {
        let object = (try? JSONReader.parse(response.body, maximumSize: maximumResponseBytes))?.objectValue
        let type = object?["__type"]?.stringValue ?? object?["code"]?.stringValue ?? response.header("x-amzn-ErrorType")
        let code = type.map { text -> String in
            let afterHash = text.split(separator: "#").last.map(String.init) ?? text
            return afterHash.split(separator: ":").first.map(String.init) ?? afterHash
        }
        let message = object?["message"]?.stringValue ?? object?["Message"]?.stringValue
        return AWSError.service(operation: operation, permission: permission, status: response.status, code: code, message: message)
    }
}
