import CredKitCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads passwords from standard input, one a line, through a buffer that is wiped as it goes.
/// On a terminal, echo is off and each line is prompted for on standard error.
final class PasswordLineReader {
    /// Longer lines are refused: IAM's limit is 128 characters, and zxcvbn slows on very long input.
    static let maximumLineBytes = 4096

    private let fd: Int32
    private let interactive: Bool
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var finished = false
    /// Echo is off while the reader lives, and back on even after Ctrl-C.
    private let hidden: HiddenTerminalInput?
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    /// Reads from `fd` (standard input by default).
    init(fd: Int32 = 0) {
        self.fd = fd
        interactive = Console.isTerminal(fd)
        hidden = interactive ? HiddenTerminalInput(fd: fd) : nil
    }

    deinit {
        hidden?.restore()
        wipe(&buffer)
    }

    /// The next line without its line ending (LF or CRLF), or nil at the end of input.
    /// The caller must `wipe` the returned bytes.
    /// - Throws: `CLIFailure.input` for a read error or a line longer than the limit.
    func next() throws -> [UInt8]? {
        if interactive { Console.writeStandardError("Password \(lineNumber + 1) (Ctrl-D to finish): ") }
        defer { if interactive { Console.writeStandardError("\n") } }
        while true {
            let newline = buffer[start..<end].firstIndex(of: 0x0A)
            if (newline ?? end) - start > Self.maximumLineBytes {
                throw CLIFailure.input("standard input line \(lineNumber + 1): longer than \(Self.maximumLineBytes) bytes")
            }
            if let newline { return take(upTo: newline, skip: 1) }
            if finished {
                guard end > start else { return nil }
                return take(upTo: end, skip: 0)
            }
            try fill()
        }
    }

    private func take(upTo index: Int, skip: Int) -> [UInt8] {
        var stop = index
        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
        let line = Array(buffer[start..<stop])
        // Wipe what was consumed, including the line ending.
        for position in start..<(index + skip) { buffer[position] = 0 }
        start = index + skip
        lineNumber += 1
        return line
    }

    private func fill() throws {
        if start > 0 {
            // Move the partial line to the front and wipe the old copy.
            let count = end - start
            for offset in 0..<count { buffer[offset] = buffer[start + offset] }
            for position in count..<end { buffer[position] = 0 }
            start = 0
            end = count
        }
        // The buffer is never grown (a copy would escape wiping): a line longer than the limit
        // is refused before it can fill the buffer.
        while true {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + end, raw.count - end)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw CLIFailure.input("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if got == 0 { finished = true } else { end += got }
            return
        }
    }
}
