import CredKitTestSupport
import Foundation
import Testing

@Suite struct ScanCommandTests {
    @Test("exit 0 when clean, 1 with findings; values redacted on every stream")
    func exitCodesAndRedaction() throws {
        let folder = try TemporaryDirectory("credkit-cli-scan")
        defer { folder.remove() }
        try ScanFixtures.write("nothing here\nAKIAIOSFODNN7EXAMPLE\n", to: folder.url.appendingPathComponent("clean.txt"))
        let clean = try ProcessRunner.credkit(["scan", folder.url.path])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.isEmpty)

        let key = ScanFixtures.keyID(), secret = ScanFixtures.secret()
        try ScanFixtures.write("[default]\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\n",
                               to: folder.url.appendingPathComponent("sub/credentials"))
        let dirty = try ProcessRunner.credkit(["scan", "."], currentDirectory: folder.url)
        #expect(dirty.status == 1)
        #expect(dirty.stdout.hasPrefix("sub/credentials:2:21: aws-access-key-id \(key.prefix(4))************\(key.suffix(4))"))
        #expect(dirty.stdout.contains("with aws-secret-access-key at 3:25: \(secret.prefix(4))"))
        #expect(dirty.stderr.contains("1 finding in 2 files"))
        for stream in [dirty.stdout, dirty.stderr] {
            #expect(!stream.contains(key))
            #expect(!stream.contains(secret))
        }
        let shown = try ProcessRunner.credkit(["scan", "--show-secrets", folder.url.path])
        #expect(shown.stdout.contains(key) && shown.stdout.contains(secret))
    }

    @Test("usage and input errors exit 2", arguments: [
        ["scan", "--staged", "--history"],
        ["scan", "--since", "HEAD"],
        ["scan", "--staged", "some/path"],
        ["scan", "-", "other"],
        ["scan", "--format", "xml"],
        ["scan", "/nonexistent/credkit-path"],
        ["scan", "--baseline", "/nonexistent/b.json", "."],
        ["scan", "--config", "/nonexistent/c.toml", "."],
    ])
    func usageErrors(arguments: [String]) throws {
        let folder = try TemporaryDirectory("credkit-cli-usage")
        defer { folder.remove() }
        let result = try ProcessRunner.credkit(arguments, currentDirectory: folder.url)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("issue 13: a Base64 value is decoded and reported with its path; --no-decode scans plain text only")
    func decodedValues() throws {
        let key = ScanFixtures.keyID()
        let manifest = "kind: Secret\ndata:\n  AWS_ACCESS_KEY_ID: \(Data(key.utf8).base64EncodedString())\n"
        let text = try ProcessRunner.credkit(["scan", "-"], stdin: manifest)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("-:3:22: aws-access-key-id \(key.prefix(4))************\(key.suffix(4))"))
        #expect(text.stdout.contains("(decoded: base64)"))
        let json = try ProcessRunner.credkit(["scan", "-", "--format", "json"], stdin: manifest)
        let objects = try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]]
        #expect(objects?.first?["decoding"] as? String == "base64")
        let plain = try ProcessRunner.credkit(["scan", "--no-decode", "-"], stdin: manifest)
        #expect(plain.status == 0 && plain.stdout.isEmpty, "\(plain.stdout)")
        #expect(try ProcessRunner.credkit(["scan", "--help"]).stdout.contains("--no-decode"))
    }

    @Test("standard input")
    func standardInput() throws {
        let key = ScanFixtures.keyID()
        let found = try ProcessRunner.credkit(["scan", "-", "--format", "json"], stdin: "a\nb \(key)\n")
        #expect(found.status == 1)
        let objects = try JSONSerialization.jsonObject(with: found.stdoutData) as? [[String: Any]]
        #expect(objects?.first?["file"] as? String == "-")
        #expect(objects?.first?["line"] as? Int == 2)
        #expect(objects?.first?["column"] as? Int == 3)
        #expect(try ProcessRunner.credkit(["scan", "-"], stdin: "nothing\n").status == 0)
    }

    @Test("every format, on stdout, with exit 1", arguments: ["text", "json", "sarif", "github"])
    func formats(format: String) throws {
        let key = ScanFixtures.keyID()
        let result = try ProcessRunner.credkit(["scan", "-", "--format", format], stdin: "id: \(key)\n")
        #expect(result.status == 1)
        #expect(!result.stdout.contains(key))
        switch format {
        case "json", "sarif": #expect((try? JSONSerialization.jsonObject(with: result.stdoutData)) != nil)
        case "github": #expect(result.stdout.hasPrefix("::error file=-,line=1,col=5,"))
        default: #expect(result.stdout.hasPrefix("-:1:5: aws-access-key-id"))
        }
    }

    @Test("a bad configuration names file, line and column")
    func badConfiguration() throws {
        let folder = try TemporaryDirectory("credkit-cli-config")
        defer { folder.remove() }
        try ScanFixtures.write("[allow]\npaths = [\"ok\"]\nvalue = [\"x\"]\n", to: folder.url.appendingPathComponent(".credkit.toml"))
        let result = try ProcessRunner.credkit(["scan", "."], currentDirectory: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("./.credkit.toml:3:1: unknown key 'allow.value'"), "\(result.stderr)")
    }

    @Test("baselines: write, then only new findings count; a configured baseline applies by itself")
    func baselines() throws {
        let repo = try ScanFixtures.repository("credkit-cli-baseline")
        defer { repo.remove() }
        let old = ScanFixtures.keyID()
        try ScanFixtures.write("legacy = \(old)\n", to: repo.url.appendingPathComponent("legacy.cfg"))
        let write = try ProcessRunner.credkit(["scan", "--write-baseline", "known.json"], currentDirectory: repo.url)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("wrote 1 accepted finding to known.json"))
        #expect(try ProcessRunner.credkit(["scan", "--baseline", "known.json"], currentDirectory: repo.url).status == 0)
        // Moving the key does not make it new.
        try ScanFixtures.write("# moved\n\n\nlegacy = \(old)\n", to: repo.url.appendingPathComponent("legacy.cfg"))
        #expect(try ProcessRunner.credkit(["scan", "--baseline", "known.json"], currentDirectory: repo.url).status == 0)
        let fresh = ScanFixtures.keyID()
        try ScanFixtures.write("new = \(fresh)\n", to: repo.url.appendingPathComponent("new.cfg"))
        let result = try ProcessRunner.credkit(["scan", "--baseline", "known.json", "--format", "json"], currentDirectory: repo.url)
        #expect(result.status == 1)
        let objects = try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]]
        #expect(objects?.map { $0["file"] as? String } == ["new.cfg"])
        try ScanFixtures.write("[scan]\nbaseline = \"known.json\"\n", to: repo.url.appendingPathComponent(".credkit.toml"))
        let configured = try ProcessRunner.credkit(["scan", "--format", "json"], currentDirectory: repo.url)
        #expect((try JSONSerialization.jsonObject(with: configured.stdoutData) as? [[String: Any]])?.count == 1)
        let corrupt = repo.url.appendingPathComponent("bad.json")
        try ScanFixtures.write("{ nope", to: corrupt)
        let bad = try ProcessRunner.credkit(["scan", "--baseline", corrupt.path], currentDirectory: repo.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.json:1:3: not valid JSON"))
    }

    @Test("an unreadable file is a warning, and the rest is still scanned")
    func unreadableFile() throws {
        let folder = try TemporaryDirectory("credkit-cli-unreadable")
        defer { folder.remove() }
        let key = ScanFixtures.keyID()
        try ScanFixtures.write("\(key)\n", to: folder.url.appendingPathComponent("secret.txt"))
        try ScanFixtures.write("\(ScanFixtures.keyID())\n", to: folder.url.appendingPathComponent("readable.txt"))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.path("secret.txt"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        var command = [Fixtures.credkitBinary.path, "scan", folder.url.path]
        if getuid() == 0 {
            // root reads everything: run as nobody, which can still run the binary.
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.path("readable.txt"))
        }
        let result = try ProcessRunner.run(command[0], Array(command.dropFirst()))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("warning: \(folder.url.path)/secret.txt: Permission denied"), "\(result.stderr)")
        #expect(result.stdout.contains("readable.txt:1:1"))
    }

    @Test("a 64 MB single-line file is streamed with bounded memory")
    func hugeLine() throws {
        let folder = try TemporaryDirectory("credkit-cli-huge")
        defer { folder.remove() }
        let path = folder.path("one-line.txt")
        let key = ScanFixtures.keyID()
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let block = Data(String(repeating: "abcdefgh ", count: 1 << 16).utf8) // 576 KiB
        for _ in 0..<116 { handle.write(block) }
        handle.write(Data(" \(key) end".utf8))
        try handle.close()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size > 64_000_000)
        // python3 reports the child's peak resident memory in KiB.
        let script = "import resource, subprocess, sys\nr = subprocess.run(sys.argv[1:], capture_output=True, text=True)\nprint(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nprint(r.stdout, end='')"
        let result = try ProcessRunner.run("python3", ["-c", script, Fixtures.credkitBinary.path, "scan", path])
        let lines = result.stdout.split(separator: "\n")
        let header = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
        #expect(header.first == 1)
        #expect((header.last ?? .max) < 48 * 1024, "peak memory \(header.last ?? 0) KiB")
        #expect(lines.dropFirst().first?.hasPrefix("\(path):1:\(size - key.utf8.count - 3):") == true, "\(result.stdout)")
    }

    @Test("--staged and --history through the command line")
    func gitSources() throws {
        let repo = try ScanFixtures.repository("credkit-cli-git")
        defer { repo.remove() }
        let key = ScanFixtures.keyID()
        try ScanFixtures.write("a\n", to: repo.url.appendingPathComponent("a.txt"))
        try ScanFixtures.shell("git add -A && git commit -qm init", in: repo.url)
        try ScanFixtures.write("a\nkey=\(key)\n", to: repo.url.appendingPathComponent("a.txt"))
        #expect(try ProcessRunner.credkit(["scan", "--staged"], currentDirectory: repo.url).status == 0)
        try ScanFixtures.shell("git add a.txt", in: repo.url)
        let staged = try ProcessRunner.credkit(["scan", "--staged"], currentDirectory: repo.url)
        #expect(staged.status == 1)
        #expect(staged.stdout.hasPrefix("a.txt:2:5:"))
        try ScanFixtures.shell("git commit -qm leak && printf 'a\\n' > a.txt && git commit -qam fix", in: repo.url)
        let history = try ProcessRunner.credkit(["scan", "--history", "--format", "json"], currentDirectory: repo.url)
        #expect(history.status == 1)
        let objects = try JSONSerialization.jsonObject(with: history.stdoutData) as? [[String: Any]]
        let leak = try ScanFixtures.shell("git rev-parse HEAD~1", in: repo.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(objects?.count == 1)
        #expect(objects?.first?["commit"] as? String == leak)
        #expect(objects?.first?["author"] as? String == "Tester <t@example.invalid>")
        #expect(try ProcessRunner.credkit(["scan", "--history", "--since", "HEAD~1"], currentDirectory: repo.url).status == 0)
        let badRev = try ProcessRunner.credkit(["scan", "--history", "--branch", "nope"], currentDirectory: repo.url)
        #expect(badRev.status == 2)
        #expect(badRev.stderr.contains("--branch 'nope' does not name a commit"))
    }

    @Test("--list-rules names every rule")
    func listRules() throws {
        let result = try ProcessRunner.credkit(["scan", "--list-rules"])
        #expect(result.status == 0)
        for id in ["aws-access-key-id", "aws-unique-id", "aws-secret-access-key", "aws-session-token"] {
            #expect(result.stdout.contains(id))
        }
    }

    @Test("issue 13: scan --staged says how to allow a false alarm, SKIP=credkit-scan included")
    func stagedGuidance() throws {
        let repo = try ScanFixtures.repository("credkit-cli-guidance")
        defer { repo.remove() }
        try ScanFixtures.write("key=\(ScanFixtures.keyID())\n", to: repo.url.appendingPathComponent("a.txt"))
        try ScanFixtures.shell("git add a.txt", in: repo.url)
        let staged = try ProcessRunner.credkit(["scan", "--staged"], currentDirectory: repo.url)
        #expect(staged.status == 1)
        #expect(staged.stderr.contains("credkit:allow"))
        #expect(staged.stderr.contains("SKIP=credkit-scan"))
        #expect(!staged.stdout.contains("SKIP="), "guidance goes to standard error")
        let tree = try ProcessRunner.credkit(["scan", "a.txt"], currentDirectory: repo.url)
        #expect(tree.status == 1)
        #expect(!tree.stderr.contains("SKIP=credkit-scan"), "only the hook's scan prints it")
    }

    @Test("issue 13: --write-baseline records paths; --baseline-values-only does not")
    func baselinePaths() throws {
        let folder = try TemporaryDirectory("credkit-cli-baseline")
        defer { folder.remove() }
        let key = ScanFixtures.keyID()
        try ScanFixtures.write("key=\(key)\n", to: folder.url.appendingPathComponent("fixture.txt"))
        try ScanFixtures.write("key=\(key)\n", to: folder.url.appendingPathComponent("app.txt"))
        let written = try ProcessRunner.credkit(["scan", "fixture.txt", "--write-baseline", "b.json"], currentDirectory: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try ProcessRunner.credkit(["scan", "fixture.txt", "--baseline", "b.json"], currentDirectory: folder.url).status == 0)
        let other = try ProcessRunner.credkit(["scan", "app.txt", "--baseline", "b.json"], currentDirectory: folder.url)
        #expect(other.status == 1, "a value accepted in one file is reported in another")
        _ = try ProcessRunner.credkit(["scan", "fixture.txt", "--write-baseline", "v.json", "--baseline-values-only"], currentDirectory: folder.url)
        #expect(try ProcessRunner.credkit(["scan", "app.txt", "--baseline", "v.json"], currentDirectory: folder.url).status == 0)
        let misuse = try ProcessRunner.credkit(["scan", "app.txt", "--baseline-values-only"], currentDirectory: folder.url)
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("--baseline-values-only needs --write-baseline"))
    }

    @Test("issue 13: --only-verified reports only what AWS confirms live (nothing, when it cannot be asked)")
    func onlyVerifiedWithoutAnswer() throws {
        let folder = try TemporaryDirectory("credkit-cli-only-verified")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("leak.env")
        try ScanFixtures.write("aws_access_key_id=\(ScanFixtures.keyID())\naws_secret_access_key=\(ScanFixtures.secret())\n", to: file)
        let result = try ProcessRunner.credkit(["scan", file.path, "--only-verified", "--endpoint-url", "http://127.0.0.1:9", "--timeout", "5"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

#if canImport(Glibc)
import Glibc
#endif
