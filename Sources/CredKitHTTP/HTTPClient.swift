import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 client over POSIX sockets, with TLS from OpenSSL: one request per
/// connection (`Connection: close`), http and https, IPv4 and IPv6, HTTP proxies
/// (CONNECT tunnels for https), and one timeout for the whole exchange.
///
/// It exists so the `credkit` binary does not link Foundation's URLSession module (libcurl and its
/// dozens of libraries) just to call IAM and STS.
public struct HTTPClient: Sendable {
    /// Seconds before the whole request (connect, send, receive) gives up.
    public var timeout: Double
    /// A PEM file of trusted certificate authorities used instead of the system trust store.
    public var caBundle: String?
    /// Which proxy to use, if any.
    public var proxies: ProxySettings
    /// The largest response body accepted, in bytes.
    public var maximumBodySize: Int

    /// 64 MiB: far more than any IAM or STS answer (a credential report is a few MB at most).
    public static let defaultMaximumBodySize = 64 << 20

    /// Creates a client.
    public init(timeout: Double = 30, caBundle: String? = nil, proxies: ProxySettings = ProxySettings(),
                maximumBodySize: Int = HTTPClient.defaultMaximumBodySize) {
        self.timeout = timeout
        self.caBundle = caBundle
        self.proxies = proxies
        self.maximumBodySize = maximumBodySize
    }

