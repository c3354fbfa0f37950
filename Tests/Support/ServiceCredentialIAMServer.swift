import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback IAM endpoint for `ListServiceSpecificCredentials`, which moto lacks. It answers
/// that action from a state file the test writes, and passes every other request through,
/// unchanged, to an upstream (the suite's moto server), so `AWS_ENDPOINT_URL_IAM` can point at it
/// for a whole live run while other services go to moto directly.
///
/// Shapes are checked against botocore's IAM service model, read from the local botocore mirror
/// (`git show HEAD:botocore/data/iam/2010-05-08/service-2.json`) or, without one, from the
/// installed botocore: every request parameter must be a member of the input shape, and every
/// response element is rendered from the output shape, so an element name, a missing required
/// member or a status outside the enum fails. Each request's SigV4 signature is recomputed with
/// the secret. Answers are paged `pageSize` items at a time whatever `MaxItems` says (IAM may
/// return fewer), so clients must follow `Marker`.
public final class ServiceCredentialIAMServer: @unchecked Sendable {
    static let script = #"""
    import gzip, hashlib, hmac, http.client, json, os, subprocess, sys, urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    port, state_path, record_path, secret, upstream = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    ACTION = "ListServiceSpecificCredentials"

    def load_model():
        mirror = os.environ.get("CREDKIT_BOTOCORE_MIRROR", "/work/.mirror/boto+botocore/repo")
        if os.path.isdir(mirror):
            shown = subprocess.run(["git", "--git-dir=" + mirror, "show", "HEAD:botocore/data/iam/2010-05-08/service-2.json"],
                                   capture_output=True)
            if shown.returncode == 0:
                return json.loads(shown.stdout), "mirror"
        import botocore
        base = os.path.join(os.path.dirname(botocore.__file__), "data/iam/2010-05-08/service-2.json")
        return json.load(gzip.open(base + ".gz") if os.path.exists(base + ".gz") else open(base)), "installed botocore"

    MODEL, MODEL_SOURCE = load_model()
    SHAPES = MODEL["shapes"]
    OPERATION = MODEL["operations"][ACTION]

    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def render(shape_name, value, where):
        shape = SHAPES[shape_name]
        kind = shape["type"]
        if kind == "structure":
            assert isinstance(value, dict), where + ": expected an object"
            for key in shape.get("required", []):
                assert key in value, where + ": required " + key + " missing"
            out = ""
            for key, item in value.items():
                assert key in shape["members"], where + ": " + key + " is not a member of " + shape_name
                out += "<%s>%s</%s>" % (key, render(shape["members"][key]["shape"], item, where + "." + key), key)
            return out
        if kind == "list":
            assert isinstance(value, list), where + ": expected a list"
            return "".join("<member>%s</member>" % render(shape["member"]["shape"], item, "%s[%d]" % (where, index))
                           for index, item in enumerate(value))
        if kind == "boolean":
            assert isinstance(value, bool), where + ": expected a boolean"
            return "true" if value else "false"
        if kind == "timestamp":
            assert isinstance(value, str) and value.endswith("Z") and "T" in value, where + ": expected an ISO 8601 UTC time"
            return value
        assert isinstance(value, str), where + ": expected a string"
        if "enum" in shape:
            assert value in shape["enum"], where + ": " + value + " is not one of " + ", ".join(shape["enum"])
        return escape(value)

    def check_signature(handler, body):
        auth = handler.headers.get("Authorization", "")
        assert auth.startswith("AWS4-HMAC-SHA256 "), "not SigV4"
        fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        _, day, region, service, _ = fields["Credential"].split("/")
        assert service == "iam", "signed for " + service
        signed = fields["SignedHeaders"].split(";")
        for needed in ("host", "x-amz-date"):
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

