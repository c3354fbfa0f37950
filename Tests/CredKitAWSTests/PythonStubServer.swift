import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server written in Python for one test: the script prints its port, serves
/// until its standard input closes, then prints how many requests it saw.
final class PythonStubServer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// The port on 127.0.0.1 the script listens on.
    private(set) var port = 0

    /// Starts `python3 -c script arguments...` and waits for its port.
    init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = Int(readLine()) ?? 0
    }

    private func readLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == 0x0a { break }
            bytes.append(contentsOf: byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stops the server and returns how many requests it saw.
    func finish() -> Int {
        try? input.fileHandleForWriting.close()
        let count = Int(readLine()) ?? -1
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return count
    }
}
