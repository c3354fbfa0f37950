import CredKitAWS
@testable import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

/// The HTTP/1.1 client against a real python server on loopback: body framings, the size cap,
/// interim answers, broken servers, refused connections and timeouts.
///
/// The timing tests call the blocking core directly: awaiting `send` would also time how long
/// the busy cooperative pool takes to resume the test while other suites run.
@Suite("HTTP client against a real loopback server")
struct HTTPClientTests {
    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func sendsTheRequestLineHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let url = try server.url("/echo")
        let response = try await HTTPClient().send("POST", to: url, headers: [("X-Amz-Date", "20260101T000000Z")],
                                                   body: Array("Action=GetCallerIdentity".utf8))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(echo["method"] as? String == "POST")
        #expect(echo["target"] as? String == "/echo")
        #expect(echo["body"] as? String == "Action=GetCallerIdentity")
        let headers = Dictionary((echo["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }) { first, _ in first }
        #expect(headers["host"] == "127.0.0.1:\(server.port)")
        #expect(headers["content-length"] == "24")
        #expect(headers["connection"] == "close")
        #expect(headers["user-agent"] == "credkit")
        #expect(headers["x-amz-date"] == "20260101T000000Z")
    }

    @Test func decodesAChunkedBodyWithExtensionsAndTrailers() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let response = try await HTTPClient().send("GET", to: try server.url("/chunked"))
        #expect(response.status == 200)
        #expect(Self.text(response) == "hello, chunked world!")
    }

    @Test func readsACloseDelimitedBodyToTheEnd() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let response = try await HTTPClient().send("GET", to: try server.url("/close"))
        #expect(Self.text(response) == "close-delimited body")
    }

