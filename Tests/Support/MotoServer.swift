import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A real moto server (`python3 -m moto.server`) on a free loopback port, with an administrator
/// user whose key signs requests, and signature checking switched on: a wrong secret really
/// fails with SignatureDoesNotMatch. Stopped by its PID when the suite ends.
///
/// Use it as a suite trait: `@Suite(.motoServer) struct ... { ... MotoServer.current ... }`.
public final class MotoServer: Sendable {
    /// The server's base URL, `http://127.0.0.1:PORT/`.
    public let endpoint: URL
    /// The administrator's access key ID (a moto dummy, not a real credential).
    public let adminAccessKeyID: String
    /// The administrator's secret access key (a moto dummy).
    public let adminSecretAccessKey: String
    /// The moto process ID.
    public let pid: Int32
    private let process: Process

    /// The server of the running suite.
    @TaskLocal public static var current: MotoServer?

    private init(endpoint: URL, adminAccessKeyID: String, adminSecretAccessKey: String, process: Process) {
        self.endpoint = endpoint
        self.adminAccessKeyID = adminAccessKeyID
        self.adminSecretAccessKey = adminSecretAccessKey
        self.process = process
        self.pid = process.processIdentifier
    }

    /// The running server, or a recorded failure explaining why there is none.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> MotoServer {
        try #require(current, "no moto server: the suite needs the .motoServer trait", sourceLocation: sourceLocation)
    }

    // Runs moto.server, exiting when the parent test process goes away so no server outlives a crash.
    private static let launcher = """
    import os, sys, threading, time, runpy
    parent = os.getppid()
    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(0.5)
    threading.Thread(target=watch, daemon=True).start()
    sys.argv = ["moto_server", "-H", "127.0.0.1", "-p", sys.argv[1]]
    runpy.run_module("moto.server", run_name="__main__")
    """

    // Creates the administrator while authentication is still off, then prints its key as JSON.
    private static let adminSetup = """
    import json, sys, botocore.session
    session = botocore.session.get_session()
    iam = session.create_client("iam", region_name="us-east-1", endpoint_url=sys.argv[1],
                                aws_access_key_id="AKIAMOTOBOOTSTRAP000", aws_secret_access_key="bootstrap")
    iam.create_user(UserName="credkit-admin")
    iam.put_user_policy(UserName="credkit-admin", PolicyName="everything",
                        PolicyDocument=json.dumps({"Version": "2012-10-17",
                                                   "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="credkit-admin")["AccessKey"]
    json.dump({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}, sys.stdout)
    """

    /// Starts a server and switches signature checking on.
    public static func start() async throws -> MotoServer {
        var lastError: Error?
        for _ in 0..<3 {
            do { return try await startOnce() } catch { lastError = error }
        }
        throw lastError ?? MotoError("moto did not start")
    }

    private static func startOnce() async throws -> MotoServer {
        let port = try freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", launcher, String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        guard let endpoint = URL(string: "http://127.0.0.1:\(port)/") else { throw MotoError("bad port") }
        do {
            try await waitUntilAnswering(endpoint, process: process)
            let setup = try ProcessRunner.run("python3", ["-c", adminSetup, endpoint.absoluteString])
            guard setup.status == 0,
                  let key = try JSONSerialization.jsonObject(with: setup.stdoutData) as? [String: String],
                  let id = key["id"], let secret = key["secret"] else {
                throw MotoError("creating the moto administrator failed: \(setup.stderr.suffix(500))")
            }
            let status = try await post(endpoint.appendingPathComponent("moto-api/reset-auth"), body: "0")
            guard status == 200 else { throw MotoError("moto reset-auth answered HTTP \(status)") }
            return MotoServer(endpoint: endpoint, adminAccessKeyID: id, adminSecretAccessKey: secret, process: process)
        } catch {
            terminate(process)
            throw error
        }
    }

    /// Stops the server by its PID.
    public func stop() {
        Self.terminate(process)
    }

    /// SIGTERM, up to ten seconds to exit, then SIGKILL. Polls rather than `waitUntilExit`,
    /// which can block forever when called from a Swift concurrency thread.
    private static func terminate(_ process: Process) {
        let pid = process.processIdentifier
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(100_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            for _ in 0..<50 where process.isRunning { usleep(100_000) }
        }
    }

    private static func waitUntilAnswering(_ endpoint: URL, process: Process) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { throw MotoError("moto exited at start (is `moto[server]` installed? see .ci/pip-packages)") }
            var request = URLRequest(url: endpoint.appendingPathComponent("moto-api/data.json"), timeoutInterval: 2)
            request.httpMethod = "GET"
            if let (_, response) = try? await URLSession.shared.data(for: request),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw MotoError("moto did not answer within 60 seconds")
    }

    private static func post(_ url: URL, body: String) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        // Flask would read a form-encoded body as form fields and leave request.data empty.
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound, read back, released).
    private static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MotoError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw MotoError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw MotoError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct MotoError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a suite with one moto server, started before its first test and stopped after its last.
public struct MotoServerTrait: SuiteTrait, TestScoping {
    public init() {}

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == MotoServerTrait {
    /// A moto server for the whole suite, with signature checking on.
    public static var motoServer: MotoServerTrait { MotoServerTrait() }
}
