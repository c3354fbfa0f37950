import CredKitHTTP
import Foundation

/// One signed AWS call with the retries, the whole-call deadline and the transport-error
/// handling every protocol shares (Query, JSON, S3 REST); each protocol only says how its
/// error documents read.
struct AWSRequestSender: Sendable {
    /// The service endpoint (`https://cloudtrail.us-east-1.amazonaws.com/`).
    var endpoint: URL
    /// The signer (credentials, signing region, service).
    var signer: SigV4Signer
    /// How throttled and failed calls are retried.
    var retry: RetryPolicy
    /// Seconds the whole call may take, retries and waits included.
    var timeout: Double
    /// A PEM file of trusted certificate authorities, if not the system's.
    var caBundle: String?
    /// The proxies to go through.
    var proxies: ProxySettings
    /// The signing clock.
    var clock: @Sendable () -> Date
    /// Where current credentials come from, refreshed before expiry; nil signs with `signer`'s.
    var credentialProvider: (any CredentialProvider)? = nil
    /// Receives a line per request (`--verbose`); never a secret.
    var trace: AWSTrace? = nil
    /// False for the few calls AWS takes unsigned (`AssumeRoleWithWebIdentity`).
    var signsRequests = true

    /// A request relative to the endpoint.
    struct Request: Sendable {
        var method: String
        /// Appended to the endpoint's path (`/bucket`); empty for the endpoint itself.
        var path: String = ""
        var query: [SigV4Request.QueryParameter] = []
        var headers: [SigV4Request.Header] = []
        var body: [UInt8] = []
    }

    /// Below this many seconds left, another attempt is not started.
    static let shortestAttempt = 0.05

    /// Sends `request` until it succeeds (2xx), fails in a way retries cannot help, or the
    /// deadline passes; `readError` turns a failed response into an `AWSError`.
    func send(_ operation: String, _ request: Request,
              readError: @Sendable (HTTPResponse) -> AWSError) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        var attempt = 0
        while true {
            do {
                return try await sendOnce(operation, request, timeLeft: Self.seconds(until: deadline), readError: readError)
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

    private struct RetryableFailure: Error { let error: AWSError }

    private func currentSigner() async throws -> SigV4Signer {
        guard let credentialProvider else { return signer }
        return SigV4Signer(credentials: try await credentialProvider.credentials(), region: signer.region, service: signer.service)
    }

    private func sendOnce(_ operation: String, _ request: Request, timeLeft: Double,
                          readError: (HTTPResponse) -> AWSError) async throws -> HTTPResponse {
        let host = HTTPClient.hostHeader(for: endpoint) ?? ""
        let base = endpoint.path.isEmpty ? "/" : endpoint.path
        let path = request.path.isEmpty ? base : (base.hasSuffix("/") ? String(base.dropLast()) : base) + request.path
        let unsigned = SigV4Request(method: request.method, host: host, path: path, query: request.query,
                                    headers: request.headers, body: request.body)
        let signer = try await currentSigner()
        let signed = signsRequests ? signer.signed(unsigned, at: clock()) : unsigned
        let headers = signed.headers.filter { $0.name.lowercased() != "host" }.map { (name: $0.name, value: $0.value) }
        let http = HTTPClient(timeout: timeLeft, caBundle: caBundle, proxies: proxies)
        guard let url = Self.url(endpoint, path: path, query: request.query) else {
            throw AWSError(.invalidInput, "\(operation): cannot form a URL from \(endpoint.redactedForDisplay)")
        }
        let response: HTTPResponse
        do {
            response = try await http.send(request.method, to: url, headers: headers, body: request.body)
        } catch let error as HTTPError where error.code == .invalidRequest {
            throw AWSError(.invalidInput, "\(operation): \(error.reason)")
        } catch let error as HTTPError {
            trace?("AWS call: \(signer.service) \(operation) at \(endpoint.redactedForDisplay): \(error.reason)")
            throw RetryableFailure(error: AWSError(.transport, "\(operation): cannot reach \(endpoint.redactedForDisplay): \(error.reason)"))
        }
        trace?("AWS call: \(signer.service) \(operation) at \(endpoint.redactedForDisplay): HTTP \(response.status)")
        if (200...299).contains(response.status) { return response }
        var failure = readError(response)
        if failure.code == .invalidClientTokenId, let cause = AWSError.tokenMismatch(signer.credentials) {
            failure = AWSError(.invalidClientTokenId, "\(operation): \(failure.serviceCode ?? "InvalidClientTokenId"): \(cause)",
                               serviceCode: failure.serviceCode, httpStatus: failure.httpStatus)
        }
        if RetryPolicy.isRetryable(status: response.status, code: failure.serviceCode) {
            throw RetryableFailure(error: failure)
        }
        throw failure
    }

    /// The endpoint's scheme and authority with `path` and the query, AWS-encoded
    /// (a parameter without a value is sent bare: `?publicAccessBlock`).
    static func url(_ endpoint: URL, path: String, query: [SigV4Request.QueryParameter]) -> URL? {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else { return nil }
        components.percentEncodedPath = SigV4Signer.percentEncode(path, keepSlash: true)
        components.percentEncodedQuery = query.isEmpty ? nil : query.map {
            $0.value.isEmpty ? SigV4Signer.percentEncode($0.name, keepSlash: false)
                : "\(SigV4Signer.percentEncode($0.name, keepSlash: false))=\(SigV4Signer.percentEncode($0.value, keepSlash: false))"
        }.joined(separator: "&")
        return components.url
    }

    private static func seconds(until deadline: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = (deadline - .now).components
        return max(0, Double(seconds) + Double(attoseconds) / 1e18)
    }

    private static func shown(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
