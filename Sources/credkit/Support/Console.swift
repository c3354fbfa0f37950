#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal facts and buffered output for the CLI.
enum Console {
    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var bytes = [UInt8]()
        bytes.reserveCapacity(1 << 16)
        return bytes
    }()

    /// Appends text to standard output through a 64 KiB buffer.
    /// - Throws: `StandardOutputClosed` when the reader went away.
    static func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends raw bytes to standard output.
    static func write(bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends a line to standard output.
    static func line(_ text: String = "") throws {
        try write(text)
        try write("\n")
    }

    /// Writes out what is buffered.
    static func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                buffer.removeAll(keepingCapacity: true)
                if errno == EPIPE { throw StandardOutputClosed() }
                throw CLIFailure.input("cannot write to standard output: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes at exit, ignoring a closed pipe.
    static func flushStandardOutput() { try? flush() }

    /// Writes a line to standard error, prefixed with `credkit: `.
    static func error(_ message: String) {
        try? flush()
        let text = message.hasPrefix("credkit:") || message.hasPrefix("Error:") || message.hasPrefix("Usage:")
            ? message : "credkit: \(message)"
        writeStandardError(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes text to standard error unbuffered (prompts, messages).
    static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        bytes.removeAll()
    }

    /// A warning on standard error.
    static func warning(_ message: String) { error("warning: \(message)") }

    /// Whether file descriptor `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether colour is allowed: standard output is a terminal and `NO_COLOR` is unset or empty.
    static var colorAllowed: Bool {
        guard isTerminal(1) else { return false }
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return true
    }

    /// Width of the terminal on standard output in columns, if known.
    static var terminalColumns: Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS"), let value = Int(String(cString: columns)), value > 0 { return value }
        return nil
    }
}
