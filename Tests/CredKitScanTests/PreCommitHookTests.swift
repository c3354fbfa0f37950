import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct PreCommitHookTests {
    @Test("install, chain an existing hook, refuse to overwrite, uninstall restores")
    func lifecycle() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let hook = try PreCommitHook(repository: repo.path)
        let path = hook.hooksDirectory + "/pre-commit"
        #expect(try hook.uninstall() == .notInstalled(path: path))
        let original = "#!/bin/sh\necho original\n"
        try Data(original.utf8).write(to: URL(fileURLWithPath: path))
        guard case .chained(_, let saved) = try hook.install(credkitPath: "/usr/bin/credkit") else {
            Issue.record("expected chaining")
            return
        }
        #expect(try String(contentsOfFile: saved, encoding: .utf8) == original)
        #expect(PreCommitHook.isCredkitHook(at: path))
        #expect(try hook.install(credkitPath: "/usr/bin/credkit") == .updated(path: path))
        // A foreign hook while a saved one exists: refuse rather than lose either.
        try Data("#!/bin/sh\necho other\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ScanError.self) { try hook.install(credkitPath: "/usr/bin/credkit") }
        #expect(throws: ScanError.self) { try hook.uninstall() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "#!/bin/sh\necho other\n")
        // Put ours back and uninstall: the original returns.
        try FileManager.default.removeItem(atPath: path)
        #expect(try hook.install(credkitPath: "/usr/bin/credkit") == .installed(path: path))
        #expect(try hook.uninstall() == .restored(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
        #expect(!FileManager.default.fileExists(atPath: saved))
    }

    @Test("core.hooksPath is honoured")
    func hooksPath() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.git("config", "core.hooksPath", "my-hooks")
        let hook = try PreCommitHook(repository: repo.path)
        _ = try hook.install(credkitPath: "/bin/true")
        #expect(FileManager.default.fileExists(atPath: repo.path + "/my-hooks/pre-commit"))
    }

    @Test("the script is valid sh")
    func scriptParses() throws {
        let folder = try TemporaryDirectory("credkit-hook-sh")
        defer { folder.remove() }
        let path = folder.path("hook")
        try Data(PreCommitHook.script(credkitPath: "/opt/it's here/credkit").utf8).write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.run("sh", ["-n", path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
