import Foundation

/// The outcome of running a program.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data
    /// Whether the program was ended by a signal (`status` is then the signal number).
    public var signalled: Bool = false

    /// Creates a result (the runner does; tests of test support may too).
    public init(status: Int32, stdout: String, stderr: String, stdoutData: Data, signalled: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutData = stdoutData
        self.signalled = signalled
    }
}

/// Runs real programs (oathtool, zbarimg, git, the credkit binary) from tests.
public enum ProcessRunner {
    /// Whether a program is on PATH.
    public static func isAvailable(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    /// Runs `program` (a path, or a name looked up on PATH) and waits for it.
    @discardableResult
    public static func run(
        _ program: String, _ arguments: [String] = [], stdin: Data? = nil,
        environment: [String: String]? = nil, currentDirectory: URL? = nil
    ) throws -> ProcessResult {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try? inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutData: outData,
            signalled: process.terminationReason == .uncaughtSignal
        )
    }

    /// Runs the built credkit binary, and checks that it neither died by a signal nor printed
    /// a secret it was given (`SecretLeakCheck`).
    @discardableResult
    public static func credkit(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                               currentDirectory: URL? = nil) throws -> ProcessResult {
        // The credential chain's last source is EC2's metadata service at 169.254.169.254: a
        // test reaches loopback only, so it is off unless a test turns it on.
        var environment = environment ?? [:]
        if environment["AWS_EC2_METADATA_DISABLED"] == nil { environment["AWS_EC2_METADATA_DISABLED"] = "true" }
        let result = try run(Fixtures.credkitBinary.path, arguments, stdin: stdin.map { Data($0.utf8) },
                             environment: environment, currentDirectory: currentDirectory)
        SecretLeakCheck.check(result, arguments: arguments, stdin: stdin, environment: environment,
                              currentDirectory: currentDirectory, signalled: result.signalled)
        return result
    }
}
