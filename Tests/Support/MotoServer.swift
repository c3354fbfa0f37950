import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A real moto server (`python3 -m moto.server`) on a free loopback port, with an administrator
/// user whose key signs requests, and signature checking switched on: a wrong secret really
/// fails with SignatureDoesNotMatch. Stopped by its PID when the suite ends.
///
/// With `tls: true` the server speaks https only, with a certificate for `localhost` and
/// `127.0.0.1` issued by a test CA made for it; `caBundle` is that CA's PEM file.
///
/// Use it as a suite trait: `@Suite(.motoServer) struct ... { ... MotoServer.current ... }`,
/// or `.motoServer(tls: true)`.
public final class MotoServer: Sendable {
    /// The server's base URL, `http://127.0.0.1:PORT/` (`https://` with TLS).
    public let endpoint: URL
    /// The port on 127.0.0.1.
    public let port: Int
    /// The CA certificate (PEM) that issued the server's certificate, with TLS; nil without.
    public let caBundle: String?
    /// The administrator's access key ID (a moto dummy, not a real credential).
    public let adminAccessKeyID: String
    /// The administrator's secret access key (a moto dummy).
    public let adminSecretAccessKey: String
    /// The moto process ID.
    public let pid: Int32
    private let process: Process
    /// The test CA that issued the server's certificate, with TLS (it can issue more).
    public let certificateAuthority: TestCertificateAuthority?

    /// The server of the running suite.
    @TaskLocal public static var current: MotoServer?

    private init(endpoint: URL, port: Int, adminAccessKeyID: String, adminSecretAccessKey: String, process: Process,
                 authority: TestCertificateAuthority?) {
        self.endpoint = endpoint
        self.port = port
        self.certificateAuthority = authority
        self.caBundle = authority?.certificatePath
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
    import os, signal, sys, threading, time, runpy
    # A child inherits the blocked signals of the test runner's thread; SIGTERM must stop moto.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parent = os.getppid()
    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(0.5)
    threading.Thread(target=watch, daemon=True).start()
    sys.argv = ["moto_server", "-H", "127.0.0.1", "-p"] + sys.argv[1:]
    runpy.run_module("moto.server", run_name="__main__")
    """

    // Waits until moto answers, creates the administrator while authentication is still off,
    // switches authentication on, then prints the administrator's key as JSON.
    private static let adminSetup = """
    import json, ssl, sys, time, urllib.request, botocore.session
    endpoint, cafile = sys.argv[1], sys.argv[2] or None
    context = ssl.create_default_context(cafile=cafile) if cafile else None
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
    deadline = time.time() + 60
    while True:
        try:
            if opener.open(endpoint + "moto-api/data.json", timeout=2).status == 200:
                break
        except Exception as error:
            if time.time() > deadline:
                sys.exit(f"moto did not answer within 60 seconds: {error}")
            time.sleep(0.1)
    session = botocore.session.get_session()
    iam = session.create_client("iam", region_name="us-east-1", endpoint_url=endpoint, verify=cafile,
                                aws_access_key_id="AKIAMOTOBOOTSTRAP000", aws_secret_access_key="bootstrap")
    iam.create_user(UserName="credkit-admin")
    iam.put_user_policy(UserName="credkit-admin", PolicyName="everything",
                        PolicyDocument=json.dumps({"Version": "2012-10-17",
                                                   "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="credkit-admin")["AccessKey"]
    # Flask would read a form-encoded body as form fields and leave request.data empty.
    reset = urllib.request.Request(endpoint + "moto-api/reset-auth", data=b"0", method="POST",
                                   headers={"Content-Type": "text/plain"})
    status = opener.open(reset, timeout=10).status
    if status != 200:
        sys.exit(f"moto reset-auth answered HTTP {status}")
    json.dump({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}, sys.stdout)
    """

    /// Starts a server and switches signature checking on.
    /// - Parameter tls: serve https with a certificate from a new test CA (see `caBundle`).
    public static func start(tls: Bool = false) async throws -> MotoServer {
        var lastError: Error?
        for _ in 0..<3 {
            do { return try await startOnce(tls: tls) } catch { lastError = error }
        }
        throw lastError ?? MotoError("moto did not start")
    }

    private static func startOnce(tls: Bool) async throws -> MotoServer {
        let port = try LoopbackPort.free()
        var arguments = ["python3", "-c", launcher, String(port)]
        var authority: TestCertificateAuthority?
        if tls {
            let (created, issued) = try await offThePool {
                let created = try TestCertificateAuthority.create()
                return (created, try created.issue("moto", subjectAltNames: ["DNS:localhost", "IP:127.0.0.1"]))
            }
            arguments += ["--ssl-cert", issued.certificate, "--ssl-key", issued.key]
            authority = created
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            authority?.remove()
            throw error
        }
        guard let endpoint = URL(string: "\(tls ? "https" : "http")://127.0.0.1:\(port)/") else { throw MotoError("bad port") }
        do {
            try await waitUntilListening(port: port, process: process)
            let setupArguments = ["-c", adminSetup, endpoint.absoluteString, authority?.certificatePath ?? ""]
            let setup = try await offThePool { try ProcessRunner.run("python3", setupArguments) }
            guard setup.status == 0,
                  let key = try JSONSerialization.jsonObject(with: setup.stdoutData) as? [String: String],
                  let id = key["id"], let secret = key["secret"] else {
                throw MotoError("setting up moto failed: \(setup.stderr.suffix(500))")
            }
            return MotoServer(endpoint: endpoint, port: port, adminAccessKeyID: id, adminSecretAccessKey: secret,
                              process: process, authority: authority)
        } catch {
            terminate(process)
            authority?.remove()
            throw error
        }
    }

    /// Runs blocking work (child processes taking seconds) on a thread of its own, so the
    /// cooperative pool stays free for the tests running meanwhile.
    private static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Stops the server by its PID.
    public func stop() {
        Self.terminate(process)
        certificateAuthority?.remove()
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

    /// Waits until something accepts connections on the port (the setup script then waits for
    /// moto to answer HTTP); fails early when moto exits.
    private static func waitUntilListening(port: Int, process: Process) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { throw MotoError("moto exited at start (is `moto[server]` installed? see .ci/pip-packages)") }
            if LoopbackPort.isListening(port) { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw MotoError("moto did not listen on port \(port) within 60 seconds")
    }
}

public struct MotoError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a suite with one moto server, started before its first test and stopped after its last.
public struct MotoServerTrait: SuiteTrait, TestScoping {
    /// Whether the server speaks https.
    public let tls: Bool

    public init(tls: Bool = false) { self.tls = tls }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await MotoServer.start(tls: tls)
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == MotoServerTrait {
    /// A moto server for the whole suite, with signature checking on.
    public static var motoServer: MotoServerTrait { MotoServerTrait() }

    /// A moto server for the whole suite; with `tls`, serving https with a test CA's certificate.
    public static func motoServer(tls: Bool) -> MotoServerTrait { MotoServerTrait(tls: tls) }
}
