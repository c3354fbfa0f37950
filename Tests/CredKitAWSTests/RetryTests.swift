import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// Retries against a real loopback HTTP server that throttles, then answers.
@Suite("Retries with backoff on throttling and 5xx")
struct RetryTests {
    /// Serves `failures` error responses (given status and AWS code), then a GetCallerIdentity
    /// answer; prints the port, then the number of requests seen when stdin closes.
    static let stub = """
    import sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    status, code, failures = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    seen = []
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers.get("Authorization", ""))
            if len(seen) <= failures:
                body = f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"
                self.send_response(status)
            else:
                body = ("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/stub</Arn>"
                        "<UserId>AIDASTUB</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
                self.send_response(200)
            data = body.encode()
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    print(len(seen), flush=True)
    """

    /// The stub server with this test's script.
    final class Stub: @unchecked Sendable {
        let server: PythonStubServer
        var port: Int { server.port }

        init(status: Int, code: String, failures: Int) throws {
            server = try PythonStubServer(script: RetryTests.stub, arguments: [String(status), code, String(failures)])
        }

        /// Stops the stub and returns how many requests it saw.
        func finish() -> Int { server.finish() }
    }

    static func client(port: Int, attempts: Int) throws -> STSClient {
        var configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"),
            region: "us-east-1", endpointURL: try #require(URL(string: "http://127.0.0.1:\(port)/")))
        // These tests count attempts, not time: a test run that starves the cooperative pool
        // (blocking CLI tests beside them) must not turn them into timeouts.
        configuration.timeout = 600
        return STSClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: attempts, baseDelay: 0.01, maximumDelay: 0.05))
    }

    @Test(arguments: [(400, "Throttling"), (503, "ServiceUnavailable"), (500, "InternalFailure"), (429, "TooManyRequestsException")])
    func recoversAfterTransientFailures(_ status: Int, _ code: String) async throws {
        let stub = try Stub(status: status, code: code, failures: 2)
        let identity = try await Self.client(port: stub.port, attempts: 5).getCallerIdentity()
        #expect(identity.userName == "stub")
        #expect(stub.finish() == 3)
    }

    @Test func givesUpAfterTheLastAttempt() async throws {
        let stub = try Stub(status: 400, code: "Throttling", failures: 100)
        let error = await #expect(throws: AWSError.self) { try await Self.client(port: stub.port, attempts: 3).getCallerIdentity() }
        #expect(error?.code == .throttled)
        #expect(stub.finish() == 3)
    }

    @Test func doesNotRetryAccessDenied() async throws {
        let stub = try Stub(status: 403, code: "AccessDenied", failures: 100)
        let error = await #expect(throws: AWSError.self) { try await Self.client(port: stub.port, attempts: 5).getCallerIdentity() }
        #expect(error?.code == .accessDenied)
        #expect(stub.finish() == 1)
    }

    @Test func jitteredDelaysStayUnderTheGrowingCeiling() {
        let policy = RetryPolicy(maximumAttempts: 6, baseDelay: 0.1, maximumDelay: 1)
        for retry in 0..<6 {
            let ceiling = min(1, 0.1 * pow(2, Double(retry)))
            let delays = (0..<200).map { _ in policy.delay(beforeRetry: retry) }
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= ceiling })
            #expect(Set(delays).count > 150, "delays are jittered, not fixed")
        }
    }
}
