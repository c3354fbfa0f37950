import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

@Suite("Proxy settings: environment variables and NO_PROXY matching")
struct ProxySettingsTests {
    @Test func lowerCaseVariablesWinAndEmptyOnesDoNotCount() {
        let settings = ProxySettings(environment: [
            "https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128",
            "HTTP_PROXY": "proxy.corp:8080", "http_proxy": "  ",
            "NO_PROXY": ".internal,10.0.0.0/8",
        ])
        #expect(settings.httpsProxy == "http://lower:3128")
        #expect(settings.httpProxy == "proxy.corp:8080")
        #expect(settings.noProxy == ".internal,10.0.0.0/8")
        #expect(ProxySettings(environment: [:]) == ProxySettings())
    }

    @Test(arguments: [
        ("*", "sts.amazonaws.com", nil, true),
        ("amazonaws.com", "sts.amazonaws.com", nil, true),
        ("amazonaws.com", "amazonaws.com", nil, true),
        (".amazonaws.com", "amazonaws.com", nil, true),
        ("*.amazonaws.com", "iam.amazonaws.com", nil, true),
        ("amazonaws.com", "notamazonaws.com", nil, false),
        ("amazonaws.com", "amazonaws.com.evil.example", nil, false),
        ("example.com, AmazonAWS.com", "STS.us-east-1.amazonaws.com.", nil, true),
        ("sts.amazonaws.com:443", "sts.amazonaws.com", 443, true),
        ("sts.amazonaws.com:8443", "sts.amazonaws.com", 443, false),
        ("10.0.0.0/8", "10.20.30.40", nil, true),
        ("10.0.0.0/8", "11.0.0.1", nil, false),
        ("10.0.0.0/8", "ten.example", nil, false),
        ("192.168.1.7", "192.168.1.7", nil, true),
        ("192.168.1.7", "192.168.1.70", nil, false),
        ("fd00::/8", "[fd12:3456::1]", nil, true),
        ("[2001:db8::1]", "2001:db8:0::1", nil, true),
        ("[2001:db8::1]:443", "2001:db8::1", 443, true),
        ("", "sts.amazonaws.com", nil, false),
        (" , ,", "sts.amazonaws.com", nil, false),
    ] as [(String, String, Int?, Bool)])
    func noProxyMatching(_ list: String, _ host: String, _ port: Int?, _ expected: Bool) {
        #expect(ProxySettings(noProxy: list).bypasses(host: host, port: port) == expected)
    }

    @Test func withoutNoProxyNothingIsBypassed() {
        #expect(!ProxySettings(httpsProxy: "http://proxy:3128").bypasses(host: "sts.amazonaws.com"))
    }

    @Test(arguments: [("localhost", true), ("LOCALHOST.", true), ("127.0.0.1", true), ("::1", true), ("[::1]", true),
                      ("0:0:0:0:0:0:0:1", true), ("127.0.0.2", false), ("localhost.example", false), ("sts.amazonaws.com", false)])
    func loopbackIsAlwaysDirect(_ host: String, _ expected: Bool) {
        #expect(ProxySettings.isLoopback(host) == expected)
    }
}
