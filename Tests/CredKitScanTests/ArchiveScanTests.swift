@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

/// Keys inside .zip/.jar, .tar, .tar.gz and .gz files, and the limits that keep hostile
/// archives from being expanded to exhaustion (issue 13). Archives are written by Python's
/// zipfile, tarfile and gzip (`ArchiveMaker`).
@Suite struct ArchiveScanTests {
    private func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("members of zip, jar, tar, tar.gz and gz files are scanned and named archive!path/inside")
    func formats() throws {
        let folder = try TemporaryDirectory("credkit-archives")
        defer { folder.remove() }
        var expected: [String: String] = [:]
        for (archive, kind) in [("a.zip", "zip"), ("b.jar", "zip"), ("s.zip", "zip-stored"), ("c.tar", "tar"), ("d.tar.gz", "tar.gz"),
                                ("e.tgz", "tar.gz")] {
            let key = KeyFactory.keyID()
            try write("first line\nid = \(key)\n", folder.path("src/\(archive)/conf/keys.txt"))
            try write("nothing\n", folder.path("src/\(archive)/readme.md"))
            try ArchiveMaker.make(folder.path("scan/\(archive)"), kind: kind, members: [
                ("readme.md", folder.path("src/\(archive)/readme.md")), ("conf/keys.txt", folder.path("src/\(archive)/conf/keys.txt")),
            ])
            expected["\(archive)!conf/keys.txt"] = key
        }
        let key = KeyFactory.keyID()
        try write("\n\n\(key)\n", folder.path("src/notes.txt"))
        try ArchiveMaker.make(folder.path("scan/notes.txt.gz"), kind: "gz", members: [("notes.txt", folder.path("src/notes.txt"))])
        expected["notes.txt.gz!notes.txt"] = key

        let result = try SecretScanner().scan(paths: [folder.path("scan")])
        #expect(result.warnings.isEmpty)
        let found = Dictionary(uniqueKeysWithValues: result.findings.map {
            (String($0.file.dropFirst(folder.path("scan").count + 1)), $0.secret)
        })
        #expect(found == expected)
        #expect(result.findings.allSatisfy { $0.line == ($0.file.hasSuffix("notes.txt") ? 3 : 2) })
    }

    /// Zips nested `levels` deep, the key in the innermost: `l1.zip!l2.zip!...!key.txt`.
    private func nested(_ levels: Int, in folder: TemporaryDirectory, key: String) throws -> String {
        try write("\(key)\n", folder.path("key.txt"))
        var inner = (name: "key.txt", file: folder.path("key.txt"))
        for level in stride(from: levels, through: 1, by: -1) {
            let name = "l\(level).zip"
            try ArchiveMaker.make(folder.path("build/\(name)"), kind: "zip", members: [inner])
            inner = (name, folder.path("build/\(name)"))
        }
        try FileManager.default.createDirectory(atPath: folder.path("scan"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: inner.file, toPath: folder.path("scan/l1.zip"))
        return folder.path("scan")
    }

    @Test("archives nested maximumNestingDepth deep are opened; one level more is refused with a warning")
    func nestingDepth() throws {
        #expect(ArchiveScanner.maximumNestingDepth == 4)
        let atLimit = try TemporaryDirectory("credkit-nest")
        defer { atLimit.remove() }
        let key = KeyFactory.keyID()
        let result = try SecretScanner().scan(paths: [try nested(4, in: atLimit, key: key)])
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.file.hasSuffix("l1.zip!l2.zip!l3.zip!l4.zip!key.txt") == true)
        #expect(result.warnings.isEmpty)

        let past = try TemporaryDirectory("credkit-nest")
        defer { past.remove() }
        let deeper = try SecretScanner().scan(paths: [try nested(5, in: past, key: KeyFactory.keyID())])
        #expect(deeper.findings.isEmpty)
        #expect(deeper.warnings.map(\.description).contains { $0.contains("l4.zip!l5.zip: an archive nested more than 4 levels deep") })
    }

