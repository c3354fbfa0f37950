import Foundation

/// The outcome of running a program.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data
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
            stdoutData: outData
        )
    }

    /// Runs the built credkit binary.
    @discardableResult
    public static func credkit(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                               currentDirectory: URL? = nil) throws -> ProcessResult {
        try run(Fixtures.credkitBinary.path, arguments, stdin: stdin.map { Data($0.utf8) },
                environment: environment, currentDirectory: currentDirectory)
    }
}
