import Foundation

/// A program driven like a person would: read its output until a prompt appears, then answer.
public final class InteractiveSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var stdoutBuffer = Data()
    private var stderrBuffer = Data()

    /// Starts `program` with `arguments`.
    public init(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.stdoutBuffer.append(data) }
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.stderrBuffer.append(data) }
        }
        try process.run()
    }

    /// Standard output so far.
    public var stdout: String { lock.withLock { String(decoding: stdoutBuffer, as: UTF8.self) } }
    /// Standard error so far.
    public var stderr: String { lock.withLock { String(decoding: stderrBuffer, as: UTF8.self) } }

    /// Waits until standard output or standard error contains `marker`.
    /// - Returns: false when `timeout` seconds pass first or the program ends without it.
    public func waitFor(_ marker: String, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(marker) || stderr.contains(marker) { return true }
            if !process.isRunning {
                Thread.sleep(forTimeInterval: 0.05)
                return stdout.contains(marker) || stderr.contains(marker)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Writes a line to the program's standard input.
    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes standard input, waits for the program to end and returns its status.
    public func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        // Let the readability handlers drain what is left.
        Thread.sleep(forTimeInterval: 0.05)
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        lock.withLock {
            stdoutBuffer.append(output.fileHandleForReading.readDataToEndOfFile())
            stderrBuffer.append(errors.fileHandleForReading.readDataToEndOfFile())
        }
        return process.terminationStatus
    }
}
