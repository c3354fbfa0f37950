import CredKitTestSupport
import Foundation

/// Key-shaped values and temporary git repositories for the scan and hook CLI tests.
/// Values come from the system CSPRNG; they are never real keys.
enum ScanFixtures {
    static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func random(_ alphabet: [Character], _ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// An `AKIA`-style key ID (not legacy, not an EXAMPLE value, with a 12-digit account: one
    /// random body in eleven decodes to 13 digits, which credkit reports as a note).
    static func keyID(_ prefix: String = "AKIA") -> String {
        while true {
            let body = random(base32, 16)
            if !body.hasPrefix("I"), !body.hasPrefix("J"), !impossibleAccount(body) { return prefix + body }
        }
    }

    /// Whether a 16-character key ID body decodes to an account of 13 digits.
    static func impossibleAccount(_ body: String) -> Bool {
        let alphabet = Array(base32)
        var bits: UInt64 = 0
        // The first 48 bits hold the account: 10 characters carry 50 bits.
        for character in body.prefix(10) {
            guard let index = alphabet.firstIndex(of: character) else { return false }
            bits = bits << 5 | UInt64(index)
        }
        let value = bits >> 2
        return (value & 0x7fff_ffff_ff80) >> 7 > 999_999_999_999
    }

    /// A 40-character secret access key.
    static func secret() -> String {
        while true {
            let value = random(base64, 40)
            if Set(value).count > 24 { return value }
        }
    }

    /// A `git` ahead of the real one on PATH that notes each start in `folder/git-starts`, then
    /// runs the real git: the PATH to give credkit, the file that exists once git was started,
    /// and the real git's path.
    static func gitRecorder(in folder: URL) throws -> (path: String, starts: String, realGit: String) {
        let bin = folder.appendingPathComponent("bin")
        let realGit = try shell("command -v git", in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let starts = folder.appendingPathComponent("git-starts").path
        try write("#!/bin/sh\necho started >> \"\(starts)\"\nexec \(realGit) \"$@\"\n", to: bin.appendingPathComponent("git"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        return (bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), starts, realGit)
    }

    /// Runs a shell command line in `directory`.
    @discardableResult
    static func shell(_ command: String, in directory: URL, environment: [String: String]? = nil) throws -> ProcessResult {
        try ProcessRunner.run("/bin/sh", ["-c", command], environment: environment, currentDirectory: directory)
    }

    /// A fresh repository with a local identity.
    static func repository(_ label: String) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory(label)
        let setup = "git -c init.defaultBranch=main init -q && git config user.name Tester && git config user.email t@example.invalid && git config commit.gpgsign false"
        let result = try shell(setup, in: folder.url)
        guard result.status == 0 else { throw ScanCLIFailure(message: result.stderr) }
        return folder
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

struct ScanCLIFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
