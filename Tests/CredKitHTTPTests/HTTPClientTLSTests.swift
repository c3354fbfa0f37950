import CredKitAWS
@testable import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

/// TLS against a real moto server that serves https with a certificate for `localhost` and
/// `127.0.0.1` from a CA made for the suite: the CA bundle makes it work, and leaving it out, or
/// a certificate for another name, fails with OpenSSL's reason, quickly.
@Suite("HTTPS with certificate checks against a real moto server", .motoServer(tls: true))
struct HTTPClientTLSTests {
    static func sts(_ server: MotoServer, host: String = "127.0.0.1", caBundle: String?) throws -> STSClient {
        let configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: server.adminAccessKeyID, secretAccessKey: server.adminSecretAccessKey,
                                        source: "moto test"),
            endpointURL: URL(string: "https://\(host):\(server.port)/")!, caBundle: caBundle)
        return STSClient(configuration: configuration, retry: .none)
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func callsSucceedOverHTTPSWithTheCABundle(_ host: String) async throws {
        let server = try MotoServer.require()
        let caBundle = try #require(server.caBundle)
        let identity = try await Self.sts(server, host: host, caBundle: caBundle).getCallerIdentity()
        #expect(identity.userName == "credkit-admin")

        let configuration = AWSClientConfiguration(
            credentials: AWSCredentials(accessKeyID: server.adminAccessKeyID, secretAccessKey: server.adminSecretAccessKey,
                                        source: "moto test"),
            endpointURL: URL(string: "https://\(host):\(server.port)/")!, caBundle: caBundle)
        let users = try await IAMClient(configuration: configuration, retry: .none).listUsers()
        #expect(users.contains { $0.userName == "credkit-admin" })
    }

    @Test func withoutTheCABundleTheCertificateIsNotTrusted() async throws {
        let server = try MotoServer.require()
        let error = await #expect(throws: AWSError.self) { try await Self.sts(server, caBundle: nil).getCallerIdentity() }
        #expect(error?.code == .transport)
        #expect(error?.reason.hasPrefix("GetCallerIdentity: cannot reach https://127.0.0.1:\(server.port)/: ") == true)
        #expect(error?.reason.contains("TLS handshake with 127.0.0.1 failed: certificate verify failed: unable to get local issuer certificate") == true,
                "\(error?.reason ?? "")")
    }

    /// Timed on the blocking core, so a busy cooperative pool does not count.
    @Test func theFailureIsQuickNotAHang() throws {
        let server = try MotoServer.require()
        let url = try #require(URL(string: "https://127.0.0.1:\(server.port)/"))
        let started = ContinuousClock.now
        let error = #expect(throws: HTTPError.self) { try HTTPClient(timeout: 30).sendBlocking("POST", to: url, headers: [], body: [1]) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error?.reason.hasPrefix("TLS handshake with 127.0.0.1 failed: certificate verify failed") == true, "\(error?.reason ?? "")")
    }

    @Test func anotherCAsBundleDoesNotVouchForTheServer() async throws {
        let server = try MotoServer.require()
        let stranger = try TestCertificateAuthority.create()
        defer { stranger.remove() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.sts(server, caBundle: stranger.certificatePath).getCallerIdentity()
        }
        #expect(error?.reason.contains("certificate verify failed") == true, "\(error?.reason ?? "")")
    }

    @Test func aMissingCABundleFileIsNamed() async throws {
        let server = try MotoServer.require()
        let error = await #expect(throws: AWSError.self) {
            try await Self.sts(server, caBundle: "/nonexistent/ca.pem").getCallerIdentity()
        }
        #expect(error?.reason.contains("cannot read the CA bundle /nonexistent/ca.pem: no such file or directory") == true,
                "\(error?.reason ?? "")")
    }

    @Test func aCertificateForAnotherNameFailsTheHostCheck() async throws {
        let server = try MotoServer.require()
        let authority = try #require(server.certificateAuthority)
        let other = try authority.issue("other", subjectAltNames: ["DNS:other.example"])
        let impostor = try LoopbackHTTPServer(certificate: other)
        defer { impostor.stop() }
        let client = HTTPClient(timeout: 10, caBundle: authority.certificatePath)

        let byName = await #expect(throws: HTTPError.self) {
            try await client.send("GET", to: try impostor.url("/echo", scheme: "https", host: "localhost"))
        }
        #expect(byName?.reason == "TLS handshake with localhost failed: certificate verify failed: hostname mismatch",
                "\(byName?.reason ?? "")")

        let byAddress = await #expect(throws: HTTPError.self) {
            try await client.send("GET", to: try impostor.url("/echo", scheme: "https"))
        }
        #expect(byAddress?.reason == "TLS handshake with 127.0.0.1 failed: certificate verify failed: IP address mismatch",
                "\(byAddress?.reason ?? "")")
    }

    @Test func chunkedAndCloseDelimitedBodiesWorkOverTLSToo() async throws {
        let server = try MotoServer.require()
        let authority = try #require(server.certificateAuthority)
        let issued = try authority.issue("loopback", subjectAltNames: ["IP:127.0.0.1"])
        let peer = try LoopbackHTTPServer(certificate: issued)
        defer { peer.stop() }
        let client = HTTPClient(timeout: 10, caBundle: authority.certificatePath)
        let chunked = try await client.send("GET", to: try peer.url("/chunked", scheme: "https"))
        #expect(String(decoding: chunked.body, as: UTF8.self) == "hello, chunked world!")
        let echoed = try await client.send("POST", to: try peer.url("/echo", scheme: "https"), body: Array(repeating: 0x61, count: 100_000))
        let echo = try #require(try JSONSerialization.jsonObject(with: echoed.body) as? [String: Any])
        #expect((echo["body"] as? String)?.count == 100_000)
    }

    @Test func aResetDuringATLSUploadIsAClearError() async throws {
        let server = try MotoServer.require()
        let authority = try #require(server.certificateAuthority)
        let peer = try LoopbackHTTPServer(certificate: try authority.issue("hangup", subjectAltNames: ["IP:127.0.0.1"]))
        defer { peer.stop() }
        let client = HTTPClient(timeout: 20, caBundle: authority.certificatePath)
        let body = [UInt8](repeating: 0x61, count: 32 << 20)
        let error = await #expect(throws: HTTPError.self) { try await client.send("POST", to: try peer.url("/hangup", scheme: "https"), body: body) }
        #expect(error?.reason.contains("TLS write to 127.0.0.1 failed") == true, "\(error?.reason ?? "")")
    }

    /// OpenSSL writes with write(2), not send(MSG_NOSIGNAL): any TLS write after the reset
    /// (a close_notify, say) would raise SIGPIPE and kill the process.
    @Test func aResetInsteadOfAnAnswerIsAnErrorNotASignal() async throws {
        let server = try MotoServer.require()
        let authority = try #require(server.certificateAuthority)
        let peer = try LoopbackHTTPServer(certificate: try authority.issue("reset", subjectAltNames: ["IP:127.0.0.1"]))
        defer { peer.stop() }
        let client = HTTPClient(timeout: 20, caBundle: authority.certificatePath)
        for _ in 0..<5 {
            let error = await #expect(throws: HTTPError.self) { try await client.send("POST", to: try peer.url("/reset", scheme: "https"), body: [1]) }
            #expect(error?.code == .transport)
        }
    }

    @Test func plainHTTPToATLSPortFailsClearly() async throws {
        let server = try MotoServer.require()
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient(timeout: 5).send("GET", to: try #require(URL(string: "http://127.0.0.1:\(server.port)/")))
        }
        #expect(error?.code == .transport)
    }
}
