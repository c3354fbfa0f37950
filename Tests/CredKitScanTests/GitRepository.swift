import CredKitTestSupport
import Foundation
import Testing

/// A real git repository in a fresh temporary folder, with a local identity.
struct GitRepository {
    let directory: TemporaryDirectory
    var path: String { directory.url.path }

    init(_ label: String = "credkit-scan-git") throws {
        directory = try TemporaryDirectory(label)
        try git("-c", "init.defaultBranch=main", "init", "-q")
        try git("config", "user.name", "Test Author")
        try git("config", "user.email", "author@example.invalid")
        try git("config", "commit.gpgsign", "false")
    }

    /// Runs git in the repository; fails the test on a non-zero exit.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try git(arguments)
    }

    @discardableResult
    func git(_ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let result = try ProcessRunner.run("git", arguments, environment: environment, currentDirectory: directory.url)
        guard result.status == 0 else {
            throw GitFailure(message: "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Writes `text` to `name` (creating folders).
    func write(_ name: String, _ text: String) throws {
        let url = directory.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        let url = directory.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Stages everything and commits; returns the commit id.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() { directory.remove() }
}

struct GitFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
