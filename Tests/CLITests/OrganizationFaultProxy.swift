import CredKitTestSupport
import Foundation
import Testing

/// A loopback proxy in front of moto for what moto 5.2.1 does not do in an organization run:
///
/// - AWS throttles: the first `listAccountsThrottles` `organizations:ListAccounts` calls get
///   `TooManyRequestsException` (HTTP 400, JSON 1.1) and the first `iamThrottles` IAM
///   `GenerateCredentialReport` calls get `Throttling` (HTTP 400, Query XML), as AWS answers them.
/// - moto's `AssumeRole` grants any role ARN ("the role does not need to exist"); AWS refuses a
///   role that is missing or does not trust the caller with `AccessDenied` (HTTP 403). Role ARNs in
///   accounts listed in `missingRoleAccounts` get that answer.
///
/// Everything else goes to moto unchanged (moto still checks each signature: the signed Host is the
/// proxy's, as sent). The injected error shapes are checked against botocore's service models at
/// start. Counts of injected answers are written to `countsPath` as JSON.
final class OrganizationFaultProxy: @unchecked Sendable {
    static let script = #"""
    import http.client, json, sys, threading, urllib.parse, botocore.session
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    port, upstream, list_throttles, iam_throttles, missing, counts_path = (
        int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), set(filter(None, sys.argv[5].split(","))), sys.argv[6])
    session = botocore.session.get_session()
    organizations = session.get_service_model("organizations")
    list_accounts = organizations.operation_model("ListAccounts")
    assert organizations.metadata["targetPrefix"] == "AWSOrganizationsV20161128"
    assert "TooManyRequestsException" in [shape.name for shape in list_accounts.error_shapes]
    assert set(organizations.shape_for("TooManyRequestsException").members) == {"Type", "Message"}
    assert "RoleArn" in session.get_service_model("sts").operation_model("AssumeRole").input_shape.members
    assert "GenerateCredentialReport" in session.get_service_model("iam").operation_names
    counts = {"ListAccounts": 0, "GenerateCredentialReport": 0, "AssumeRole": 0}
    lock = threading.Lock()

    def inject(kind, limit):
        with lock:
            if limit is not None and counts[kind] >= limit:
                return False
            counts[kind] += 1
            with open(counts_path, "w") as out:
                json.dump(counts, out)
            return True

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def answer(self, status, content_type, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("x-amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            target = self.headers.get("X-Amz-Target", "")
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if not target else {}
            action = form.get("Action", [""])[0]
            if target == "AWSOrganizationsV20161128.ListAccounts" and inject("ListAccounts", list_throttles):
                return self.answer(400, "application/x-amz-json-1.1", json.dumps(
                    {"__type": "TooManyRequestsException", "Type": "ListAccounts",
                     "Message": "AWS Organizations can't complete your request because another request is already in progress. Try again later."}))
            if action == "GenerateCredentialReport" and inject("GenerateCredentialReport", iam_throttles):
                return self.answer(400, "text/xml", "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                    "<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                    "<RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ErrorResponse>")
            role = form.get("RoleArn", [""])[0]
            if action == "AssumeRole" and role.split(":")[4:5] and role.split(":")[4] in missing and inject("AssumeRole", None):
                return self.answer(403, "text/xml", "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                    "<Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/credkit-admin "
                    f"is not authorized to perform: sts:AssumeRole on resource: {role}</Message></Error>"
                    "<RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ErrorResponse>")
            connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
            connection.request(self.command, self.path, body, dict(self.headers))
            answer = connection.getresponse()
            data = answer.read()
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
    private let countsPath: String
    private let process: Process

    init(directory: TemporaryDirectory, moto: MotoServer, listAccountsThrottles: Int, iamThrottles: Int,
         missingRoleAccounts: [String]) throws {
        let port = try LoopbackPort.free()
        countsPath = directory.path("injected.json")
        endpoint = "http://127.0.0.1:\(port)/"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(port), String(moto.port), String(listAccountsThrottles),
                             String(iamThrottles), missingRoleAccounts.joined(separator: ","), countsPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else { throw MotoError("the organization fault proxy did not start") }
            usleep(100_000)
        }
    }

    /// How many answers of each kind were injected so far (`ListAccounts`, `GenerateCredentialReport`, `AssumeRole`).
    func injected() -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: countsPath),
              let counts = try? JSONSerialization.jsonObject(with: data) as? [String: Int] else { return [:] }
        return counts
    }

    /// Stops the proxy. SIGKILL: a child started from a test thread inherits its blocked SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
    }
}
