import CredKitAWS
import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

/// Requests through a real tinyproxy on loopback that wants Basic credentials: absolute-form
/// for http, a CONNECT tunnel and then TLS for https. The targets listen on 127.0.0.2 because
/// `localhost`, `127.0.0.1` and `::1` are never proxied.
@Suite("HTTP client through a real proxy (tinyproxy)")
struct HTTPClientProxyTests {
    static func proxy() throws -> TinyProxy {
        try #require(TinyProxy.isAvailable, "tinyproxy is not installed: run `make deps` (.ci/apt-packages)")
        return try TinyProxy()
    }

    @Test func plainHTTPGoesThroughTheProxyInAbsoluteForm() async throws {
        let proxy = try Self.proxy()
        let server = try LoopbackHTTPServer(host: "127.0.0.2")
        defer { proxy.stop(); server.stop() }
        let client = HTTPClient(timeout: 10, proxies: ProxySettings(httpProxy: proxy.url()))
        let response = try await client.send("POST", to: try server.url("/echo?x=1"), body: Array("payload".utf8))
        #expect(response.status == 200)
        #expect(response.header("Via")?.contains("tinyproxy") == true, "the answer did not pass the proxy")
        let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(echo["body"] as? String == "payload")
        #expect(echo["target"] as? String == "/echo?x=1")
        let headers = (echo["headers"] as? [[String]] ?? []).map { $0[0].lowercased() }
        #expect(headers.contains("via"))
        #expect(!headers.contains("proxy-authorization"), "the proxy credentials reached the server")
    }

    @Test func plainHTTPWithoutCredentialsGetsTheProxys407() async throws {
        let proxy = try Self.proxy()
        let server = try LoopbackHTTPServer(host: "127.0.0.2")
        defer { proxy.stop(); server.stop() }
        let client = HTTPClient(timeout: 10, proxies: ProxySettings(httpProxy: proxy.url(withCredentials: false)))
        let response = try await client.send("GET", to: try server.url("/echo"))
        #expect(response.status == 407)
    }

    @Test func httpsTunnelsThroughCONNECTAndVerifiesTheServer() async throws {
        let proxy = try Self.proxy()
        let authority = try TestCertificateAuthority.create()
        let server = try LoopbackHTTPServer(host: "127.0.0.2", certificate: try authority.issue("two", subjectAltNames: ["IP:127.0.0.2"]))
        defer { proxy.stop(); server.stop(); authority.remove() }
        let client = HTTPClient(timeout: 10, caBundle: authority.certificatePath,
                                proxies: ProxySettings(httpsProxy: proxy.url()))
        let response = try await client.send("GET", to: try server.url("/chunked", scheme: "https"))
        #expect(String(decoding: response.body, as: UTF8.self) == "hello, chunked world!")

        // Through the tunnel the certificate is still checked end to end.
        let untrusting = HTTPClient(timeout: 10, proxies: ProxySettings(httpsProxy: proxy.url()))
        let error = await #expect(throws: HTTPError.self) { try await untrusting.send("GET", to: try server.url("/chunked", scheme: "https")) }
        #expect(error?.reason.contains("certificate verify failed") == true, "\(error?.reason ?? "")")
    }

    @Test func aRefusedTunnelSaysWhyWithoutTheCredentials() async throws {
        let proxy = try Self.proxy()
        defer { proxy.stop() }
        let target = try #require(URL(string: "https://127.0.0.2:9/"))
        let anonymous = HTTPClient(timeout: 10, proxies: ProxySettings(httpsProxy: proxy.url(withCredentials: false)))
        let missing = await #expect(throws: HTTPError.self) { try await anonymous.send("GET", to: target) }
        #expect(missing?.reason.hasPrefix("proxy 127.0.0.1:\(proxy.port) refused the tunnel to 127.0.0.2:9: HTTP 407") == true,
                "\(missing?.reason ?? "")")
        #expect(missing?.reason.contains("wants credentials") == true)

        let wrong = HTTPClient(timeout: 10, proxies: ProxySettings(httpsProxy: "http://alice:wrong-password@127.0.0.1:\(proxy.port)"))
        let rejected = await #expect(throws: HTTPError.self) { try await wrong.send("GET", to: target) }
        #expect(rejected?.reason.contains("rejected the credentials") == true, "\(rejected?.reason ?? "")")
        #expect(rejected?.reason.contains("wrong-password") == false)
    }

    @Test func anAWSCallTakesItsProxyFromTheEnvironmentThroughTheChain() async throws {
        let proxy = try Self.proxy()
        let server = try LoopbackHTTPServer(host: "127.0.0.2")
        defer { proxy.stop(); server.stop() }
        let chain = CredentialsChain(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
            "HTTP_PROXY": proxy.url(), "NO_PROXY": "example.com",
        ], homeDirectory: "/nonexistent")
        let configuration = try chain.resolve(endpointURL: try server.url("/sts").absoluteString)
        let identity = try await STSClient(configuration: configuration, retry: .none).getCallerIdentity()
        #expect(identity.userName == "via-proxy")

        let direct = try CredentialsChain(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
            "HTTP_PROXY": proxy.url(), "NO_PROXY": "127.0.0.2",
        ], homeDirectory: "/nonexistent").resolve(endpointURL: try server.url("/sts").absoluteString)
        #expect(try await STSClient(configuration: direct, retry: .none).getCallerIdentity().userName == "direct")
    }
}