    @Test("maximumEntries members are read; one more and the rest are left with a warning")
    func entryCount() throws {
        let folder = try TemporaryDirectory("credkit-entries")
        defer { folder.remove() }
        let limit = ArchiveScanner.maximumEntries
        let atKey = KeyFactory.keyID(), pastKey = KeyFactory.keyID()
        try ArchiveMaker.manyMembers(folder.path("at/many.zip"), count: limit, lastText: "\(atKey)\n")
        try ArchiveMaker.manyMembers(folder.path("past/many.zip"), count: limit + 1, lastText: "\(pastKey)\n")
        let at = try SecretScanner().scan(paths: [folder.path("at")])
        #expect(at.findings.map(\.secret) == [atKey])
        #expect(at.warnings.isEmpty)
        #expect(at.filesScanned == limit)
        let past = try SecretScanner().scan(paths: [folder.path("past")])
        #expect(past.findings.isEmpty)
        #expect(past.warnings.map(\.reason) == ["lists \(limit + 1) files, past the limit of \(limit) per archive; only the first \(limit) are scanned"])
    }

    @Test("a high-ratio member that expands past maximumEntryBytes is refused with a warning")
    func highRatioEntry() throws {
        let folder = try TemporaryDirectory("credkit-ratio")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        try ArchiveMaker.bomb(folder.path("bomb.zip"), zeros: ArchiveScanner.maximumEntryBytes, then: key)
        let result = try SecretScanner().scan(paths: [folder.url.path])
        #expect(result.findings.isEmpty)
        #expect(result.warnings.map(\.description) == [
            folder.path("bomb.zip") + "!zeros.bin: would expand to \(ArchiveScanner.maximumEntryBytes + key.count) bytes, past the limit of "
                + "\(ArchiveScanner.maximumEntryBytes) per file; not scanned",
        ])
    }

    /// Scans one archive file with `limits` (smaller than the real ones, so the test stays fast).
    private func scan(_ path: String, limits: ArchiveScanner.Limits) throws -> ArchiveScanner {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var archive = ArchiveScanner(scanner: DocumentScanner(plan: SecretScanner().plan), limits: limits)
        data.withUnsafeBytes { bytes in
            if let kind = ArchiveScanner.kind(of: bytes) {
                archive.scan(archive: bytes, kind: kind, display: "x", name: Array(path.utf8))
            }
        }
        return archive
    }

    @Test("expanded bytes per member and per archive: at the limit scanned, one byte past refused (the directory's claim is not trusted)")
    func expandedBytes() throws {
        let folder = try TemporaryDirectory("credkit-expand")
        defer { folder.remove() }
        let first = KeyFactory.keyID(), second = KeyFactory.keyID()
        let filler = String(repeating: "x", count: 999) + "\n"
        try write(String(repeating: filler, count: 100) + "\(first)\n", folder.path("one.txt"))
        try write(String(repeating: filler, count: 100) + "\(second)\n", folder.path("two.txt"))
        let size = 100_000 + first.count + 1
        try ArchiveMaker.make(folder.path("both.tar.gz"), kind: "tar.gz", members: [("one.txt", folder.path("one.txt")),
                                                                                    ("two.txt", folder.path("two.txt"))])
        try ArchiveMaker.make(folder.path("both.zip"), kind: "zip", members: [("one.txt", folder.path("one.txt")),
                                                                              ("two.txt", folder.path("two.txt"))])
        // Per member (zip: each member is inflated on its own).
        let entryAt = try scan(folder.path("both.zip"), limits: .init(entryBytes: size))
        #expect(entryAt.findings.map(\.secret) == [first, second])
        #expect(entryAt.warnings.isEmpty)
        let entryPast = try scan(folder.path("both.zip"), limits: .init(entryBytes: size - 1))
        #expect(entryPast.findings.isEmpty)
        #expect(entryPast.warnings.map(\.description) == ["x!one.txt", "x!two.txt"].map {
            "\($0): would expand to \(size) bytes, past the limit of \(size - 1) per file; not scanned"
        })
        // Per archive: the whole .tar.gz expands to 3 headers, 2 padded members and the end blocks.
        let tarSize = try Data(contentsOf: URL(fileURLWithPath: folder.path("both.tar.gz"))).withUnsafeBytes {
            try Inflater.inflate($0, format: .gzip, limit: 1 << 30).bytes.count
        }
        let archiveAt = try scan(folder.path("both.tar.gz"), limits: .init(entryBytes: tarSize, expandedBytes: tarSize))
        #expect(archiveAt.findings.map(\.secret) == [first, second])
        let archivePast = try scan(folder.path("both.tar.gz"), limits: .init(entryBytes: tarSize, expandedBytes: tarSize - 1))
        #expect(archivePast.findings.isEmpty)
        #expect(archivePast.warnings.map(\.reason) == [
            "expands past the limit of \(tarSize - 1) bytes per archive; it and the files after it are not scanned",
        ])
    }

    @Test("a member whose directory entry understates its size is still stopped at maximumEntryBytes by the inflater")
    func understatedSize() throws {
        let folder = try TemporaryDirectory("credkit-liar")
        defer { folder.remove() }
        try write(String(repeating: "y", count: 50_000) + "\n", folder.path("big.txt"))
        try ArchiveMaker.make(folder.path("liar.zip"), kind: "zip", members: [("big.txt", folder.path("big.txt"))])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path("liar.zip"))))
        let header: [UInt8] = [0x50, 0x4b, 0x01, 0x02]
        let at = try #require((0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == header })
        bytes.replaceSubrange((at + 24)..<(at + 28), with: [10, 0, 0, 0])  // claims 10 bytes expanded
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path("liar.zip")))
        let result = try scan(folder.path("liar.zip"), limits: .init(entryBytes: 1000))
        #expect(result.findings.isEmpty)
        #expect(result.bytes == 0)
        #expect(result.warnings.map(\.description) == ["x!big.txt: expands past the limit of 1000 bytes per file; not scanned"])
    }

    @Test("a 42.zip-style bomb (16 zips per level, high-ratio members at the bottom) stops at the per-archive limit")
    func nestedBomb() throws {
        let folder = try TemporaryDirectory("credkit-42")
        defer { folder.remove() }
        try ArchiveMaker.bomb(folder.path("build/0.zip"), zeros: 40 << 20, then: "")
        var inner = folder.path("build/0.zip")
        for level in 1...3 {
            let next = folder.path("build/\(level).zip")
            try ArchiveMaker.make(next, kind: "zip", members: (0..<16).map { ("\(level)-\($0).zip", inner) })
            inner = next
        }
        try FileManager.default.createDirectory(atPath: folder.path("scan"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: inner, toPath: folder.path("scan/42.zip"))
        let started = ContinuousClock.now
        let result = try SecretScanner().scan(paths: [folder.path("scan")])
        #expect(result.findings.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.reason.contains("expands past the limit of \(ArchiveScanner.maximumExpandedBytes) bytes per archive") == true)
        #expect(result.bytesScanned <= ArchiveScanner.maximumExpandedBytes)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("a damaged archive is a warning naming it, and the file is not lost")
    func damaged() throws {
        let folder = try TemporaryDirectory("credkit-damaged")
        defer { folder.remove() }
        let key = KeyFactory.keyID()
        try write("\(key)\n", folder.path("src/k.txt"))
        try ArchiveMaker.make(folder.path("scan/k.zip"), kind: "zip", members: [("k.txt", folder.path("src/k.txt"))])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path("scan/k.zip")))
        bytes.removeLast(10)  // cut into the end-of-directory record
        try bytes.write(to: URL(fileURLWithPath: folder.path("scan/k.zip")))
        let result = try SecretScanner().scan(paths: [folder.path("scan")])
        #expect(result.warnings.map(\.reason) == ["not read as a zip file: no zip central directory"])
    }
}
