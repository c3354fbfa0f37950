import Foundation
#if canImport(Glibc)
import Glibc
private let posixConnect = Glibc.connect
#elseif canImport(Darwin)
import Darwin
private let posixConnect = Darwin.connect
#endif

/// Waits on one socket with poll(), up to a deadline.
struct SocketDeadline {
    /// A connect that failed for one address; the next may still work.
    struct ConnectFailure: Error {
        let reason: String
    }

    let socket: Int32
    let instant: ContinuousClock.Instant
    let timeout: Double
    let peer: String

    /// Throws once the deadline has passed, whether or not the socket would block: a peer
    /// that keeps sending (100 Continue forever, a byte a second) must not outlive it.
    /// - Throws: `HTTPError.transport` at the deadline.
    func check() throws {
        guard instant - .now > .zero else {
            throw HTTPError(.transport, "timed out after \(HTTPConnection.seconds(timeout)) waiting for \(peer)")
        }
    }

    /// Blocks until the socket has `events` (or an error or hang-up, which the next call reports).
    /// - Throws: `HTTPError.transport` at the deadline.
    func wait(for events: Int16) throws {
        while true {
            let remaining = instant - .now
            guard remaining > .zero else {
                throw HTTPError(.transport, "timed out after \(HTTPConnection.seconds(timeout)) waiting for \(peer)")
            }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let milliseconds = Self.milliseconds(remaining)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 { continue }
            let code = errno
            if code == EINTR { continue }
            throw HTTPError(.transport, "waiting for \(peer) failed: \(HTTPConnection.errnoText(code))")
        }
    }

    /// A non-blocking connect, finished with poll().
    /// - Throws: `ConnectFailure` with the reason for this address.
    func connect(_ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) throws {
        if posixConnect(socket, address, length) == 0 { return }
        let code = errno
        // EINTR: the connect goes on in the background, as with EINPROGRESS.
        guard code == EINPROGRESS || code == EINTR else { throw ConnectFailure(reason: HTTPConnection.errnoText(code)) }
        while true {
            let remaining = instant - .now
            guard remaining > .zero else { throw ConnectFailure(reason: "timed out") }
            var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&descriptor, 1, Self.milliseconds(remaining))
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { throw ConnectFailure(reason: HTTPConnection.errnoText(errno)) }
            if ready == 0 { continue }
            var failure: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(socket, SOL_SOCKET, SO_ERROR, &failure, &size) == 0 else {
                throw ConnectFailure(reason: HTTPConnection.errnoText(errno))
            }
            if failure != 0 { throw ConnectFailure(reason: HTTPConnection.errnoText(failure)) }
            return
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: max(0, total))
    }
}
