import Foundation

extension HTTPClient {
    /// The parts of a request URL that the client needs on the wire.
    struct Target {
        /// `http` or `https`.
        let scheme: String
        /// The host name or address, without IPv6 brackets.
        let host: String
        /// The port, explicit or the scheme's default.
        let port: Int
        /// The `Host` header: the host (bracketed when IPv6), with the port only when the URL gives one.
        let hostHeader: String
        /// The percent-encoded path and query, `/` when empty (origin-form).
        let pathAndQuery: String

        var isHTTPS: Bool { scheme == "https" }

        /// `host:port` for `CONNECT`.
        var authority: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

        /// `scheme://host[:port]/path?query`, for requests through an HTTP proxy.
        var absoluteForm: String { "\(scheme)://\(hostHeader)\(pathAndQuery)" }

        /// - Throws: `HTTPError.invalidRequest` for a URL that is not http(s) with a host.
        init(_ url: URL) throws {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw HTTPError(.invalidRequest, "'\(url.redactedForDisplay)' is not an http or https URL")
            }
            guard let hostHeader = HTTPClient.hostHeader(for: url) else {
                throw HTTPError(.invalidRequest, "'\(url.redactedForDisplay)' has no host")
            }
            self.scheme = scheme
            self.host = ProxySettings.bare(url.host ?? "")
            self.port = url.port ?? (scheme == "https" ? 443 : 80)
            self.hostHeader = hostHeader
            var path = url.path(percentEncoded: true)
            if path.isEmpty { path = "/" }
            if let query = url.query(percentEncoded: true) { path += "?" + query }
            self.pathAndQuery = path
        }
    }

    /// The `Host` header for `url` (and the host SigV4 signs): IPv6 addresses in brackets,
    /// the port only when the URL spells it out. Nil when the URL has no host.
    public static func hostHeader(for url: URL) -> String? {
        guard let raw = url.host, !raw.isEmpty else { return nil }
        let host = ProxySettings.bare(raw)
        let shown = host.contains(":") ? "[\(host)]" : host
        return url.port.map { "\(shown):\($0)" } ?? shown
    }
}
