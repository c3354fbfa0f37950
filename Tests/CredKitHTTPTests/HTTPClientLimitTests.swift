import CredKitAWS
@testable import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

/// Issue 12: every request ends within its deadline whatever the server does, and every limit
/// of the response parser is a named constant tested at and past the limit.
@Suite(.serialized) struct HTTPClientLimitTests {
    /// A server that kept sending `100 Continue` was never cut off: the deadline was checked only
    /// when the socket would block.
    @Test func endlessContinueIsCutOff() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient(timeout: 5).sendBlocking("GET", to: try server.url("/continue-forever"), headers: [], body: [])
        }
        #expect(error?.reason == "127.0.0.1:\(server.port) sent more than \(HTTPClient.maximumInterimResponses) interim (1xx) responses")
    }

    /// A body dripped a byte at a time never blocks for long, so only an overall deadline ends it.
    @Test func drippingBodyEndsAtTheDeadline() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient(timeout: 1).sendBlocking("GET", to: try server.url("/drip"), headers: [], body: [])
        }
        #expect(ContinuousClock.now - started < .seconds(4), "the drip would take 50 s")
        #expect(error?.reason == "timed out after 1 seconds waiting for 127.0.0.1:\(server.port)")
    }

    @Test func interimResponsesAtTheLimitAreSkippedAndOnePastIsRefused() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let limit = HTTPClient.maximumInterimResponses
        let answer = try HTTPClient().sendBlocking("GET", to: try server.url("/interim/\(limit)"), headers: [], body: [])
        #expect(answer.status == 200 && answer.body == Data("ok".utf8))
        #expect(throws: HTTPError.self) {
            try HTTPClient().sendBlocking("GET", to: try server.url("/interim/\(limit + 1)"), headers: [], body: [])
        }
    }

    @Test func headerFieldsAtTheLimitAreReadAndOnePastIsRefused() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let limit = HTTPClient.maximumHeaderCount
        let answer = try HTTPClient().sendBlocking("GET", to: try server.url("/headers/\(limit)"), headers: [], body: [])
        #expect(answer.headers.count == limit)
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient().sendBlocking("GET", to: try server.url("/headers/\(limit + 1)"), headers: [], body: [])
        }
        #expect(error?.reason == "127.0.0.1:\(server.port) sent more than \(limit) response header fields")
    }

    /// Five attempts of 30 s each could cost 2.5 minutes: the timeout now covers the whole call.
    /// With 20 attempts allowed, a timeout per attempt would take at least 30 s; the bound of
    /// 10 s leaves room for a loaded test run (a CI run once took 4.7 s for the 1.5 s deadline).
    @Test func retriesStayWithinTheCallTimeout() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"),
            endpointURL: try server.url("/slow"))
        configuration.timeout = 1.5
        let started = ContinuousClock.now
        let slow = await #expect(throws: AWSError.self) {
            try await STSClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 20, baseDelay: 0.1, maximumDelay: 0.2))
                .getCallerIdentity()
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(slow?.reason.contains("timed out") == true, "\(slow?.reason ?? "")")

        configuration.endpointURL = try server.url("/unavailable")
        let retried = await #expect(throws: AWSError.self) {
            try await STSClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 50, baseDelay: 0.2, maximumDelay: 0.4))
                .getCallerIdentity()
        }
        #expect(retried?.reason.contains("within the 1.5-second timeout") == true, "\(retried?.reason ?? "")")
    }

    @Test func aPasswordInTheEndpointURLIsNeverShown() async throws {
        let port = try LoopbackPort.free()
        let configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"),
            endpointURL: URL(string: "http://alice:hunter2@127.0.0.1:\(port)/")!)
        let error = await #expect(throws: AWSError.self) {
            try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        }
        #expect(error?.reason.contains("hunter2") == false)
        #expect(error?.reason.contains("http://REDACTED@127.0.0.1:\(port)/") == true, "\(error?.reason ?? "")")
    }

    @Test func headerLineAtTheLengthLimitIsReadAndOnePastIsRefused() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let limit = HTTPClient.maximumLineLength
        let answer = try HTTPClient().sendBlocking("GET", to: try server.url("/long-line/\(limit)"), headers: [], body: [])
        #expect(answer.status == 200)
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient().sendBlocking("GET", to: try server.url("/long-line/\(limit + 1)"), headers: [], body: [])
        }
        #expect(error?.reason == "127.0.0.1:\(server.port) sent a header line longer than \(limit) bytes")
    }

    @Test func headAtTheSizeLimitIsReadAndOnePastIsRefused() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let limit = HTTPClient.maximumHeadSize
        let answer = try HTTPClient().sendBlocking("GET", to: try server.url("/head-size/\(limit)"), headers: [], body: [])
        #expect(answer.status == 200)
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient().sendBlocking("GET", to: try server.url("/head-size/\(limit + 1)"), headers: [], body: [])
        }
        #expect(error?.reason == "127.0.0.1:\(server.port) sent more than \(limit / 1024) KiB of response headers")
    }
}
