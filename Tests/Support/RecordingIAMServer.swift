import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in IAM endpoint on 127.0.0.1 for actions moto lacks (`ResyncMFADevice`): it records
/// each request's form body and answers every request with one fixed status and XML body.
public final class RecordingIAMServer: @unchecked Sendable {
    /// `http://127.0.0.1:PORT/`.
    public let endpoint: URL
    private let process: Process
    private let recordFile: String

    private static let script = """
    import sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    port, status, body, record = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4]
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args):
            pass
        def do_POST(self):
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with open(record, "ab") as f:
                f.write(data + b"\\n")
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """

    private init(endpoint: URL, process: Process, recordFile: String) {
        self.endpoint = endpoint
        self.process = process
        self.recordFile = recordFile
    }

    /// Starts a server that answers `status` with `body` to every request.
    public static func start(status: Int, body: String) throws -> RecordingIAMServer {
        let port = try LoopbackPort.free()
        let recordFile = FileManager.default.temporaryDirectory.appendingPathComponent("credkit-iam-\(UUID().uuidString).log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), String(status), body, recordFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                throw MotoError("the recording IAM server did not start")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let endpoint = URL(string: "http://127.0.0.1:\(port)/") else { throw MotoError("bad port") }
        return RecordingIAMServer(endpoint: endpoint, process: process, recordFile: recordFile)
    }

    /// The form fields of each request received, in order.
    public func requests() throws -> [[String: String]] {
        guard FileManager.default.fileExists(atPath: recordFile) else { return [] }
        return try String(contentsOfFile: recordFile, encoding: .utf8).split(separator: "\n").map { line in
            var fields: [String: String] = [:]
            for pair in line.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }

    /// Stops the server by its PID.
    public func stop() {
        // SIGKILL: a child inherits the test thread's blocked signals, SIGTERM included.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: recordFile)
    }
}

/// Facts about one operation from botocore's IAM service model (data/iam/2010-05-08/service-2.json.gz).
public struct BotocoreOperation: Decodable, Sendable {
    /// The API version (`2010-05-08`).
    public let apiVersion: String
    /// Every member of the input shape.
    public let inputMembers: [String]
    /// The required members of the input shape.
    public let required: [String]
    /// Whether the operation has an output shape.
    public let hasOutput: Bool
    /// Each modelled error: code, HTTP status.
    public let errors: [String: Int]

    /// Reads `operation` from botocore's model with python3.
    public static func load(_ operation: String) throws -> BotocoreOperation {
        let script = """
        import botocore, gzip, json, os, sys
        base = os.path.join(os.path.dirname(botocore.__file__), "data/iam/2010-05-08/service-2.json")
        model = json.load(gzip.open(base + ".gz") if os.path.exists(base + ".gz") else open(base))
        op = model["operations"][sys.argv[1]]
        shape = model["shapes"][op["input"]["shape"]]
        errors = {}
        for e in op.get("errors", []):
            error = model["shapes"][e["shape"]].get("error", {})
            errors[error.get("code", e["shape"])] = error.get("httpStatusCode", 400)
        print(json.dumps({"apiVersion": model["metadata"]["apiVersion"], "inputMembers": sorted(shape["members"]),
                          "required": sorted(shape.get("required", [])), "hasOutput": "output" in op, "errors": errors}))
        """
        let result = try ProcessRunner.run("python3", ["-c", script, operation])
        guard result.status == 0 else { throw MotoError("reading botocore's IAM model failed: \(result.stderr)") }
        return try JSONDecoder().decode(BotocoreOperation.self, from: result.stdoutData)
    }

    /// An error document as the Query protocol sends it for `code`.
    public static func errorDocument(_ code: String, message: String) -> String {
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>\(code)</Code>"
            + "<Message>\(message)</Message></Error><RequestId>test-0001</RequestId></ErrorResponse>"
    }
}
