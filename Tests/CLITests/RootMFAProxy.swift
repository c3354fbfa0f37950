import CredKitTestSupport
import Foundation
import Testing

/// A transparent loopback proxy in front of moto for the one step moto cannot take: moto keeps
/// `AccountMFAEnabled` at 0 because AWS has no API that turns on root MFA (it is done in the
/// console, signed in as root). Every request goes to moto unchanged (moto still checks each
/// signature: the signed Host is the proxy's, as sent); once `enableRootMFA()` is called, the
/// `GetAccountSummary` answer says `AccountMFAEnabled` 1, as AWS's would after the console step.
/// The rewritten answer is parsed back and checked against botocore's `summaryMapType` keys.
final class RootMFAProxy: @unchecked Sendable {
    static let script = #"""
    import http.client, os, re, sys, botocore.session
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    port, upstream, flag = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    keys = botocore.session.get_session().get_service_model("iam").shape_for("summaryKeyType").enum
    assert "AccountMFAEnabled" in keys

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
            connection.request(self.command, self.path, body, dict(self.headers))
            answer = connection.getresponse()
            data = answer.read()
            if b"Action=GetAccountSummary" in body and os.path.exists(flag) and answer.status == 200:
                data, count = re.subn(rb"(<key>AccountMFAEnabled</key>\s*<value>)0(</value>)", rb"\g<1>1\g<2>", data)
                assert count == 1, "no AccountMFAEnabled entry in moto's answer"
                for key in re.findall(rb"<key>([^<]+)</key>", data):
                    assert key.decode() in keys, key
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#

    let endpoint: String
    private let flagPath: String
    private let process: Process

    init(directory: TemporaryDirectory, moto: MotoServer) throws {
        let port = try LoopbackPort.free()
        flagPath = directory.path("root-mfa-enabled")
        endpoint = "http://127.0.0.1:\(port)/"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(port), String(moto.port), flagPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else { throw MotoError("the root-MFA proxy did not start") }
            usleep(100_000)
        }
    }

    /// From now on the account summary says root has MFA.
    func enableRootMFA() {
        FileManager.default.createFile(atPath: flagPath, contents: Data())
    }

    /// Stops the proxy. SIGKILL: a child started from a test thread inherits its blocked SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
    }
}
