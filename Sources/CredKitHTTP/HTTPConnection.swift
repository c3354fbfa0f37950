import CredKitCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let posixSocket = Glibc.socket
private let posixClose = Glibc.close
#elseif canImport(Darwin)
private let posixSocket = Darwin.socket
private let posixClose = Darwin.close
#endif

/// One TCP connection, plain or TLS, with buffered reads, where every operation gives up at
/// one deadline. Blocking: use it from a thread of its own, never from Swift's cooperative pool.
final class HTTPConnection {
    /// `host:port` of the peer, for messages.
    let peer: String
    private let socket: Int32
    private let deadline: SocketDeadline
    private var tls: TLSStream?
    private var buffer: [UInt8] = []
    private var position = 0
    private var closed = false

    /// Wraps a connected socket. Internal rather than private so the fuzz target
    /// (fuzz/http-response.swift) can hand `readResponse` one end of a socket pair.
    init(socket: Int32, peer: String, deadline: SocketDeadline) {
        self.socket = socket
        self.peer = peer
        self.deadline = deadline
    }

    deinit { close() }

    /// Resolves `host` (IPv4 and IPv6) and connects to the first address that answers before the deadline.
    /// - Throws: `HTTPError.transport` saying why no address could be reached.
    static func open(host: String, port: Int, deadline: ContinuousClock.Instant, timeout: Double) throws -> HTTPConnection {
        let name = ProxySettings.bare(host)
        let display = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
        let addresses = try HostResolver.resolve(name, port: port, deadline: deadline, timeout: timeout)
        var failures: [String] = []
        for (index, entry) in addresses.enumerated() {
            let remaining = deadline - .now
            if remaining <= .zero { break }
            // Share the time left, so one silent address does not use it all.
            let share = index == addresses.count - 1 ? remaining : remaining / (addresses.count - index)
            let address = entry.withSocketAddress { Self.numericAddress($0, $1) }
            let fd = posixSocket(entry.family, Self.streamType | Self.closeOnExec, entry.socketProtocol)
            guard fd >= 0 else {
                failures.append("\(Self.errnoText(errno)) (\(address))")
                continue
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            let attempt = SocketDeadline(socket: fd, instant: .now + share, timeout: timeout, peer: display)
            do {
                try entry.withSocketAddress { try attempt.connect($0, $1) }
            } catch let failure as SocketDeadline.ConnectFailure {
                _ = posixClose(fd)
                failures.append(address == name ? failure.reason : "\(failure.reason) (\(address))")
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return HTTPConnection(socket: fd, peer: display,
                                  deadline: SocketDeadline(socket: fd, instant: deadline, timeout: timeout, peer: display))
        }
        if deadline - .now <= .zero {
            let detail = failures.isEmpty ? "" : " (\(failures.joined(separator: "; ")))"
            throw HTTPError(.transport, "timed out after \(Self.seconds(timeout)) connecting to \(display)\(detail)")
        }
        throw HTTPError(.transport, "cannot connect to \(display): \(failures.joined(separator: "; "))")
    }

    /// Starts TLS on the connection and verifies the server's certificate for `serverName`.
    /// - Throws: `HTTPError.transport` with the TLS reason (certificate, host name, protocol).
    func startTLS(serverName: String, caBundle: String?) throws {
        guard position == buffer.count else {
            throw HTTPError(.transport, "\(peer) sent data before the TLS handshake")
        }
        let deadline = self.deadline
        do {
            let stream = try TLSStream(socket: socket, host: serverName, caBundlePath: caBundle) { readiness in
                try deadline.wait(for: readiness == .readable ? Int16(POLLIN) : Int16(POLLOUT))
            }
            try stream.handshake()
            tls = stream
        } catch let error as CryptoError {
            throw HTTPError(.transport, error.reason)
        }
    }

    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            if let tls {
                try deadline.check()
                do { try tls.write(raw) } catch let error as CryptoError { throw HTTPError(.transport, error.reason) }
                return
            }
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                try deadline.check()
                let sent = send(socket, base + offset, raw.count - offset, Self.noSignal)
                if sent >= 0 {
                    offset += sent
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    try deadline.wait(for: Int16(POLLOUT))
                    continue
                }
                throw HTTPError(.transport, "sending to \(peer) failed: \(Self.errnoText(code))")
            }
        }
    }

    /// A line without its CR LF, or nil when the connection ended before one.
    /// - Throws: when the line is longer than `limit` bytes.
    func readLine(limit: Int) throws -> String? {
        var scanned = 0 // bytes after `position` known to hold no newline; fill() may move `position`
        while true {
            if let newline = buffer[(position + scanned)...].firstIndex(of: 0x0a) {
                var end = newline
                if end > position, buffer[end - 1] == 0x0d { end -= 1 }
                guard end - position <= limit else {
                    throw HTTPError(.transport, "\(peer) sent a header line longer than \(limit) bytes")
                }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = newline + 1
                return line
            }
            // `limit` bytes of line, and its CR, may wait in the buffer for the LF.
            if buffer.count - position > limit + 1 {
                throw HTTPError(.transport, "\(peer) sent a header line longer than \(limit) bytes")
            }
            scanned = buffer.count - position
            guard try fill() else { return nil }
        }
    }

    /// Exactly `count` bytes.
    /// - Throws: when the connection ends first.
    func read(exactly count: Int) throws -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else {
                throw HTTPError(.transport, "\(peer) closed the connection \(count - (buffer.count - position)) bytes before the end of the response")
            }
        }
        let bytes = Array(buffer[position..<position + count])
        position += count
        return bytes
    }

    /// Everything until the server closes the connection.
    /// - Throws: `BodyTooLarge` past `limit` bytes.
    func readToEnd(limit: Int) throws -> [UInt8] {
        while try fill() {
            // `limit` bytes of line, and its CR, may wait in the buffer for the LF.
            if buffer.count - position > limit { throw BodyTooLarge() }
        }
        let bytes = Array(buffer[position...])
        position = buffer.count
        return bytes
    }

    /// Sends TLS close_notify if any, then closes the socket.
    func close() {
        guard !closed else { return }
        closed = true
        tls?.shutdown()
        tls = nil
        _ = posixClose(socket)
    }

    struct BodyTooLarge: Error {}

    /// Appends what the socket has to the buffer; false at the end of the stream.
    private func fill() throws -> Bool {
        try deadline.check()
        if position > 65_536, position * 2 > buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = try chunk.withUnsafeMutableBytes { try receive(into: $0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func receive(into raw: UnsafeMutableRawBufferPointer) throws -> Int {
        if let tls {
            do { return try tls.read(into: raw) } catch let error as CryptoError { throw HTTPError(.transport, error.reason) }
        }
        while true {
            let count = recv(socket, raw.baseAddress, raw.count, 0)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                try deadline.wait(for: Int16(POLLIN))
                continue
            }
            throw HTTPError(.transport, "reading from \(peer) failed: \(Self.errnoText(code))")
        }
    }

    #if os(Linux)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    // Atomic, so a child process started meanwhile by another thread does not inherit the socket.
    private static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let closeOnExec: Int32 = 0
    private static let noSignal: Int32 = 0
    #endif

    static func errnoText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) seconds" : "\(value) seconds"
    }

    private static func numericAddress(_ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard let address, getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return "?"
        }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
