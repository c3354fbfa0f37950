import CredKitTestSupport
import Foundation
import Testing

/// A loopback stand-in for the two billing APIs moto lacks: Cost and Usage Report
/// (`DescribeReportDefinitions`) and Data Exports (`ListExports`). It checks each request's
/// JSON-protocol headers and its SigV4 signature (recomputed with the secret), and answers
/// from a state file the test rewrites; every answer is first checked against the output shape
/// in botocore's service model (`botocore/data/cur`, `botocore/data/bcm-data-exports`), so the
/// fakes cannot drift from what AWS sends.
final class BillingLoopbackServer: @unchecked Sendable {
    static let script = #"""
    import hashlib, hmac, json, sys, botocore.session
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    port, state_path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    session = botocore.session.get_session()
    MODELS = {"AWSOrigamiServiceGatewayService": ("cur", "cur"),
              "AWSBillingAndCostManagementDataExports": ("bcm-data-exports", "bcm-data-exports")}

    def check(shape, value, where):
        kind = shape.type_name
        if kind == "structure":
            assert isinstance(value, dict), where + ": expected an object"
            for key in value:
                assert key in shape.members, where + ": " + key + " is not in " + shape.name
                check(shape.members[key], value[key], where + "." + key)
            for key in shape.required_members:
                assert key in value, where + ": required " + key + " missing"
        elif kind == "list":
            assert isinstance(value, list), where + ": expected a list"
            for index, item in enumerate(value):
                check(shape.member, item, "%s[%d]" % (where, index))
        elif kind == "string":
            assert isinstance(value, str), where + ": expected a string"
            if shape.enum:
                assert value in shape.enum, where + ": " + value + " not in the enum"
        elif kind == "boolean":
            assert isinstance(value, bool), where + ": expected a boolean"
        elif kind in ("integer", "long"):
            assert isinstance(value, int) and not isinstance(value, bool), where + ": expected an integer"
        elif kind == "timestamp":
            assert isinstance(value, (int, float, str)), where + ": expected a timestamp"

    def sign_check(handler, body):
        auth = handler.headers.get("Authorization", "")
        assert auth.startswith("AWS4-HMAC-SHA256 "), "not SigV4"
        fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        key_id, day, region, service, _ = fields["Credential"].split("/")
        signed = fields["SignedHeaders"].split(";")
        for needed in ("host", "x-amz-date", "x-amz-target", "content-type"):
            assert needed in signed, needed + " is not signed"
        canonical = "\n".join(["POST", "/", ""] + ["%s:%s" % (h, " ".join(handler.headers.get(h, "").split())) for h in signed]
                              + ["", ";".join(signed), hashlib.sha256(body).hexdigest()])
        scope = "/".join([day, region, service, "aws4_request"])
        to_sign = "\n".join(["AWS4-HMAC-SHA256", handler.headers["X-Amz-Date"], scope, hashlib.sha256(canonical.encode()).hexdigest()])
        k = ("AWS4" + secret).encode()
        for part in (day, region, service, "aws4_request"):
            k = hmac.new(k, part.encode(), hashlib.sha256).digest()
        expected = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
        assert hmac.compare_digest(expected, fields["Signature"]), "signature does not match"
        return region, service

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass
        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                assert self.headers.get("Content-Type") == "application/x-amz-json-1.1", "Content-Type"
                prefix, operation = self.headers.get("X-Amz-Target", "").rsplit(".", 1)
                model_name, signing = MODELS[prefix]
                region, service = sign_check(self, body)
                assert (region, service) == ("us-east-1", signing), "scope %s/%s" % (region, service)
                json.loads(body or b"{}")
            except Exception as error:
                return self.answer(400, {"__type": "InvalidSignatureException", "message": "loopback: %s" % error})
            state = json.load(open(state_path))
            if state.get("deny"):
                return self.answer(400, {"__type": "AccessDeniedException", "message": "denied by the test"})
            model = session.get_service_model(model_name)
            output = model.operation_model(operation).output_shape
            payload = {"ReportDefinitions": state.get("reports", [])} if operation == "DescribeReportDefinitions" \
                else {"Exports": state.get("exports", [])}
            try:
                check(output, payload, operation)
            except AssertionError as error:
                return self.answer(500, {"__type": "ShapeMismatch", "message": str(error)})
            self.answer(200, payload)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()
    """#

    let endpoint: String
    let statePath: String
    private let process: Process

    /// Starts the server with an empty state (no reports, no exports).
    init(directory: TemporaryDirectory, secret: String) throws {
        let port = try LoopbackPort.free()
        statePath = directory.path("billing-state.json")
        endpoint = "http://127.0.0.1:\(port)/"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(port), statePath, secret]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try set([:])
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else { throw MotoError("the billing loopback server did not start") }
            usleep(100_000)
        }
    }

    /// Replaces what the server answers: `reports` (CUR definitions), `exports`, `deny`.
    func set(_ state: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: state).write(to: URL(fileURLWithPath: statePath))
    }

    /// Stops the server by its PID.
    func stop() {
        // SIGKILL: a child started from a test thread inherits its blocked SIGTERM.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
    }
}
