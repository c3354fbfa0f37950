import CredKitTestSupport
import Foundation
import Testing

/// A real tinyproxy on a free loopback port, in the foreground (`-d`) with a generated
/// configuration that demands Basic credentials. Stopped by its PID.
final class TinyProxy: @unchecked Sendable {
    // Runs tinyproxy with no signal blocked (threads of the test runner block most, and a child
    // inherits that mask, so SIGTERM would be ignored), and kills it when the test process goes
    // away, so no proxy outlives a crash.
    private static let launcher = """
    import os, signal, subprocess, sys, time
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parent = os.getppid()
    child = subprocess.Popen(sys.argv[1:])
    def stop(*_):
        child.kill()
        child.wait()
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    while child.poll() is None:
        if os.getppid() != parent:
            stop()
        time.sleep(0.2)
    """

    static let user = "alice"
    static let password = "s3cret"

    /// Whether tinyproxy is installed (see .ci/apt-packages).
    static var isAvailable: Bool { ProcessRunner.isAvailable("tinyproxy") }

    let port: Int
    private let process = Process()
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("tinyproxy")
        port = try LoopbackPort.free()
        let configuration = """
        Port \(port)
        Listen 127.0.0.1
        Timeout 30
        MaxClients 20
        Allow 127.0.0.1
        LogLevel Error
        BasicAuth \(Self.user) \(Self.password)
        """
        try configuration.write(toFile: directory.path("tinyproxy.conf"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.launcher, "tinyproxy", "-d", "-c", directory.path("tinyproxy.conf")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            guard process.isRunning else { break }
            if LoopbackPort.isListening(port) { return }
            usleep(50_000)
        }
        stop()
        throw MotoError("tinyproxy did not start on port \(port)")
    }

    /// `http://alice:s3cret@127.0.0.1:PORT`, or without credentials.
    func url(withCredentials: Bool = true) -> String {
        withCredentials ? "http://\(Self.user):\(Self.password)@127.0.0.1:\(port)" : "http://127.0.0.1:\(port)"
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            for _ in 0..<50 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        directory.remove()
    }

    deinit { stop() }
}