    @Test func skipsAn100ContinueBeforeTheRealAnswer() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let response = try await HTTPClient().send("POST", to: try server.url("/continue"), body: [1, 2, 3])
        #expect(response.status == 200)
        #expect(Self.text(response) == "ok")
    }

    @Test(arguments: ["big-length", "big-chunked", "big-close"])
    func acceptsABodyExactlyAtTheCapAndRejectsOneByteMore(_ route: String) async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let cap = 1 << 20
        let client = HTTPClient(timeout: 20, maximumBodySize: cap)
        let fits = try await client.send("GET", to: try server.url("/\(route)/\(cap)"))
        #expect(fits.body.count == cap)
        #expect(fits.body.allSatisfy { $0 == UInt8(ascii: "x") })

        let error = await #expect(throws: HTTPError.self) { try await client.send("GET", to: try server.url("/\(route)/\(cap + 1)")) }
        #expect(error?.code == .transport)
        #expect(error?.reason.contains("larger than 1 MiB") == true, "\(error?.reason ?? "")")
    }

    @Test func theDefaultCapIs64MiB() {
        #expect(HTTPClient().maximumBodySize == 64 << 20)
    }

    @Test func aTruncatedBodyIsAnErrorNotAShortAnswer() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().send("GET", to: try server.url("/truncated")) }
        #expect(error?.reason.contains("closed the connection 90 bytes before the end") == true, "\(error?.reason ?? "")")
    }

    @Test func aServerThatDoesNotSpeakHTTPIsNamed() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().send("GET", to: try server.url("/not-http")) }
        #expect(error?.reason.contains("did not answer in HTTP/1.x (it sent 'SSH-2.0-OpenSSH_9.2')") == true, "\(error?.reason ?? "")")
    }

    @Test func aServerThatHangsUpDuringTheUploadIsAnErrorNotACrash() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        // Larger than the socket buffers, so the client is still writing when the reset comes.
        let body = [UInt8](repeating: 0x61, count: 32 << 20)
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient(timeout: 20).send("POST", to: try server.url("/hangup"), body: body) }
        #expect(error?.code == .transport)
    }

    @Test func aClosedPortIsRefusedQuickly() throws {
        let port = try LoopbackPort.free()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        let started = ContinuousClock.now
        let error = #expect(throws: HTTPError.self) {
            try HTTPClient(timeout: 30).sendBlocking("POST", to: url, headers: [], body: [])
        }
        #expect(ContinuousClock.now - started < .seconds(5), "refused, not timed out")
        #expect(error?.code == .transport)
        #expect(error?.reason == "cannot connect to 127.0.0.1:\(port): connection refused", "\(error?.reason ?? "")")
    }

    @Test func aHostNameIsResolved() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let response = try await HTTPClient().send("GET", to: try server.url("/chunked", host: "localhost"))
        #expect(Self.text(response) == "hello, chunked world!")
    }

    @Test func anIPv6AddressIsReachedAndBracketedInTheHostHeader() async throws {
        let server = try LoopbackHTTPServer(host: "::1")
        defer { server.stop() }
        let response = try await HTTPClient().send("GET", to: try server.url("/echo"))
        let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let host = (echo["headers"] as? [[String]] ?? []).first { $0[0].lowercased() == "host" }?[1]
        #expect(host == "[::1]:\(server.port)")
    }

    @Test func aSlowServerTimesOutAtTheDeadline() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let url = try server.url("/slow")
        let started = ContinuousClock.now
        let error = #expect(throws: HTTPError.self) { try HTTPClient(timeout: 0.5).sendBlocking("GET", to: url, headers: [], body: []) }
        let elapsed = ContinuousClock.now - started
        // The server answers after 20 s.
        #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(5), "took \(elapsed)")
        #expect(error?.reason == "timed out after 0.5 seconds waiting for 127.0.0.1:\(server.port)", "\(error?.reason ?? "")")
    }

    @Test func headerValuesWithLineBreaksAreRefused() async throws {
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient().send("GET", to: try #require(URL(string: "http://127.0.0.1:9/")),
                                        headers: [("X-Test", "a\r\nInjected: yes")])
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func loopbackIsNeverProxiedAndNoProxyIsHonoured() async throws {
        let server = try LoopbackHTTPServer(host: "127.0.0.2")
        let local = try LoopbackHTTPServer()
        defer { server.stop(); local.stop() }
        // A proxy on a closed port: any request that used it would fail.
        let dead = "http://127.0.0.1:\(try LoopbackPort.free())"
        let viaDeadProxy = HTTPClient(proxies: ProxySettings(httpProxy: dead, httpsProxy: dead))
        #expect(try await viaDeadProxy.send("GET", to: try local.url("/close")).status == 200)
        #expect(try await viaDeadProxy.send("GET", to: try local.url("/close", host: "localhost")).status == 200)
        await #expect(throws: HTTPError.self) { try await viaDeadProxy.send("GET", to: try server.url("/close")) }

        let bypassing = HTTPClient(proxies: ProxySettings(httpProxy: dead, noProxy: "example.com, 127.0.0.0/8"))
        #expect(try await bypassing.send("GET", to: try server.url("/close")).status == 200)
    }

    @Test func anHTTPSProxyURLIsRefusedWithoutShowingItsPassword() async throws {
        let client = HTTPClient(proxies: ProxySettings(httpsProxy: "https://bob:hunter2@proxy.example:3128"))
        let error = await #expect(throws: HTTPError.self) {
            try await client.send("GET", to: try #require(URL(string: "https://sts.amazonaws.com/")))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.reason == "HTTPS_PROXY uses https://, but only http:// proxies are supported")
        #expect(error?.reason.contains("hunter2") == false)
    }

    @Test func anAWSCallToAClosedPortSaysWhichEndpoint() async throws {
        let port = try LoopbackPort.free()
        let configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"),
            endpointURL: URL(string: "http://127.0.0.1:\(port)/")!)
        let error = await #expect(throws: AWSError.self) {
            try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        }
        #expect(error?.code == .transport)
        #expect(error?.reason == "GetCallerIdentity: cannot reach http://127.0.0.1:\(port)/: cannot connect to 127.0.0.1:\(port): connection refused")
    }
}
