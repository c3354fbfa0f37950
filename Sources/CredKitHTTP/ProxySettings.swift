import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which HTTP proxy, if any, a request goes through, read the way curl and botocore read it:
/// `https_proxy`/`HTTPS_PROXY` for https URLs (a CONNECT tunnel), `http_proxy`/`HTTP_PROXY`
/// for http URLs (absolute-form requests), and `no_proxy`/`NO_PROXY` for hosts reached directly.
///
/// `localhost`, `127.0.0.1` and `::1` are never proxied. The proxy URL may carry
/// `user:password@`, sent as `Proxy-Authorization: Basic`; it never appears in an error.
public struct ProxySettings: Sendable, Hashable {
    /// The proxy for http URLs, as written (`http://host:port`, or `host:port`).
    public var httpProxy: String?
    /// The proxy for https URLs, as written.
    public var httpsProxy: String?
    /// Hosts reached directly: a comma-separated list of domain suffixes, host names,
    /// IP addresses or CIDR blocks, each optionally with `:port`; `*` for every host.
    public var noProxy: String?

    /// Settings with the given proxies; no arguments means no proxy at all.
    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    /// Settings from environment variables; the lower-case name wins, as in curl.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            for key in [name.lowercased(), name.uppercased()] {
                if let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text }
            }
            return nil
        }
        self.init(httpProxy: value("http_proxy"), httpsProxy: value("https_proxy"), noProxy: value("no_proxy"))
    }

    /// A proxy to connect through, parsed from a setting.
    struct Endpoint: Sendable {
        /// The proxy's host name or address, without brackets.
        let host: String
        /// The proxy's port.
        let port: Int
        /// The `Proxy-Authorization` value (secret), when the URL carries a user.
        let authorization: String?
        /// `host:port`, for messages: never the user or password.
        var display: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The proxy for a request to `host:port` over `scheme`, or nil to connect directly.
    /// - Throws: `HTTPError.invalidRequest` when the applicable setting is not an http:// proxy URL.
    func endpoint(scheme: String, host: String, port: Int) throws -> Endpoint? {
        let isHTTPS = scheme.lowercased() == "https"
        guard let setting = isHTTPS ? httpsProxy : httpProxy else { return nil }
        if Self.isLoopback(host) || bypasses(host: host, port: port) { return nil }
        let variable = isHTTPS ? "HTTPS_PROXY" : "HTTP_PROXY"
        let text = setting.contains("://") ? setting : "http://" + setting
        guard let url = URL(string: text), let proxyScheme = url.scheme?.lowercased(),
              let rawHost = url.host, !rawHost.isEmpty else {
            throw HTTPError(.invalidRequest, "\(variable) is not a proxy URL like http://host:port")
        }
        guard proxyScheme == "http" else {
            throw HTTPError(.invalidRequest, "\(variable) uses \(proxyScheme)://, but only http:// proxies are supported")
        }
        var authorization: String?
        if let user = url.user(percentEncoded: false) {
            let credentials = "\(user):\(url.password(percentEncoded: false) ?? "")"
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
        }
        return Endpoint(host: Self.bare(rawHost), port: url.port ?? 80, authorization: authorization)
    }

    /// Whether `no_proxy` sends requests to `host` (and `port`) directly.
    public func bypasses(host: String, port: Int? = nil) -> Bool {
        guard let noProxy else { return false }
        let target = Self.normalized(host)
        let targetAddress = IPAddress(target)
        for rawEntry in noProxy.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            var entry = String(rawEntry).lowercased()
            if entry == "*" { return true }
            var entryPort: Int?
            if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
                // [v6] or [v6]:port
                let rest = entry[entry.index(after: close)...]
                if rest.hasPrefix(":") { entryPort = Int(rest.dropFirst()) }
                entry = String(entry[entry.index(after: entry.startIndex)..<close])
            } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
                entryPort = Int(entry[entry.index(after: colon)...])
                entry = String(entry[..<colon])
            }
            if let entryPort, entryPort != port { continue }
            if let slash = entry.firstIndex(of: "/") {
                guard let targetAddress, let network = IPAddress(String(entry[..<slash])),
                      let bits = Int(entry[entry.index(after: slash)...]) else { continue }
                if targetAddress.isInside(network, prefixLength: bits) { return true }
                continue
            }
            if let address = IPAddress(entry) {
                if address == targetAddress { return true }
                continue
            }
            if entry.hasPrefix("*.") { entry.removeFirst() }
            while entry.hasPrefix(".") { entry.removeFirst() }
            if entry.hasSuffix(".") { entry.removeLast() }
            guard !entry.isEmpty else { continue }
            if target == entry || target.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// `localhost`, `127.0.0.1` and `::1`: always reached directly.
    public static func isLoopback(_ host: String) -> Bool {
        let name = normalized(host)
        return name == "localhost" || name == "127.0.0.1" || IPAddress(name) == IPAddress("::1")
    }

    private static func normalized(_ host: String) -> String {
        var name = bare(host).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// An IPv4 or IPv6 address as bytes, for exact and CIDR comparisons.
    private struct IPAddress: Equatable {
        let bytes: [UInt8]

        init?(_ text: String) {
            var v4 = in_addr()
            var v6 = in6_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                bytes = withUnsafeBytes(of: &v4) { Array($0) }
            } else if inet_pton(AF_INET6, text, &v6) == 1 {
                bytes = withUnsafeBytes(of: &v6) { Array($0) }
            } else {
                return nil
            }
        }

        func isInside(_ network: IPAddress, prefixLength: Int) -> Bool {
            guard bytes.count == network.bytes.count, prefixLength >= 0, prefixLength <= bytes.count * 8 else { return false }
            for bit in 0..<prefixLength {
                let mask = UInt8(0x80) >> UInt8(bit % 8)
                if bytes[bit / 8] & mask != network.bytes[bit / 8] & mask { return false }
            }
            return true
        }
    }
}