    def record(entry):
        with open(record_path, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def error_document(code, message):
        return ('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>%s</Code>'
                '<Message>%s</Message></Error><RequestId>loopback-0001</RequestId></ErrorResponse>') % (code, escape(message))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args):
            pass
        def answer(self, status, text):
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
            if form.get("Action") != ACTION:
                return self.forward(body)
            try:
                check_signature(self, body)
                assert form.pop("Version", None) == MODEL["metadata"]["apiVersion"], "Version"
                form.pop("Action")
                members = SHAPES[OPERATION["input"]["shape"]]["members"]
                for name in form:
                    assert name in members, name + " is not a member of " + OPERATION["input"]["shape"]
            except AssertionError as error:
                record({"problem": "request: %s" % error})
                return self.answer(400, error_document("InvalidRequest", "loopback: %s" % error))
            record({"request": form})
            state = json.load(open(state_path))
            if state.get("deny"):
                return self.answer(403, error_document("AccessDenied", "User is not authorized to perform: iam:" + ACTION))
            items = state.get("credentials", {}).get(form.get("UserName", ""), [])
            size = min(int(form.get("MaxItems", "100")), state.get("pageSize", 1))
            start = int(form.get("Marker", "0"))
            page = items[start:start + size]
            result = {"ServiceSpecificCredentials": page, "IsTruncated": start + size < len(items)}
            if result["IsTruncated"]:
                result["Marker"] = str(start + size)
            try:
                inner = render(OPERATION["output"]["shape"], result, ACTION)
            except AssertionError as error:
                record({"problem": "response: %s" % error})
                return self.answer(500, error_document("ShapeMismatch", "loopback: %s" % error))
            wrapper = OPERATION["output"]["resultWrapper"]
            self.answer(200, '<%sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><%s>%s</%s>'
                             '<ResponseMetadata><RequestId>loopback-0002</RequestId></ResponseMetadata></%sResponse>'
                        % (ACTION, wrapper, inner, wrapper, ACTION))
        def forward(self, body):
            if not upstream:
                return self.answer(400, error_document("InvalidAction", "loopback: no upstream for " + body.decode()[:60]))
            target = urllib.parse.urlsplit(upstream)
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
            # The Host header goes through as signed, so the upstream's signature check passes.
            connection.request("POST", self.path, body, {k: v for k, v in self.headers.items()})
            response = connection.getresponse()
            data = response.read()
            self.send_response(response.status)
            self.send_header("Content-Type", response.getheader("Content-Type", "text/xml"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

    record({"model": MODEL_SOURCE})
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#

    /// `http://127.0.0.1:PORT/`.
    public let endpoint: URL
    private let process: Process
    private let statePath: String
    private let recordPath: String

    private init(endpoint: URL, process: Process, statePath: String, recordPath: String) {
        self.endpoint = endpoint
        self.process = process
        self.statePath = statePath
        self.recordPath = recordPath
    }

    /// Starts the server.
    /// - Parameters:
    ///   - secret: the secret access key whose signatures it accepts.
    ///   - upstream: where other IAM actions go (moto); nil answers them `InvalidAction`.
    public static func start(secret: String, upstream: URL?) throws -> ServiceCredentialIAMServer {
        let port = try LoopbackPort.free()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("credkit-ssc-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), base + ".state.json", base + ".log", secret, upstream?.absoluteString ?? ""]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard let endpoint = URL(string: "http://127.0.0.1:\(port)/") else { throw MotoError("bad port") }
        let server = ServiceCredentialIAMServer(endpoint: endpoint, process: process, statePath: base + ".state.json", recordPath: base + ".log")
        try server.set(credentials: [:])
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else {
                server.stop()
                throw MotoError("the service-credential IAM server did not start")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return server
    }

    /// What the server answers: credentials by user name, each a dictionary named as in
    /// `ServiceSpecificCredentialMetadata`; `deny` answers `AccessDenied`; `pageSize` items a page.
    public func set(credentials: [String: [[String: String]]], deny: Bool = false, pageSize: Int = 1) throws {
        let state: [String: Any] = ["credentials": credentials, "deny": deny, "pageSize": pageSize]
        try JSONSerialization.data(withJSONObject: state).write(to: URL(fileURLWithPath: statePath))
    }

    private func records() throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: recordPath) else { return [] }
        return try String(contentsOfFile: recordPath, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The form fields (without Action and Version) of each `ListServiceSpecificCredentials` request.
    public func requests() throws -> [[String: String]] {
        try records().compactMap { $0["request"] as? [String: String] }
    }

    /// Requests or responses that did not fit botocore's model, or failed the signature check.
    public func problems() throws -> [String] {
        try records().compactMap { $0["problem"] as? String }
    }

    /// Where the model came from: `mirror` or `installed botocore`.
    public func modelSource() throws -> String? {
        try records().compactMap { $0["model"] as? String }.first
    }

    /// Stops the server by its PID.
    public func stop() {
        // SIGKILL: a child started from a test thread inherits its blocked SIGTERM.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if process.processIdentifier > 0 { process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: statePath)
        try? FileManager.default.removeItem(atPath: recordPath)
    }
}