    /// Sends a request and reads the whole response. The blocking work runs on a thread of its
    /// own, never on Swift's cooperative pool.
    /// - Parameters:
    ///   - method: `GET`, `POST`, ...
    ///   - url: an `http` or `https` URL.
    ///   - headers: extra header fields. `Host`, `Content-Length` and `Connection` are set by the
    ///     client; `User-Agent` is `credkit` unless given.
    ///   - body: the request body.
    /// - Returns: the response, whatever its status.
    /// - Throws: `HTTPError.transport` when the server cannot be reached or the exchange fails
    ///   (the reason says why: refused, timed out, certificate, proxy, body too large, ...);
    ///   `HTTPError.invalidRequest` for an unusable URL, header or proxy setting.
    public func send(_ method: String, to url: URL, headers: [(name: String, value: String)] = [],
                     body: [UInt8] = []) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, Error>) in
            let thread = Thread {
                Self.blockBrokenPipeSignal()
                continuation.resume(with: Result { try self.sendBlocking(method, to: url, headers: headers, body: body) })
            }
            thread.name = "credkit-http"
            thread.start()
        }
    }

    /// The same as `send`, blocking the calling thread.
    func sendBlocking(_ method: String, to url: URL, headers: [(name: String, value: String)], body: [UInt8]) throws -> HTTPResponse {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        let target = try Target(url)
        try Self.checkToken(method, what: "method")
        for header in headers {
            try Self.checkToken(header.name, what: "header name")
            guard !header.value.utf8.contains(where: { $0 == 0x0d || $0 == 0x0a || $0 == 0 }) else {
                throw HTTPError(.invalidRequest, "header \(header.name) contains a line break")
            }
        }

        let proxy = try proxies.endpoint(scheme: target.scheme, host: target.host, port: target.port)
        let connection: HTTPConnection
        var requestTarget = target.pathAndQuery
        var proxyAuthorization: String?
        if let proxy {
            do {
                connection = try HTTPConnection.open(host: proxy.host, port: proxy.port, deadline: deadline, timeout: timeout)
            } catch let error as HTTPError {
                throw HTTPError(.transport, "proxy \(proxy.display): \(error.reason)")
            }
            if target.isHTTPS {
                try openTunnel(connection, to: target, through: proxy)
            } else {
                requestTarget = target.absoluteForm
                proxyAuthorization = proxy.authorization
            }
        } else {
            connection = try HTTPConnection.open(host: target.host, port: target.port, deadline: deadline, timeout: timeout)
        }
        defer { connection.close() }
        if target.isHTTPS {
            try connection.startTLS(serverName: target.host, caBundle: caBundle)
        }

        var head = "\(method) \(requestTarget) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
        let reserved: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "proxy-authorization"]
        for header in headers where !reserved.contains(header.name.lowercased()) {
            head += "\(header.name): \(header.value)\r\n"
        }
        if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) { head += "User-Agent: credkit\r\n" }
        if !body.isEmpty || !["GET", "HEAD", "DELETE", "OPTIONS"].contains(method) {
            head += "Content-Length: \(body.count)\r\n"
        }
        if let proxyAuthorization { head += "Proxy-Authorization: \(proxyAuthorization)\r\n" }
        head += "Connection: close\r\n\r\n"
        try connection.write(Array(head.utf8) + body)
        return try readResponse(connection, method: method)
    }

    /// Asks the proxy for a tunnel to the target (`CONNECT host:port`).
    private func openTunnel(_ connection: HTTPConnection, to target: Target, through proxy: ProxySettings.Endpoint) throws {
        var request = "CONNECT \(target.authority) HTTP/1.1\r\nHost: \(target.authority)\r\nUser-Agent: credkit\r\n"
        if let authorization = proxy.authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "\r\n"
        try connection.write(Array(request.utf8))
        let head = try readHead(connection)
        guard (200...299).contains(head.status) else {
            // 407 is the standard answer; some proxies (tinyproxy) answer 401 to wrong credentials.
            let advice = head.status == 407 || head.status == 401 ? (proxy.authorization == nil
                ? " (the proxy wants credentials: put user:password@ in HTTPS_PROXY)"
                : " (the proxy rejected the credentials in HTTPS_PROXY)") : ""
            throw HTTPError(.transport, "proxy \(proxy.display) refused the tunnel to \(target.authority): " +
                           "HTTP \(head.status) \(head.reason)\(advice)")
        }
    }

    private struct Head {
        var status: Int
        var reason: String
        var headers: [(name: String, value: String)]
    }

    /// The longest status, header or chunk-size line accepted, in bytes.
    public static let maximumLineLength = 16_384
    /// The most header bytes accepted in one response head (and in chunked trailers).
    public static let maximumHeadSize = 262_144
    /// The most header fields accepted in one response head.
    public static let maximumHeaderCount = 200
    /// The most interim (1xx) responses accepted before the real one.
    public static let maximumInterimResponses = 10

    private static let lineLimit = maximumLineLength
    private static let headLimit = maximumHeadSize

    private func readHead(_ connection: HTTPConnection) throws -> Head {
        guard let statusLine = try connection.readLine(limit: Self.lineLimit) else {
            throw HTTPError(.transport, "\(connection.peer) closed the connection without answering")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            let shown = String(statusLine.prefix(40).map { $0.isASCII && !$0.isNewline && $0 != "\0" ? $0 : "?" })
            throw HTTPError(.transport, "\(connection.peer) did not answer in HTTP/1.x (it sent '\(shown)')")
        }
        var head = Head(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: [])
        var total = statusLine.utf8.count
        while true {
            guard let line = try connection.readLine(limit: Self.lineLimit) else {
                throw HTTPError(.transport, "\(connection.peer) closed the connection in the middle of the response headers")
            }
            if line.isEmpty { return head }
            total += line.utf8.count
            guard total <= Self.headLimit else {
                throw HTTPError(.transport, "\(connection.peer) sent more than \(Self.headLimit / 1024) KiB of response headers")
            }
            if line.first == " " || line.first == "\t", let last = head.headers.popLast() {
                // An obsolete folded continuation line.
                head.headers.append((last.name, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPError(.transport, "\(connection.peer) sent a malformed response header")
            }
            guard head.headers.count < Self.maximumHeaderCount else {
                throw HTTPError(.transport, "\(connection.peer) sent more than \(Self.maximumHeaderCount) response header fields")
            }
            head.headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
    }

    /// Reads the status line, headers and body. Internal so the fuzz target can call it.
    func readResponse(_ connection: HTTPConnection, method: String) throws -> HTTPResponse {
        var head = try readHead(connection)
        // Interim 1xx answers (100 Continue, 103 Early Hints) precede the real one.
        var interim = 0
        while (100...199).contains(head.status), head.status != 101 {
            interim += 1
            guard interim <= Self.maximumInterimResponses else {
                throw HTTPError(.transport, "\(connection.peer) sent more than \(Self.maximumInterimResponses) interim (1xx) responses")
            }
            head = try readHead(connection)
        }
        let response = HTTPResponse(status: head.status, reasonPhrase: head.reason, headers: head.headers, body: Data())
        if method == "HEAD" || head.status == 204 || head.status == 304 || head.status == 101 {
            return response
        }
        let body: [UInt8]
        do {
            body = try readBody(connection, response)
        } catch is HTTPConnection.BodyTooLarge {
            throw HTTPError(.transport, "the response from \(connection.peer) is larger than \(Self.size(maximumBodySize)); giving up")
        }
        return HTTPResponse(status: head.status, reasonPhrase: head.reason, headers: head.headers, body: Data(body))
    }

    private func readBody(_ connection: HTTPConnection, _ response: HTTPResponse) throws -> [UInt8] {
        let codings = response.headers(named: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if codings.last == "chunked" {
            return try readChunked(connection)
        }
        if !codings.isEmpty, codings != ["identity"] {
            throw HTTPError(.transport, "\(connection.peer) used transfer coding '\(codings.joined(separator: ", "))', which credkit does not decode")
        }
        let lengths = Set(response.headers(named: "Content-Length")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) })
        if lengths.isEmpty {
            return try connection.readToEnd(limit: maximumBodySize)
        }
        guard lengths.count == 1, let text = lengths.first, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              text.count <= 18, let length = Int(text) else {
            throw HTTPError(.transport, "\(connection.peer) sent an invalid Content-Length")
        }
        guard length <= maximumBodySize else { throw HTTPConnection.BodyTooLarge() }
        return try connection.read(exactly: length)
    }

    private func readChunked(_ connection: HTTPConnection) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            guard let line = try connection.readLine(limit: Self.lineLimit) else {
                throw HTTPError(.transport, "\(connection.peer) closed the connection in the middle of a chunked response")
            }
            let sizeText = (line.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(sizeText, radix: 16), size >= 0 else {
                throw HTTPError(.transport, "\(connection.peer) sent an invalid chunk size")
            }
            if size == 0 { break }
            guard body.count + size <= maximumBodySize else { throw HTTPConnection.BodyTooLarge() }
            body += try connection.read(exactly: size)
            guard try connection.readLine(limit: Self.lineLimit) == "" else {
                throw HTTPError(.transport, "\(connection.peer) sent a chunk longer than its size")
            }
        }
        // Trailer fields, up to the empty line (a server that closes instead is forgiven).
        var trailerBytes = 0
        while let trailer = try connection.readLine(limit: Self.lineLimit), !trailer.isEmpty {
            trailerBytes += trailer.utf8.count
            guard trailerBytes <= Self.headLimit else {
                throw HTTPError(.transport, "\(connection.peer) sent too many trailer fields")
            }
        }
        return body
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// RFC 9110 tokens: no spaces, separators or control characters.
    private static func checkToken(_ text: String, what: String) throws {
        let allowed = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else {
            throw HTTPError(.invalidRequest, "invalid HTTP \(what) '\(text.prefix(40))'")
        }
    }

    /// A broken connection must not kill the process: plain sends use MSG_NOSIGNAL, but
    /// OpenSSL writes with write(2), so SIGPIPE is blocked on the request's own thread.
    private static func blockBrokenPipeSignal() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}
