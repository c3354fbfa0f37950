@testable import CredKitScan
import Foundation
import Testing

@Suite struct StagedScanTests {
    @Test("reads the index, not the work tree, and reports staged line numbers")
    func indexNotWorkTree() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("app.cfg", "a\nb\nc\n")
        try repo.commitAll("init")
        let staged = KeyFactory.keyID(), unstaged = KeyFactory.keyID()
        try repo.write("app.cfg", "a\nb\nkey = \(staged)\nc\n")
        try repo.git("add", "app.cfg")
        // The work tree then drops the staged key and adds another: neither change is staged.
        try repo.write("app.cfg", "a\nb\nc\nother = \(unstaged)\n")
        let findings = try SecretScanner().scanStaged(in: repo.path).findings
        #expect(findings.map(\.secret) == [staged])
        #expect(findings.map(\.line) == [3])
        #expect(findings.map(\.column) == [7])
        #expect(findings.map(\.file) == ["app.cfg"])
    }

    @Test("only added lines count: a key already committed is not reported again")
    func addedLinesOnly() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let old = KeyFactory.keyID()
        try repo.write("k.txt", "x\n\(old)\n")
        try repo.commitAll("init")
        try repo.write("k.txt", "y\nx\n\(old)\nz\n")
        try repo.git("add", "k.txt")
        #expect(try SecretScanner().scanStaged(in: repo.path).findings.isEmpty)
    }

    @Test("renames, deletions, binary files and odd file names")
    func oddChanges() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let moved = KeyFactory.keyID()
        try repo.write("old name.txt", "\(moved)\n" + String(repeating: "filler line\n", count: 20))
        try repo.write("gone.txt", "\(KeyFactory.keyID())\n")
        try repo.commitAll("init")
        try repo.git("mv", "old name.txt", "new name.txt")
        try repo.git("rm", "-q", "gone.txt")
        let names = ["with space.txt", "new\nline.txt", "ünïcödé/ключ.txt", "tab\there.txt", "quote\"d.txt", "dir with space/+++ x.txt"]
        var keys: [String: String] = [:]
        for name in names {
            let key = KeyFactory.keyID()
            keys[name] = key
            try repo.write(name, "+++ b/looks-like-a-header\n\(key)\n")
        }
        // A binary file's key IDs are read from the index too (git's diff shows none of its bytes).
        let binaryKey = KeyFactory.keyID()
        try repo.write("blob.bin", bytes: [0, 1, 2] + Array(binaryKey.utf8))
        try repo.git("add", "-A")
        let findings = try SecretScanner().scanStaged(in: repo.path).findings
        #expect(Dictionary(uniqueKeysWithValues: findings.map { ($0.file, $0.secret) }) == keys.merging(["blob.bin": binaryKey]) { $1 })
        #expect(findings.filter { $0.file != "blob.bin" }.allSatisfy { $0.line == 2 })
    }

    @Test("works before the first commit")
    func noHead() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = KeyFactory.keyID()
        try repo.write("first.txt", "\(key)\n")
        try repo.git("add", "first.txt")
        #expect(try SecretScanner().scanStaged(in: repo.path).findings.map(\.secret) == [key])
    }

    @Test("pairs a staged key ID with its secret")
    func pairs() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("creds", "[default]\n")
        try repo.commitAll("init")
        let id = KeyFactory.keyID(), secret = KeyFactory.secret()
        try repo.write("creds", "[default]\naws_access_key_id = \(id)\naws_secret_access_key = \(secret)\n")
        try repo.git("add", "creds")
        let findings = try SecretScanner().scanStaged(in: repo.path).findings
        #expect(findings.count == 1)
        #expect(findings.first?.pairedSecret?.secret == secret)
        #expect(findings.first?.pairedSecret?.line == 3)
    }

    @Test("issue 13: staged lines pair within a block and are decoded, with real line numbers")
    func blocksAndDecoding() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("creds", "[default]\n")
        try repo.commitAll("init")
        let id = KeyFactory.keyID(), secret = KeyFactory.secret(), other = KeyFactory.keyID()
        let fields = (1...7).map { "field\($0) = \($0)\n" }.joined()
        let encoded = Data(other.utf8).base64EncodedString()
        try repo.write("creds", "[default]\nid = \(id)\n\(fields)value = \(secret)\n\nblob: \(encoded)\n")
        try repo.git("add", "creds")
        let findings = try SecretScanner().scanStaged(in: repo.path).findings
        let pair = try #require(findings.first { $0.secret == id })
        #expect(pair.line == 2 && pair.pairedSecret?.secret == secret && pair.pairedSecret?.line == 10)
        let decoded = try #require(findings.first { $0.secret == other })
        #expect(decoded.line == 12 && decoded.column == 7 && decoded.decoding == "base64")
    }

    @Test("outside a work tree is an error")
    func notARepository() throws {
        let folder = try CredKitTestSupport.TemporaryDirectory("credkit-norepo")
        defer { folder.remove() }
        #expect(throws: ScanError.self) { try SecretScanner().scanStaged(in: folder.url.path) }
    }
}

