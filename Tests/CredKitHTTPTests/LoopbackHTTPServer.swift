import CredKitTestSupport
import Foundation
import Testing

/// A tiny real HTTP server in python3 on a loopback address, answering in the ways the client
/// must cope with: chunked, close-delimited, oversized, interim 100, truncated, slow, not HTTP.
/// With a certificate it speaks TLS. Stopped by closing its stdin (and by PID if need be).
final class LoopbackHTTPServer: @unchecked Sendable {
    /// Routes (by path, also for absolute-form targets):
    /// - `/echo`: JSON of the request's method, target, headers and body (Content-Length).
    /// - `/chunked`: `hello, chunked world!` in three chunks with an extension and a trailer.
    /// - `/close`: `close-delimited body` with no length, ended by closing.
    /// - `/big-length/N`, `/big-chunked/N`, `/big-close/N`: N bytes of `x` each way.
    /// - `/continue`: `100 Continue`, then `ok`.
    /// - `/continue-forever`: `100 Continue` every 10 ms, never a final answer.
    /// - `/interim/N`: N `100 Continue` heads, then `ok`.
    /// - `/headers/N`: an answer with N header fields.
    /// - `/drip`: claims 1,000 bytes and sends one every 50 ms.
    /// - `/long-line/N`: a header line of N bytes (without CR LF).
    /// - `/head-size/N`: a head whose status and header lines add up to N bytes.
    /// - `/unavailable`: `503 Service Unavailable` at once (retried by AWS clients).
    /// - `/truncated`: claims 100 bytes, sends 10, closes.
    /// - `/slow`: answers after twenty seconds.
    /// - `/not-http`: an SSH banner.
    /// - `/hangup`: closes the connection after the headers, leaving the body unread.
    /// - `/reset`: reads the request, then resets the connection (RST) instead of answering.
    /// - `/sts`: a GetCallerIdentity answer for user `via-proxy` when the request has a `Via`
    ///   header (it came through a proxy), else for user `direct`.
    static let script = #"""
    import json, socket, socketserver, ssl, struct, sys, threading, time
    from urllib.parse import urlsplit
    host, certfile, keyfile = sys.argv[1], sys.argv[2], sys.argv[3]
    context = None
    if certfile:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certfile, keyfile)

    def head(status, headers):
        return ("HTTP/1.1 %s\r\n" % status + "".join("%s: %s\r\n" % h for h in headers) + "\r\n").encode()

    def chunked(data, size=65536):
        for start in range(0, len(data), size):
            piece = data[start:start + size]
            yield b"%x\r\n" % len(piece) + piece + b"\r\n"
        yield b"0\r\n\r\n"

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            conn = self.request
            try:
                if context:
                    conn = context.wrap_socket(conn, server_side=True)
                reader = conn.makefile("rb")
                line = reader.readline().decode("latin-1").rstrip("\r\n")
                if not line:
                    return
                method, target, _ = line.split(" ", 2)
                headers = []
                while True:
                    field = reader.readline().decode("latin-1").rstrip("\r\n")
                    if not field:
                        break
                    name, _, value = field.partition(":")
                    headers.append([name, value.strip()])
                if urlsplit(target).path == "/hangup":
                    return  # without reading the body: the kernel resets the connection
                length = int({k.lower(): v for k, v in headers}.get("content-length", "0"))
                body = reader.read(length) if length else b""
                self.answer(conn, method, target, headers, body)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                pass
            finally:
                try:
                    conn.close()
                except OSError:
                    pass

        def answer(self, conn, method, target, headers, body):
            path = urlsplit(target).path or target
            parts = path.strip("/").split("/")
            if path == "/echo":
                data = json.dumps({"method": method, "target": target, "headers": headers,
                                   "body": body.decode("latin-1")}).encode()
                conn.sendall(head("200 OK", [("Content-Type", "application/json"), ("Content-Length", len(data))]) + data)
            elif path == "/chunked":
                conn.sendall(head("200 OK", [("Transfer-Encoding", "chunked")]))
                for piece in [b"7;note=first\r\nhello, \r\n", b"8\r\nchunked \r\n", b"6\r\nworld!\r\n", b"0\r\nX-Trailer: yes\r\n\r\n"]:
                    conn.sendall(piece)
                    time.sleep(0.02)
            elif path == "/close":
                conn.sendall(head("200 OK", [("Connection", "close")]) + b"close-delimited ")
                time.sleep(0.05)
                conn.sendall(b"body")
            elif parts[0] == "big-length":
                size = int(parts[1])
                conn.sendall(head("200 OK", [("Content-Length", size)]))
                conn.sendall(b"x" * size)
            elif parts[0] == "big-chunked":
                conn.sendall(head("200 OK", [("Transfer-Encoding", "chunked")]))
                for piece in chunked(b"x" * int(parts[1])):
                    conn.sendall(piece)
            elif parts[0] == "big-close":
                conn.sendall(head("200 OK", [("Connection", "close")]) + b"x" * int(parts[1]))
            elif path == "/continue":
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
                time.sleep(0.02)
                conn.sendall(head("200 OK", [("Content-Length", 2)]) + b"ok")
            elif path == "/continue-forever":
                while True:
                    conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
                    time.sleep(0.01)
            elif parts[0] == "interim":
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n" * int(parts[1]))
                conn.sendall(head("200 OK", [("Content-Length", 2)]) + b"ok")
            elif parts[0] == "headers":
                fields = [("X-Field-%d" % i, "v") for i in range(int(parts[1]) - 1)] + [("Content-Length", 2)]
                conn.sendall(head("200 OK", fields) + b"ok")
            elif parts[0] == "long-line":
                value = "a" * (int(parts[1]) - len("X-Long: "))
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + value.encode() + b"\r\nContent-Length: 2\r\n\r\nok")
            elif parts[0] == "head-size":
                # Status and header lines (without CR LF) add up to exactly N bytes.
                target = int(parts[1])
                lines = ["HTTP/1.1 200 OK", "Content-Length: 2"]
                left = target - sum(len(l) for l in lines)
                index = 0
                while left > 0:
                    prefix = "X-Fill-%03d: " % index
                    size = min(left, 16000)
                    if size < len(prefix) + 1:
                        lines[-1] += "f" * size  # top up the last filler line
                        left = 0
                        break
                    lines.append(prefix + "f" * (size - len(prefix)))
                    left -= size
                    index += 1
                conn.sendall(("\r\n".join(lines) + "\r\n\r\nok").encode())
            elif path == "/drip":
                conn.sendall(head("200 OK", [("Content-Length", 1000)]))
                for _ in range(1000):
                    conn.sendall(b"x")
                    time.sleep(0.05)
            elif path == "/unavailable":
                conn.sendall(head("503 Service Unavailable", [("Content-Length", 0)]))
            elif path == "/truncated":
                conn.sendall(head("200 OK", [("Content-Length", 100)]) + b"0123456789")
            elif path == "/slow":
                time.sleep(20)
                conn.sendall(head("200 OK", [("Content-Length", 4)]) + b"late")
            elif path == "/sts":
                user = "via-proxy" if any(name.lower() == "via" for name, _ in headers) else "direct"
                data = ("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/%s</Arn>"
                        "<UserId>AIDASTUB</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
                        "</GetCallerIdentityResponse>" % user).encode()
                conn.sendall(head("200 OK", [("Content-Type", "text/xml"), ("Content-Length", len(data))]) + data)
            elif path == "/reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
            elif path == "/not-http":
                conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
            else:
                conn.sendall(head("404 Not Found", [("Content-Length", 0)]))

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    if ":" in host:
        Server.address_family = socket.AF_INET6
    server = Server((host, 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    """#

    let host: String
    private(set) var port = 0
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// Starts a server on `host` (a loopback address), with TLS when `certificate` is given.
    init(host: String = "127.0.0.1", certificate: TestCertificateAuthority.Issued? = nil) throws {
        self.host = host
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, host, certificate?.certificate ?? "", certificate?.key ?? ""]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var bytes: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == 0x0a { break }
            bytes.append(contentsOf: byte)
        }
        guard let port = Int(String(decoding: bytes, as: UTF8.self)) else {
            stop()
            throw MotoError("the python test server did not start on \(host)")
        }
        self.port = port
    }

    /// `scheme://host:port/path`.
    func url(_ path: String, scheme: String = "http", host: String? = nil) throws -> URL {
        let name = host ?? self.host
        return try #require(URL(string: "\(scheme)://\(name.contains(":") ? "[\(name)]" : name):\(port)\(path)"))
    }

    /// Stops the server: stdin closed, then SIGKILL by PID if it lingers.
    func stop() {
        try? input.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}
