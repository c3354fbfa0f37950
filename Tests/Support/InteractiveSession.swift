import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program driven like a person would: read its output until a prompt appears, then answer.
///
/// One reader thread drains standard output before standard error each time both have data.
/// A program that flushes its output before it prompts on standard error therefore never shows
/// a prompt here whose preceding output (a QR code, a URI) is still unread in the pipe.
public final class InteractiveSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var stdoutBuffer = Data()
    private var stderrBuffer = Data()
    private let drained = DispatchSemaphore(value: 0)
    private var finished = false

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
        try process.run()
        let outFD = output.fileHandleForReading.fileDescriptor
        let errFD = errors.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            readUntilEnd(outFD, errFD)
            drained.signal()
        }
    }

    /// Polls both pipes until both reach their end, reading standard output first in each round.
    private func readUntilEnd(_ outFD: Int32, _ errFD: Int32) {
        var open = [outFD, errFD]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 { if errno == EINTR { continue }; return }
            for entry in fds where entry.revents != 0 {
                // Read this pipe dry before the next one: what was written before a prompt comes first.
                while true {
                    var flags = pollfd(fd: entry.fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&flags, 1, 0) > 0 else { break }
                    let count = read(entry.fd, &chunk, chunk.count)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { open.removeAll { $0 == entry.fd }; break }
                    let data = Data(chunk[0..<count])
                    lock.withLock {
                        if entry.fd == outFD { stdoutBuffer.append(data) } else { stderrBuffer.append(data) }
                    }
                }
            }
        }
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

    /// Closes standard input, waits for the program to end and for its output to be read, and
    /// returns its status.
    public func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        // A child that kept the pipes open must not hang the test run.
        if !finished { _ = drained.wait(timeout: .now() + 10) }
        finished = true
        return process.terminationStatus
    }
}
