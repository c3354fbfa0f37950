import CredKitTestSupport
import Foundation
import Testing

/// Issue 12 through the binary: a hostile `.credkit.toml` found by itself at the root of the
/// repository makes `credkit scan` exit 2 with a message, never die by a signal.
@Suite struct ScanConfigurationLimitTests {
    @Test("issue 12: deep .credkit.toml files are usage errors (exit 2), not crashes", arguments: [
        ("a = " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000), "arrays are nested more than 64 deep"),
        ("[" + Array(repeating: "a", count: 30_000).joined(separator: ".") + "]", "key has more than 64 parts"),
        (Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1", "key has more than 64 parts"),
    ])
    func deepConfiguration(text: String, message: String) throws {
        let repo = try ScanFixtures.repository("credkit-cli-deep-config")
        defer { repo.remove() }
        try ScanFixtures.write(text + "\n", to: repo.url.appendingPathComponent(".credkit.toml"))
        let result = try ProcessRunner.credkit(["scan", "."], currentDirectory: repo.url)
        #expect(result.status == 2, "\(result.stderr.prefix(500))")
        #expect(result.stderr.contains(message), "\(result.stderr.prefix(500))")
    }
}
