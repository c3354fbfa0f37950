// libFuzzer target: the HTTP/1.1 response reader (CredKitHTTP.HTTPClient.readResponse: status
// line, headers, folded lines, interim 1xx answers, Content-Length, chunked bodies and
// trailers, limits). The input is what the server sends: it is written into one end of a
// socket pair, which is then closed, and the real reader reads the other end.
@testable import CredKitHTTP
import Glibc

private let client = HTTPClient(timeout: 5, maximumBodySize: 8_192)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPResponse(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var ends: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
        fatalError("socketpair: \(errno)")
    }
    var size = Int32(1 << 20)
    _ = setsockopt(ends[1], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    var written = 0
    while written < count {
        let sent = write(ends[1], data + written, count - written)
        guard sent > 0 else { fatalError("write to socket pair: \(errno)") }
        written += sent
    }
    close(ends[1])
    let connection = HTTPConnection(socket: ends[0], peer: "fuzz", deadline: SocketDeadline(
        socket: ends[0], instant: .now + .seconds(5), timeout: 5, peer: "fuzz"))
    defer { connection.close() }
    // Odd-length inputs are answers to HEAD, which has no body.
    _ = try? client.readResponse(connection, method: count % 2 == 0 ? "GET" : "HEAD")
    return 0
}
