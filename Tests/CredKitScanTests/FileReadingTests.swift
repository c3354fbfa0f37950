@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Files whose keys a tree scan used to miss: UTF-16 text, binary files, sparse files, and
/// names that are not UTF-8 (issue 13).
@Suite struct FileReadingTests {
    @Test("UTF-16 with a byte order mark (PowerShell's Out-File) is transcoded and scanned, little- and big-endian")
    func utf16() throws {
        let folder = try TemporaryDirectory("credkit-utf16")
        defer { folder.remove() }
        let little = KeyFactory.keyID(), big = KeyFactory.keyID(), secret = KeyFactory.secret()
        let text = "# settings\r\n$env:AWS_ACCESS_KEY_ID = \"\(little)\"\r\n$env:AWS_SECRET_ACCESS_KEY = \"\(secret)\"\r\n"
        try Data([0xff, 0xfe] + Array(text.data(using: .utf16LittleEndian)!)).write(to: folder.url.appendingPathComponent("le.ps1"))
        try Data([0xfe, 0xff] + Array("x = \(big)\n".data(using: .utf16BigEndian)!)).write(to: folder.url.appendingPathComponent("be.txt"))
        let result = try SecretScanner().scan(paths: [folder.url.path])
        let byFile = Dictionary(grouping: result.findings) { ($0.file as NSString).lastPathComponent }
        #expect(byFile["be.txt"]?.map(\.secret) == [big])
        #expect(byFile["le.ps1"]?.map(\.secret) == [little])
        #expect(byFile["le.ps1"]?.first?.line == 2)
        #expect(byFile["le.ps1"]?.first?.pairedSecret?.secret == secret)
        #expect(result.binaryFiles == 0)
    }

    @Test("UTF-16 files up to UTF16Text.maximumFileBytes are transcoded; one byte more is skipped with a warning")
    func utf16Limit() throws {
        let folder = try TemporaryDirectory("credkit-utf16-limit")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        // A byte order mark and a key, then NUL code units (ftruncate, so nothing big is written) up to the size.
        for (name, size) in [("at.txt", UTF16Text.maximumFileBytes), ("past.txt", UTF16Text.maximumFileBytes + 1)] {
            let head = Data([0xff, 0xfe]) + "\(key)\n".data(using: .utf16LittleEndian)!
            try head.write(to: folder.url.appendingPathComponent(name))
            #expect(truncate(folder.path(name), off_t(size)) == 0)
        }
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.findings.map { ($0.file as NSString).lastPathComponent } == ["at.txt"])
        #expect(result.findings.first?.secret == key)
        #expect(result.warnings.map(\.description) == [
            folder.path("past.txt") + ": UTF-16 text larger than \(UTF16Text.maximumFileBytes) bytes, the limit for transcoding; skipped",
        ])
    }

    @Test("a NUL byte at the start no longer hides a key: binary files report access key IDs, not secret-shaped noise")
    func binaryFilesReportKeyIDs() throws {
        let folder = try TemporaryDirectory("credkit-binary")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        var bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]
        bytes += Array("\n\(KeyFactory.secret())\n".utf8)  // a lone secret-shaped run in binary data: not reported
        bytes += [0, 1, 2, 3] + Array(key.utf8) + [0, 0xff]
        try Data(bytes).write(to: folder.url.appendingPathComponent("tool.bin"))
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.ruleID == "aws-access-key-id")
        #expect(result.binaryFiles == 1)
    }

    @Test("a 2 GiB sparse file with a key at its end is found by skipping its holes")
    func sparseFile() throws {
        let folder = try TemporaryDirectory("credkit-sparse")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        let path = folder.path("disk.img")
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        #expect(fd >= 0)
        let size = 2 << 30
        #expect(ftruncate(fd, off_t(size)) == 0)
        let tail = Array("\nkey=\(key)\n".utf8)
        #expect(tail.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(size - tail.count)) } == tail.count)
        close(fd)
        var info = stat()
        stat(path, &info)
        try #require(Int(info.st_blocks) * 512 < size / 1024, "the file system made no sparse file")
        let started = ContinuousClock.now
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.line == 2)
        #expect(result.bytesScanned < 16 << 20)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("names that are not UTF-8 are opened by their bytes and shown escaped, as are control characters")
    func nonUTF8Names() throws {
        let folder = try TemporaryDirectory("credkit-names")
        defer { folder.remove() }
        let names: [[UInt8]] = [Array("caf".utf8) + [0xe9, 0x2e, 0x74, 0x78, 0x74], Array("esc".utf8) + [0x1b] + Array("[31m.txt".utf8),
                                Array("new".utf8) + [0x0a] + Array("line.txt".utf8), Array("ok-é.txt".utf8)]
        var keys: [String: String] = [:]
        for name in names {
            let key = KeyFactory.keyID()
            let path = Array(folder.url.path.utf8) + [0x2f] + name
            let fd = PathWalker.withCPath(path) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o600) }
            try #require(fd >= 0)
            let text = Array("\(key)\n".utf8)
            _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            keys[DisplayName.escaped(name)] = key
        }
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.warnings.isEmpty)
        let found = Dictionary(uniqueKeysWithValues: result.findings.map { (($0.file as NSString).lastPathComponent, $0.secret) })
        #expect(found == keys)
        #expect(Set(found.keys) == ["caf\\xe9.txt", "esc\\x1b[31m.txt", "new\\nline.txt", "ok-é.txt"])
    }

    @Test("escaping: control characters, C1 controls and invalid UTF-8 as \\xNN; valid UTF-8 and backslashes as they are")
    func escaping() {
        #expect(DisplayName.escaped(Array("plain/name.txt".utf8)) == "plain/name.txt")
        #expect(DisplayName.escaped([0x61, 0x09, 0x62, 0x0d, 0x7f, 0x00]) == "a\\tb\\r\\x7f\\x00")
        #expect(DisplayName.escaped([0xc2, 0x9b, 0x41]) == "\\xc2\\x9bA")  // U+009B, the 8-bit CSI
        #expect(DisplayName.escaped([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]) ==
                "\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80")  // overlong, surrogate, past U+10FFFF
        #expect(DisplayName.escaped(Array("a\\b ü 🙂".utf8)) == "a\\b ü 🙂")
        #expect(DisplayName.escaped([0xe2, 0x82]) == "\\xe2\\x82")  // cut short
    }
}
