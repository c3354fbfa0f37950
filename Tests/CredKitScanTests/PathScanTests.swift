@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct PathScanTests {
    @Test("folders are scanned recursively; .gitignore is honoured inside a work tree unless told not to")
    func gitignore() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let tracked = KeyFactory.keyID(), ignored = KeyFactory.keyID(), untracked = KeyFactory.keyID()
        try repo.write(".gitignore", "build/\n*.log\n")
        try repo.write("src/deep/er/config.py", "KEY = '\(tracked)'\n")
        try repo.write("build/out.txt", "\(ignored)\n")
        try repo.write("debug.log", "\(ignored)\n")
        try repo.commitAll("init")
        try repo.write("notes/new.txt", "\(untracked)\n")
        let scanner = SecretScanner()
        let found = try scanner.scan(paths: [repo.path]).findings.map(\.secret)
        #expect(Set(found) == [tracked, untracked])
        let all = try scanner.scan(paths: [repo.path], respectIgnore: false).findings.map(\.secret)
        #expect(Set(all) == [tracked, ignored, untracked])
        #expect(all.count == 4)
    }

    @Test("outside git every file is walked, .git folders are skipped, names are relative to the argument")
    func plainFolder() throws {
        let folder = try TemporaryDirectory("credkit-walk")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        try FileManager.default.createDirectory(atPath: folder.path("a/b/.git"), withIntermediateDirectories: true)
        try Data("\(key)\n".utf8).write(to: URL(fileURLWithPath: folder.path("a/b/c.txt")))
        try Data("\(key)\n".utf8).write(to: URL(fileURLWithPath: folder.path("a/b/.git/config")))
        let result = try SecretScanner().scan(paths: [folder.path("a")])
        #expect(result.findings.map(\.file) == [folder.path("a") + "/b/c.txt"])
    }

    @Test("binary files are recognised by a NUL in the first 8 KiB; later NULs do not make a file binary")
    func binarySniffing() throws {
        let folder = try TemporaryDirectory("credkit-binary")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        var early = Array("\(key)\n".utf8); early.insert(0, at: 3)
        try Data(early).write(to: URL(fileURLWithPath: folder.path("early.bin")))
        var late = Array(repeating: UInt8(ascii: "a"), count: 9000) + Array("\n\(key)\n".utf8); late[8500] = 0
        try Data(late).write(to: URL(fileURLWithPath: folder.path("late.dat")))
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.binaryFiles == 1)
        #expect(result.findings.map(\.file).map { ($0 as NSString).lastPathComponent } == ["late.dat"])
        #expect(result.findings.first?.line == 2)
    }

    @Test("invalid UTF-8 around a key does not hide it")
    func invalidUTF8() throws {
        let key = KeyFactory.keyID()
        let bytes: [UInt8] = [0xff, 0xfe, 0x20, 0xc3, 0x28, 0x0a, 0xe2, 0x82, 0x20] + Array(key.utf8) + [0x20, 0x80, 0x0a]
        let findings = SecretScanner().scan(bytes: bytes, file: "x")
        #expect(findings.map(\.secret) == [key])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.column == 4)
    }

    @Test("broken links and link loops are warnings; links to folders are not followed")
    func symbolicLinks() throws {
        let folder = try TemporaryDirectory("credkit-links")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        let files = FileManager.default
        try files.createDirectory(atPath: folder.path("real"), withIntermediateDirectories: true)
        try Data("\(key)\n".utf8).write(to: URL(fileURLWithPath: folder.path("real/k.txt")))
        try files.createSymbolicLink(atPath: folder.path("broken"), withDestinationPath: folder.path("missing"))
        try files.createSymbolicLink(atPath: folder.path("loop1"), withDestinationPath: folder.path("loop2"))
        try files.createSymbolicLink(atPath: folder.path("loop2"), withDestinationPath: folder.path("loop1"))
        try files.createSymbolicLink(atPath: folder.path("real/up"), withDestinationPath: folder.url.path)
        try files.createSymbolicLink(atPath: folder.path("link.txt"), withDestinationPath: folder.path("real/k.txt"))
        let result = try SecretScanner().scan(paths: [folder.url.path], respectIgnore: false)
        #expect(Set(result.findings.map { ($0.file as NSString).lastPathComponent }) == ["k.txt", "link.txt"])
        let reasons = result.warnings.map { "\(($0.path as NSString).lastPathComponent): \($0.reason)" }.sorted()
        #expect(reasons == ["broken: broken symbolic link, skipped", "loop1: symbolic link loop, skipped", "loop2: symbolic link loop, skipped"])
    }

    @Test("a missing path is an error, not a warning")
    func missingPath() {
        #expect(throws: ScanError.self) { try SecretScanner().scan(paths: ["/nonexistent/credkit-\(UUID())"]) }
    }

    @Test("standard input is streamed from a descriptor")
    func fileDescriptor() throws {
        let key = KeyFactory.keyID()
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = Array("line one\nid=\(key)\n".utf8)
        _ = text.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let result = try SecretScanner().scan(fileDescriptor: fds[0])
        #expect(result.findings.map(\.line) == [2])
        #expect(result.findings.first?.file == "-")
    }

    @Test("an allowlisted path drops its findings, relative to the configuration's folder")
    func pathAllowlist() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("fixtures/keys.txt", "\(KeyFactory.keyID())\n")
        try repo.write("src/app.txt", "\(KeyFactory.keyID())\n")
        var settings = try ScanConfiguration.parse("[allow]\npaths = [\"fixtures/**\"]\n")
        settings.directory = repo.path
        let found = try SecretScanner(configuration: settings).scan(paths: [repo.path + "/src", repo.path + "/fixtures"]).findings
        #expect(found.map { ($0.file as NSString).lastPathComponent } == ["app.txt"])
    }
}

#if canImport(Glibc)
import Glibc
#endif
