import CredKitHTTP
import Foundation

/// Calls an AWS Query API (IAM, STS): form-encoded POST, SigV4-signed, XML answers,
/// with retries on throttling and server errors and clear errors for credential problems.
public struct AWSQueryClient: Sendable {
    /// The endpoint, e.g. `https://iam.amazonaws.com/`.
    public let endpoint: URL
    /// The signer (credentials, signing region, service).
    public let signer: SigV4Signer
    /// The API version (`2010-05-08` for IAM, `2011-06-15` for STS).
    public let version: String
    /// How throttled and failed calls are retried.
    public var retry: RetryPolicy
    /// The signing clock, injected so tests pin it.
    public var clock: @Sendable () -> Date
    /// Seconds before a call gives up: every attempt and every wait between attempts ends
    /// within it, whatever the server does.
    public var timeout: Double
    /// A PEM file of trusted certificate authorities used instead of the system's (`AWS_CA_BUNDLE`).
    public var caBundle: String?
    /// The HTTP proxies to go through (`HTTPS_PROXY`, `NO_PROXY`, ...).
    public var proxies: ProxySettings
    /// Where current credentials come from; when set, each request is signed with what it gives
    /// (refreshed before expiry) instead of `signer.credentials`.
    public var credentialProvider: (any CredentialProvider)?
    /// Receives a line per request (`--verbose`).
    public var trace: AWSTrace?
    /// False for the few calls AWS takes unsigned (`AssumeRoleWithWebIdentity`).
    public var signsRequests = true

    /// Creates a client.
    public init(endpoint: URL, signer: SigV4Signer, version: String, retry: RetryPolicy = RetryPolicy(),
                timeout: Double = 30, caBundle: String? = nil, proxies: ProxySettings = ProxySettings(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.endpoint = endpoint
        self.signer = signer
        self.version = version
        self.retry = retry
        self.timeout = timeout
        self.caBundle = caBundle
        self.proxies = proxies
        self.clock = clock
    }

    /// Performs `action` with `parameters` and returns the `<ActionResult>` element
    /// (or the whole document when there is none).
    /// - Throws: `AWSError` with a code for SignatureDoesNotMatch, InvalidClientTokenId,
    ///   ExpiredToken, AccessDenied, NoSuchEntity, throttling that outlasted the retries, and
    ///   transport failures.
    public func call(_ action: String, _ parameters: [(String, String)] = []) async throws -> QueryXMLNode {
        let body = formBody([("Action", action), ("Version", version)] + parameters)
        let request = AWSRequestSender.Request(
            method: "POST", headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body)
        let permission = "\(signer.service):\(action)"
        let response = try await sender.send(action, request) { Self.error(action: action, permission: permission, status: $0.status, data: $0.body) }
        let document = try QueryXMLNode.parse(response.body)
        return document.child("\(action)Result") ?? document
    }

    /// Calls a paginated List action, following `Marker` while `IsTruncated` is true, and
    /// returns the `<member>` elements of `listName` from every page.
    public func callPaginated(_ action: String, listName: String, _ parameters: [(String, String)] = [],
                              pageSize: Int? = nil) async throws -> [QueryXMLNode] {
        var members: [QueryXMLNode] = []
        var marker: String?
        var pages = 0
        repeat {
            var page = parameters
            if let pageSize { page.append(("MaxItems", String(pageSize))) }
            if let marker { page.append(("Marker", marker)) }
            let result = try await call(action, page)
            members += result.members(listName)
            pages += 1
            let truncated = result.value("IsTruncated")?.lowercased() == "true"
            let next = result.value("Marker")
            if truncated, next == nil || next == marker {
                throw AWSError(.transport, "\(action): the response says IsTruncated but gives no new Marker")
            }
            marker = truncated ? next : nil
            if pages > 100_000 { throw AWSError(.transport, "\(action): more than 100000 pages; giving up") }
        } while marker != nil
        return members
    }

    /// The shared sender built from this client's settings.
    private var sender: AWSRequestSender {
        AWSRequestSender(endpoint: endpoint, signer: signer, retry: retry, timeout: timeout, caBundle: caBundle,
                         proxies: proxies, clock: clock, credentialProvider: credentialProvider, trace: trace,
                         signsRequests: signsRequests)
    }

    /// Maps an error response (`<ErrorResponse><Error>`, EC2's `<Response><Errors><Error>`,
    /// S3's bare `<Error>`) to an `AWSError` with a reason that says what to do.
    static func error(action: String, permission: String? = nil, status: Int, data: Data) -> AWSError {
        let document = try? QueryXMLNode.parse(data)
        let error = document?.name == "Error" ? document : document?.path("Error") ?? document?.child("Errors")?.child("Error")
        return AWSError.service(operation: action, permission: permission ?? "iam:\(action)", status: status,
                                code: error?.value("Code"), message: error?.value("Message"))
    }

    /// Masks anything shaped like an access key ID in text that came from the network.
    static func redactKeyIDs(_ text: String) -> String {
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let core = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:'\"()[]"))
            if AccessKeyID.isWellFormed(core), core.hasPrefix("AKIA") || core.hasPrefix("ASIA") || core.hasPrefix("AIDA") {
                words.append(word.replacingOccurrences(of: core, with: AccessKeyID.redact(core)))
            } else {
                words.append(String(word))
            }
        }
        return words.joined(separator: " ")
    }

    /// `application/x-www-form-urlencoded` with AWS's percent-encoding.
    func formBody(_ parameters: [(String, String)]) -> [UInt8] {
        Array(parameters.map {
            "\(SigV4Signer.percentEncode($0.0, keepSlash: false))=\(SigV4Signer.percentEncode($0.1, keepSlash: false))"
        }.joined(separator: "&").utf8)
    }
}
