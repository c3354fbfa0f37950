import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for the code of a profile's `mfa_serial` on the controlling terminal (`/dev/tty`), as the
/// AWS CLI does: standard input may be a report being piped in, and a code never comes from argv.
enum MFACodePrompt {
    /// The longest line read; a code is 6 digits.
    static let maximumLineBytes = 64

    /// Prompts on `/dev/tty` and reads one line.
    /// - Throws: `CLIFailure.input` when there is no terminal or nothing was typed.
    static func read(serial: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else {
            throw CLIFailure.input("an MFA code is needed for \(serial), and there is no terminal to ask for it on")
        }
        defer { close(fd) }
        let prompt = Array("Enter MFA code for \(serial): ".utf8)
        _ = prompt.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count <= maximumLineBytes {
            let count = Glibc.read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == 0x0a { break }
            line.append(byte)
        }
        guard line.count <= maximumLineBytes else {
            throw CLIFailure.input("the MFA code line is longer than \(maximumLineBytes) bytes")
        }
        let code = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty else { throw CLIFailure.input("no MFA code was typed for \(serial)") }
        return code
    }
}
