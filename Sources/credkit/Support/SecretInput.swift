import CredKitCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads secrets from a file or standard input: never from the command line.
enum SecretInput {
    /// Secrets are short; anything larger is a mistake (a wrong file), not a secret.
    static let maximumSize = 64 * 1024

    /// Reads a secret from `path`, or from standard input when `path` is nil or `-`.
    /// Surrounding white space is trimmed. The caller must `wipe` the returned bytes.
    /// - Parameter prompt: shown on standard error when standard input is a terminal (echo is off).
    static func read(file path: String?, prompt: String) throws -> [UInt8] {
        var bytes: [UInt8]
        if let path, path != "-" {
            bytes = try readFile(path)
        } else if Console.isTerminal(0) {
            bytes = try readHidden(prompt: prompt)
        } else {
            bytes = try readAll(fd: 0, name: "standard input")
        }
        let trimmed = trim(bytes)
        wipe(&bytes)
        guard !trimmed.isEmpty else {
            throw CLIFailure.input("no secret given: \(path.map { "'\($0)' is empty" } ?? "standard input was empty")")
        }
        return trimmed
    }

    /// Refuses files that group or others can read or write, as ssh does for private keys.
    static func checkPermissions(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CLIFailure.input("cannot read secret file '\(path)': \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw CLIFailure.input("secret file '\(path)' is not a regular file")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw CLIFailure.input(
                "secret file '\(path)' is accessible by group or others (mode \(String(mode, radix: 8))); " +
                "a seed must be private to you: run 'chmod 600 \(path)'")
        }
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        try checkPermissions(path)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIFailure.input("cannot open secret file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        return try readAll(fd: fd, name: "'\(path)'")
    }

    /// Reads everything from `fd` (at most `maximumSize` bytes), wiping the read buffer.
    /// - Parameters:
    ///   - name: how messages name the source (`'file'`, `standard input`).
    ///   - what: what is being read, for messages (`secret`, `text`).
    ///   - hint: added to the message when the input is too large.
    static func readAll(fd: Int32, name: String, what: String = "secret",
                        hint: String = "is it the right file?") throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maximumSize + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                wipe(&bytes)
                throw CLIFailure.input("cannot read \(what) from \(name): \(reason)")
            }
            if got == 0 { break }
            count += got
        }
        if count > maximumSize {
            wipe(&bytes)
            throw CLIFailure.input("\(what) in \(name) is larger than \(maximumSize) bytes: \(hint)")
        }
        let result = Array(bytes[0..<count])
        wipe(&bytes)
        return result
    }

    /// Reads one line from the terminal with echo off.
    private static func readHidden(prompt: String) throws -> [UInt8] {
        Console.writeStandardError(prompt)
        let hidden = HiddenTerminalInput(fd: 0)
        defer {
            hidden?.restore()
            Console.writeStandardError("\n")
        }
        return readLine(fd: 0)
    }

    /// Reads bytes up to a newline (not included) from `fd`, one byte at a time so that
    /// nothing after the line is consumed.
    static func readLine(fd: Int32) -> [UInt8] {
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let got = Glibc.read(fd, &byte, 1)
            if got < 0, errno == EINTR { continue }
            if got <= 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
            if line.count > maximumSize { break }
        }
        return line
    }

    /// Reads bytes up to a newline (not included) from `fd`, or nil when the input ended
    /// before any byte of a line: unlike `readLine`, an empty line and the end differ.
    static func readLineOrEnd(fd: Int32) -> [UInt8]? {
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let got = Glibc.read(fd, &byte, 1)
            if got < 0, errno == EINTR { continue }
            if got <= 0 { return line.isEmpty ? nil : line }
            if byte == UInt8(ascii: "\n") { return line }
            line.append(byte)
            if line.count > maximumSize { return line }
        }
    }

    private static func trim(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(bytes[first...last])
    }
}
