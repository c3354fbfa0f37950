import CredKitTestSupport
import Foundation
import Testing

@Suite struct HookCommandTests {
    @Test("the installed hook blocks a commit that adds a key, names file and line, and lets clean commits through")
    func blocksLeaks() throws {
        let repo = try ScanFixtures.repository("credkit-cli-hook")
        defer { repo.remove() }
        let install = try ProcessRunner.credkit(["hook", "install"], currentDirectory: repo.url)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("installed"))

        try ScanFixtures.write("hello\n", to: repo.url.appendingPathComponent("README"))
        let clean = try ScanFixtures.shell("git add README && git commit -qm clean", in: repo.url)
        #expect(clean.status == 0, "\(clean.stderr)")

        let key = ScanFixtures.keyID()
        try ScanFixtures.write("region=x\naws_access_key_id=\(key)\n", to: repo.url.appendingPathComponent("config/app env.ini"))
        let blocked = try ScanFixtures.shell("git add -A && git commit -qm leak", in: repo.url)
        #expect(blocked.status != 0)
        // git sends a hook's standard output to standard error.
        #expect(blocked.stderr.contains("config/app env.ini:2:19: aws-access-key-id"), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("commit blocked"))
        #expect(blocked.stderr.contains("credkit:allow"))
        #expect(!(blocked.stdout + blocked.stderr).contains(key))
        let log = try ScanFixtures.shell("git log --oneline | wc -l", in: repo.url)
        #expect(log.stdout.trimmingCharacters(in: .whitespaces).hasPrefix("1"))

        // The documented way out of a false alarm works.
        try ScanFixtures.write("region=x\naws_access_key_id=\(key) # credkit:allow\n", to: repo.url.appendingPathComponent("config/app env.ini"))
        #expect(try ScanFixtures.shell("git add -A && git commit -qm allowed", in: repo.url).status == 0)
    }

    @Test("an existing hook is kept, chained and restored")
    func chainsExistingHook() throws {
        let repo = try ScanFixtures.repository("credkit-cli-chain")
        defer { repo.remove() }
        let hook = repo.url.appendingPathComponent(".git/hooks/pre-commit")
        let original = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/original-ran\"\n"
        try ScanFixtures.write(original, to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let install = try ProcessRunner.credkit(["hook", "install"], currentDirectory: repo.url)
        #expect(install.status == 0)
        #expect(install.stderr.contains("pre-commit.credkit-saved"))
        try ScanFixtures.write("x\n", to: repo.url.appendingPathComponent("x"))
        #expect(try ScanFixtures.shell("git add x && git commit -qm x", in: repo.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.path(".git/original-ran")))

        // A second foreign hook while the saved one exists is refused, not overwritten.
        try ScanFixtures.write("#!/bin/sh\nexit 0\n", to: hook)
        let refused = try ProcessRunner.credkit(["hook", "install"], currentDirectory: repo.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("refusing to overwrite"))
        #expect(try ProcessRunner.credkit(["hook", "uninstall"], currentDirectory: repo.url).status == 2)

        try FileManager.default.removeItem(at: hook)
        #expect(try ProcessRunner.credkit(["hook", "install"], currentDirectory: repo.url).status == 0)
        let uninstall = try ProcessRunner.credkit(["hook", "uninstall"], currentDirectory: repo.url)
        #expect(uninstall.status == 0)
        #expect(uninstall.stderr.contains("restored"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == original)
    }

    @Test("outside a repository the hook commands fail with exit 2")
    func outsideRepository() throws {
        let folder = try TemporaryDirectory("credkit-cli-nohook")
        defer { folder.remove() }
        let result = try ProcessRunner.credkit(["hook", "install"], currentDirectory: folder.url)
        #expect(result.status == 2)
    }

    @Test("pre-commit try-repo with the repository's .pre-commit-hooks.yaml blocks a leak and passes a clean commit")
    func preCommitFramework() throws {
        // The hook repository holds the real .pre-commit-hooks.yaml; the system-language hook
        // runs the credkit already built (the swift-language hook, which builds credkit in
        // pre-commit's cache, is exercised by .ci/checks/pre-commit-swift.sh).
        let hooks = try ScanFixtures.repository("credkit-precommit-hooks")
        defer { hooks.remove() }
        let manifest = Fixtures.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml")
        try FileManager.default.copyItem(at: manifest, to: hooks.url.appendingPathComponent(".pre-commit-hooks.yaml"))
        #expect(try ScanFixtures.shell("git add -A && git commit -qm hooks", in: hooks.url).status == 0)

        let target = try ScanFixtures.repository("credkit-precommit-target")
        defer { target.remove() }
        let cache = try TemporaryDirectory("credkit-precommit-cache")
        defer { cache.remove() }
        let path = Fixtures.credkitBinary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = ["PATH": path, "PRE_COMMIT_HOME": cache.url.path, "PRE_COMMIT_COLOR": "never"]
        let command = "pre-commit try-repo '\(hooks.url.path)' credkit-scan-system"

        try ScanFixtures.write("fine\n", to: target.url.appendingPathComponent("ok.txt"))
        try ScanFixtures.shell("git add ok.txt", in: target.url)
        let passed = try ScanFixtures.shell(command, in: target.url, environment: environment)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")

        let key = ScanFixtures.keyID()
        try ScanFixtures.write("aws_access_key_id = \(key)\n", to: target.url.appendingPathComponent("leak.cfg"))
        try ScanFixtures.shell("git add leak.cfg", in: target.url)
        let blocked = try ScanFixtures.shell(command, in: target.url, environment: environment)
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)")
        #expect(blocked.stdout.contains("leak.cfg:1:21: aws-access-key-id"), "\(blocked.stdout)")
        #expect(!blocked.stdout.contains(key))
    }
}
