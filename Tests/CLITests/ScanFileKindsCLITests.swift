import CredKitTestSupport
import Foundation
import Testing

/// `credkit scan` over archives and awkward file names, as users run it (issue 13).
@Suite struct ScanFileKindsCLITests {
    @Test("names with ESC, newline and invalid UTF-8 are scanned and printed escaped in text, JSON, SARIF and GitHub formats")
    func escapedNames() throws {
        let folder = try TemporaryDirectory("credkit-cli-names")
        defer { folder.remove() }
        let keys = [ScanFixtures.keyID(), ScanFixtures.keyID(), ScanFixtures.keyID()]
        // printf writes the raw bytes: ESC, a newline and 0xff inside the names.
        let made = try ScanFixtures.shell("printf '%s\\n' \(keys[0]) > \"$(printf 'esc\\033[31m.txt')\" && "
                                          + "printf '%s\\n' \(keys[1]) > \"$(printf 'new\\nline.txt')\" && "
                                          + "printf '%s\\n' \(keys[2]) > \"$(printf 'latin\\377.txt')\"", in: folder.url)
        try #require(made.status == 0, "\(made.stderr)")
        let text = try ProcessRunner.credkit(["scan", "."], currentDirectory: folder.url)
        #expect(text.status == 1)
        #expect(!text.stdoutData.contains(0x1b))
        #expect(!text.stdoutData.contains(0xff))
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasPrefix("esc\\x1b[31m.txt:1:1: aws-access-key-id") })
        #expect(lines.contains { $0.hasPrefix("new\\nline.txt:1:1: aws-access-key-id") })
        #expect(lines.contains { $0.hasPrefix("latin\\xff.txt:1:1: aws-access-key-id") })

        let json = try ProcessRunner.credkit(["scan", "--format", "json", "."], currentDirectory: folder.url)
        let objects = try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]]
        #expect(Set(objects?.compactMap { $0["file"] as? String } ?? []) == ["esc\\x1b[31m.txt", "new\\nline.txt", "latin\\xff.txt"])
        for format in ["sarif", "github"] {
            let other = try ProcessRunner.credkit(["scan", "--format", format, "."], currentDirectory: folder.url)
            #expect(other.status == 1)
            #expect(!other.stdoutData.contains(0x1b) && !other.stdoutData.contains(0xff), "\(format)")
            // SARIF's artifact URI percent-encodes the escape's backslash.
            #expect(other.stdout.contains(format == "sarif" ? "latin%5Cxff.txt" : "file=latin\\xff.txt,"), "\(format)")
        }
    }

    @Test("a key in a zip member is reported as archive.zip!member; a refused bomb is a warning on standard error")
    func archives() throws {
        let folder = try TemporaryDirectory("credkit-cli-zip")
        defer { folder.remove() }
        let key = ScanFixtures.keyID()
        let script = """
        import sys, zipfile
        with zipfile.ZipFile('bundle.jar', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('META-INF/app.properties', 'x=1\\naws.accessKeyId=' + sys.argv[1] + '\\n')
        with zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('zeros', bytes(80 << 20))
        """
        let made = try ProcessRunner.run("python3", ["-c", script, key], currentDirectory: folder.url)
        try #require(made.status == 0, "\(made.stderr)")
        let result = try ProcessRunner.credkit(["scan", "."], currentDirectory: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("bundle.jar!META-INF/app.properties:2:17: aws-access-key-id"))
        #expect(result.stderr.contains("bomb.zip!zeros: would expand to \(80 << 20) bytes, past the limit of \(64 << 20) per file; not scanned"))
    }

    @Test("--no-ignore starts no git process; without it git is asked")
    func noIgnoreStartsNoGit() throws {
        let repo = try ScanFixtures.repository("credkit-cli-nogit")
        defer { repo.remove() }
        try ScanFixtures.write("nothing\n", to: repo.url.appendingPathComponent("a.txt"))
        let (path, starts, _) = try ScanFixtures.gitRecorder(in: repo.url)
        let quiet = try ProcessRunner.credkit(["scan", "--no-ignore", "."], environment: ["PATH": path], currentDirectory: repo.url)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!FileManager.default.fileExists(atPath: starts))
        let asked = try ProcessRunner.credkit(["scan", "."], environment: ["PATH": path], currentDirectory: repo.url)
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(FileManager.default.fileExists(atPath: starts))
    }

    @Test("outside any repository no git is started, unless GIT_DIR points at one")
    func outsideARepositoryStartsNoGit() throws {
        let folder = try TemporaryDirectory("credkit-cli-outside")
        defer { folder.remove() }
        // The claim holds only where no folder above has a .git.
        var above = folder.url
        while above.path != "/" {
            try #require(!FileManager.default.fileExists(atPath: above.appendingPathComponent(".git").path), "\(above.path) is in a repository")
            above.deleteLastPathComponent()
        }
        let tree = folder.url.appendingPathComponent("tree")
        try ScanFixtures.write("nothing\n", to: tree.appendingPathComponent("a.txt"))
        let (path, starts, realGit) = try ScanFixtures.gitRecorder(in: folder.url)
        let outside = try ProcessRunner.credkit(["scan", "."], environment: ["PATH": path], currentDirectory: tree)
        #expect(outside.status == 0, "\(outside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: starts))
        // GIT_DIR makes any folder part of a repository: git is asked then.
        _ = try ScanFixtures.shell("\(realGit) init -q \"\(folder.url.path)/repo.git\" --bare", in: folder.url)
        let pointed = try ProcessRunner.credkit(["scan", "."], environment: ["PATH": path, "GIT_DIR": folder.url.path + "/repo.git"],
                                                currentDirectory: tree)
        #expect(pointed.status == 0 || pointed.status == 2, "\(pointed.stderr)")
        #expect(FileManager.default.fileExists(atPath: starts))
    }
}
