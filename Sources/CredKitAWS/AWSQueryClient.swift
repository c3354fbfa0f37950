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
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        var attempt = 0
        while true {
            do {
                return try await send(action: action, body: body, timeLeft: Self.seconds(until: deadline))
            } catch let failure as RetryableFailure {
                attempt += 1
                guard attempt < retry.maximumAttempts else { throw failure.error }
                let delay = retry.delay(beforeRetry: attempt - 1)
                // No attempt is started that could not get an answer within the call's time.
                let givenUp = AWSError(failure.error.code, failure.error.reason
                                       + " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s") within the \(Self.shown(timeout))-second timeout)",
                                       serviceCode: failure.error.serviceCode, httpStatus: failure.error.httpStatus)
                guard Self.seconds(until: deadline) > delay + Self.shortestAttempt else { throw givenUp }
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                guard Self.seconds(until: deadline) > Self.shortestAttempt else { throw givenUp }
            }
        }
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

    private struct RetryableFailure: Error { let error: AWSError }

    /// Below this many seconds left, another attempt is not started.
    static let shortestAttempt = 0.05

    private static func seconds(until deadline: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = (deadline - .now).components
        return max(0, Double(seconds) + Double(attoseconds) / 1e18)
    }

    private func currentSigner() async throws -> SigV4Signer {
        guard let credentialProvider else { return signer }
        return SigV4Signer(credentials: try await credentialProvider.credentials(), region: signer.region, service: signer.service)
    }

    private static func shown(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private func send(action: String, body: [UInt8], timeLeft: Double) async throws -> QueryXMLNode {
        let host = HTTPClient.hostHeader(for: endpoint) ?? ""
        let path = endpoint.path.isEmpty ? "/" : endpoint.path
        let unsigned = SigV4Request(
            method: "POST", host: host, path: path,
            headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: body)
        let signer = try await currentSigner()
        let signed = signsRequests ? signer.signed(unsigned, at: clock()) : unsigned
        let headers = signed.headers.filter { $0.name.lowercased() != "host" }.map { (name: $0.name, value: $0.value) }
        let http = HTTPClient(timeout: timeLeft, caBundle: caBundle, proxies: proxies)

        let response: HTTPResponse
        do {
            response = try await http.send("POST", to: endpoint, headers: headers, body: body)
        } catch let error as HTTPError where error.code == .invalidRequest {
            throw AWSError(.invalidInput, "\(action): \(error.reason)")
        } catch let error as HTTPError {
            let reason = "\(action): cannot reach \(endpoint.redactedForDisplay): \(error.reason)"
            trace?("AWS call: \(signer.service) \(action) at \(endpoint.redactedForDisplay): \(error.reason)")
            throw RetryableFailure(error: AWSError(.transport, reason))
        }
        trace?("AWS call: \(signer.service) \(action) at \(endpoint.redactedForDisplay): HTTP \(response.status)")
        let status = response.status
        let data = response.body
        if (200...299).contains(status) {
            let document = try QueryXMLNode.parse(data)
            return document.child("\(action)Result") ?? document
        }
        let failure = Self.error(action: action, status: status, data: data, credentials: signer.credentials)
        if RetryPolicy.isRetryable(status: status, code: failure.serviceCode) {
            throw RetryableFailure(error: failure)
        }
        throw failure
    }

    /// Maps an error response to an `AWSError` with a reason that says what to do.
    static func error(action: String, status: Int, data: Data, credentials: AWSCredentials? = nil) -> AWSError {
        let document = try? QueryXMLNode.parse(data)
        let error = document?.path("Error") ?? document?.child("Errors")?.child("Error")
        let code = error?.value("Code")
        let message = redactKeyIDs(error?.value("Message") ?? "")
        let detail = message.isEmpty ? "" : " (AWS: \(message))"
        switch code {
        case "SignatureDoesNotMatch":
            return AWSError(.signatureDoesNotMatch,
                            "\(action): SignatureDoesNotMatch: the secret access key does not match the access key ID, or the clock is off\(detail)",
                            serviceCode: code, httpStatus: status)
        case "InvalidClientTokenId", "InvalidAccessKeyId", "UnrecognizedClientException":
            let cause = credentials.flatMap(Self.tokenMismatch)
                ?? "AWS does not know this access key ID (deleted, mistyped, or another partition)"
            return AWSError(.invalidClientTokenId, "\(action): \(code ?? "InvalidClientTokenId"): \(cause)\(detail)",
                            serviceCode: code, httpStatus: status)
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            return AWSError(.expiredToken, "\(action): \(code ?? "ExpiredToken"): the credentials have expired; get fresh ones\(detail)",
                            serviceCode: code, httpStatus: status)
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
            return AWSError(.accessDenied, "\(action): AccessDenied: these credentials may not call iam:\(action)\(detail)",
                            serviceCode: code, httpStatus: status)
        case "NoSuchEntity":
            return AWSError(.noSuchEntity, "\(action): NoSuchEntity\(detail)", serviceCode: code, httpStatus: status)
        case "LimitExceeded":
            return AWSError(.limitExceeded, "\(action): LimitExceeded\(detail)", serviceCode: code, httpStatus: status)
        case "ReportInProgress":
            return AWSError(.reportInProgress, "\(action): ReportInProgress\(detail)", serviceCode: code, httpStatus: status)
        case let code? where RetryPolicy.retryableCodes.contains(code):
            return AWSError(.throttled, "\(action): \(code) (HTTP \(status)), still failing after retries\(detail)",
                            serviceCode: code, httpStatus: status)
        case let code?:
            return AWSError(.serviceError, "\(action): \(code) (HTTP \(status))\(detail)", serviceCode: code, httpStatus: status)
        case nil:
            return AWSError(status == 429 ? .throttled : .transport,
                            "\(action): HTTP \(status) without an AWS error document", httpStatus: status)
        }
    }

    /// The cause AWS's InvalidClientTokenId hides when the key and the session token do not go
    /// together: temporary (ASIA) keys need their token; long-term (AKIA) keys take none.
    static func tokenMismatch(_ credentials: AWSCredentials) -> String? {
        let id = credentials.accessKeyID
        if id.hasPrefix("ASIA"), credentials.sessionToken == nil {
            return "\(AccessKeyID.redact(id)) is a temporary (ASIA) key, and no session token was given with it "
                + "(set AWS_SESSION_TOKEN, or aws_session_token in the profile, from the same credentials)"
        }
        if id.hasPrefix("AKIA"), credentials.sessionToken != nil {
            return "\(AccessKeyID.redact(id)) is a long-term (AKIA) key, but a session token was given with it "
                + "(a stray AWS_SESSION_TOKEN or aws_session_token from other credentials? remove it)"
        }
        return nil
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
