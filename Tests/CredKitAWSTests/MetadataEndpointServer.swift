import CredKitTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback python3 server answering as the endpoints moto does not have:
/// - IMDSv2 under `/` (and `/v1only`: token request 405; `/slow`: no answer for 5 s; `/norole`: no role):
///   `PUT /latest/api/token` needs `X-aws-ec2-metadata-token-ttl-seconds`, later GETs need the token.
/// - ECS: `GET /ecs/credentials` needs `Authorization: ecs-auth-token`.
/// - IAM Identity Center: `GET /federation/credentials`, checked against botocore's SSO service
///   model (`botocore/data/sso/2019-06-10/service-2.json`): the request URI, the query string and
///   header names, and the answer's member names are read from the model. The bearer token
///   `expired-at-portal` is refused with 401 UnauthorizedException.
final class MetadataEndpointServer: @unchecked Sendable {
    static let script = #"""
    import gzip, json, os, socketserver, sys, threading, time, http.server, botocore
    from urllib.parse import urlsplit, parse_qs
    model_path = os.path.join(os.path.dirname(botocore.__file__), "data/sso/2019-06-10/service-2.json.gz")
    model = json.load(gzip.open(model_path))
    operation = model["operations"]["GetRoleCredentials"]
    input_shape = model["shapes"][operation["input"]["shape"]]
    query_names = {m["locationName"]: name for name, m in input_shape["members"].items() if m.get("location") == "querystring"}
    header_names = {m["locationName"].lower(): name for name, m in input_shape["members"].items() if m.get("location") == "header"}
    output_shape = model["shapes"][operation["output"]["shape"]]
    outer = list(output_shape["members"])[0]
    inner = list(model["shapes"][output_shape["members"][outer]["shape"]]["members"])
    assert operation["http"]["method"] == "GET" and set(input_shape["required"]) == set(query_names.values()) | set(header_names.values())
    expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args):
            pass
        def reply(self, status, body, kind="application/json"):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def split(self):
            path = urlsplit(self.path).path
            for prefix in ("/v1only", "/slow", "/norole"):
                if path.startswith(prefix + "/"):
                    return prefix, path[len(prefix):]
            return "", path
        def do_PUT(self):
            prefix, path = self.split()
            if path != "/latest/api/token":
                return self.reply(404, "")
            if prefix == "/slow":
                time.sleep(5)
            if prefix == "/v1only":
                return self.reply(405, "")
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return self.reply(400, "")
            self.reply(200, "imds-session-token-value", "text/plain")
        def do_GET(self):
            prefix, path = self.split()
            url = urlsplit(self.path)
            if path.startswith("/latest/meta-data/iam/security-credentials/"):
                token = self.headers.get("X-aws-ec2-metadata-token")
                if (prefix == "/v1only") != (token is None) or (token is not None and token != "imds-session-token-value"):
                    return self.reply(401, "")
                role = path[len("/latest/meta-data/iam/security-credentials/"):]
                if prefix == "/norole":
                    return self.reply(404, "")
                if role == "":
                    return self.reply(200, "credkit-instance-role", "text/plain")
                if role != "credkit-instance-role":
                    return self.reply(404, "")
                return self.reply(200, json.dumps({"Code": "Success", "LastUpdated": expiration, "Type": "AWS-HMAC",
                    "AccessKeyId": "ASIAIMDS000000000001", "SecretAccessKey": "imds-secret-value",
                    "Token": "imds-session-token", "Expiration": expiration}))
            if path == "/ecs/credentials":
                if self.headers.get("Authorization") != "ecs-auth-token":
                    return self.reply(401, json.dumps({"message": "unauthorized"}))
                return self.reply(200, json.dumps({"AccessKeyId": "ASIAECS0000000000001", "SecretAccessKey": "ecs-secret-value",
                    "Token": "ecs-session-token", "Expiration": expiration, "RoleArn": "arn:aws:iam::123456789012:role/task"}))
            if path == operation["http"]["requestUri"].split("?")[0]:
                query = parse_qs(url.query)
                if set(query) != set(query_names) or any(len(v) != 1 for v in query.values()):
                    return self.reply(400, json.dumps({"message": "query %s does not match the model" % sorted(query)}))
                token = self.headers.get(list(header_names)[0])
                if token is None:
                    return self.reply(400, json.dumps({"message": "no bearer token header"}))
                if token == "expired-at-portal":
                    return self.reply(401, json.dumps({"message": "Session token not found or invalid"}), "application/json")
                if query["account_id"] != ["111122223333"] or query["role_name"] != ["ReadOnly"]:
                    return self.reply(403, json.dumps({"message": "No access"}))
                credentials = dict(zip(inner, ["ASIASSO0000000000001", "sso-secret-value", "sso-session-token",
                                               int((time.time() + 3600) * 1000)]))
                return self.reply(200, json.dumps({outer: credentials}))
            self.reply(404, "")

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    """#

    let port: Int
    private let process: Process
    private let input: Pipe

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while let byte = try handle.read(upToCount: 1)?.first, byte != 0x0a { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            throw MotoError("the metadata endpoint server did not start (is botocore installed?)")
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() {
        try? input.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
