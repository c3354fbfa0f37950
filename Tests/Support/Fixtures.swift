import Foundation

/// Locations of the repository's data files, for tests.
public enum Fixtures {
    /// The package root, found from this source file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    /// The `Vectors/` folder.
    public static let vectors = packageRoot.appendingPathComponent("Vectors")

    /// Decodes a JSON file under `Vectors/`.
    public static func load<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        let data = try Data(contentsOf: vectors.appendingPathComponent(relativePath))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// The built `credkit` executable, beside the test bundle in the build products folder.
    public static var credkitBinary: URL {
        if let path = ProcessInfo.processInfo.environment["CREDKIT_BIN"] { return URL(fileURLWithPath: path) }
        var products = Bundle.main.bundleURL
        if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
        let candidate = products.appendingPathComponent("credkit")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("credkit")
    }
}

/// A fresh directory under the system temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates the directory.
    public init(_ label: String = "credkit-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a new, empty directory that is removed afterwards; tests run in parallel,
/// so each gets its own.
public func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try body(directory.url)
}