import CredKitTestSupport

/// Files a text diff leaves out, read from the index: UTF-16 text, archives, binary files.
@Suite struct StagedBinaryScanTests {
    @Test("UTF-16 text, archives and binary files are read from the index; what HEAD held is not reported again")
    func binariesFromTheIndex() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let oldKey = KeyFactory.keyID()
        try repo.write("firmware.bin", bytes: [0x7f, 0x45, 0x4c, 0x46, 0] + Array("id=\(oldKey)".utf8))
        try repo.commitAll("init")
        // PowerShell's Out-File: UTF-16 little-endian with a byte order mark.
        let psKey = KeyFactory.keyID(), psSecret = KeyFactory.secret()
        let script = "# deploy\r\n$env:AWS_ACCESS_KEY_ID = '\(psKey)'\r\n$env:AWS_SECRET_ACCESS_KEY = '\(psSecret)'\r\n"
        try repo.write("deploy.ps1", bytes: [0xff, 0xfe] + Array(script.data(using: .utf16LittleEndian)!))
        let zipKey = KeyFactory.keyID()
        let member = repo.directory.path("member.txt")
        try "aws_access_key_id = \(zipKey)\n".write(toFile: member, atomically: true, encoding: .utf8)
        try ArchiveMaker.make(repo.directory.path("bundle.jar"), kind: "zip", members: [("config/creds.txt", member)])
        try FileManager.default.removeItem(atPath: member)
        let gzKey = KeyFactory.keyID()
        let plain = repo.directory.path("notes.txt")
        try "key \(gzKey)\n".write(toFile: plain, atomically: true, encoding: .utf8)
        try ArchiveMaker.make(repo.directory.path("notes.txt.gz"), kind: "gz", members: [("notes.txt", plain)])
        try FileManager.default.removeItem(atPath: plain)
        // The binary file gains a key next to the one HEAD already has.
        let newKey = KeyFactory.keyID()
        try repo.write("firmware.bin", bytes: [0x7f, 0x45, 0x4c, 0x46, 0] + Array("id=\(oldKey) id2=\(newKey)".utf8))
        try repo.git("add", "-A")

        let result = try SecretScanner().scanStaged(in: repo.path)
        let found = Dictionary(grouping: result.findings, by: \.file).mapValues { $0.map(\.secret) }
        #expect(found == ["deploy.ps1": [psKey], "bundle.jar!config/creds.txt": [zipKey], "notes.txt.gz!notes.txt": [gzKey],
                          "firmware.bin": [newKey]], "\(result.findings)")
        let ps = try #require(result.findings.first { $0.file == "deploy.ps1" })
        #expect(ps.line == 2)
        #expect(ps.pairedSecret?.secret == psSecret)
        #expect(result.warnings.isEmpty)
    }

    @Test("git's raw listing: renames take the new path; deletions, submodules and unchanged content are left out")
    func rawListing() throws {
        let (a, b, c, d) = (String(repeating: "a", count: 40), String(repeating: "b", count: 40), String(repeating: "c", count: 40),
                            String(repeating: "d", count: 40))
        let zero = String(repeating: "0", count: 40)
        let text = ":100644 100644 \(a) \(b) M\u{0}x.bin\u{0}:000000 100644 \(zero) \(c) A\u{0}new\nline\u{0}"
            + ":100644 100644 \(c) \(d) R090\u{0}old\u{0}new name\u{0}:100644 000000 \(a) \(zero) D\u{0}gone\u{0}"
            + ":160000 160000 \(a) \(b) M\u{0}submodule\u{0}:100644 100755 \(a) \(a) M\u{0}mode only\u{0}"
        let staged = try SecretScanner.parseRawListing(Array(text.utf8))
        #expect(staged.map(\.path) == ["x.bin", "new\nline", "new name"])
        #expect(staged.map { $0.previous?.description } == [a, nil, c])
        #expect(staged.map(\.blob.description) == [b, c, d])
        #expect(throws: ScanError.self) { try SecretScanner.parseRawListing(Array(":100644 100644 \(a) M\u{0}x\u{0}".utf8)) }
        #expect(throws: ScanError.self) { try SecretScanner.parseRawListing(Array(":100644 100644 \(a) \(b) R100\u{0}only-one\u{0}".utf8)) }
    }

    @Test("the raw listing is read up to its limit and refused past it")
    func rawListingLimit() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("a.bin", bytes: [0, 1])
        try repo.git("add", "-A")
        let size = try repo.git("diff", "--cached", "--raw", "-z", "--no-abbrev", "-M").utf8.count
        #expect(size > 0)
        let scanner = SecretScanner()
        #expect(try scanner.scanStagedBinaries(in: repo.path, root: repo.path, listingLimit: size).filesScanned == 1)
        let error = #expect(throws: ScanError.self) { try scanner.scanStagedBinaries(in: repo.path, root: repo.path, listingLimit: size - 1) }
        #expect(error?.description.contains("printed more than \(size - 1) bytes") == true, "\(String(describing: error))")
    }
}
