@testable import CredKitScan
import Foundation
import Testing

@Suite struct HistoryScanTests {
    @Test("a key added and later removed is reported with the commit that added it")
    func removedLater() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("README", "hello\n")
        try repo.commitAll("init")
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        try repo.write("deploy/env.sh", "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=\(key)\nexport AWS_SECRET_ACCESS_KEY=\(secret)\n")
        let added = try repo.commitAll("add deploy script")
        try repo.write("deploy/env.sh", "#!/bin/sh\n. ./secrets.sh\n")
        try repo.commitAll("remove keys")
        #expect(try SecretScanner().scan(paths: [repo.path]).findings.isEmpty)
        let result = try SecretScanner().scanHistory(in: repo.path)
        #expect(result.commitsScanned == 3)
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.commit?.id == added)
        #expect(finding.commit?.author == "Test Author <author@example.invalid>")
        #expect(finding.file == "deploy/env.sh")
        #expect(finding.line == 2)
        #expect(finding.pairedSecret?.secret == secret)
        #expect(finding.commit?.date.isEmpty == false)
    }

    @Test("side branches are scanned with --all; --branch and --since narrow it")
    func branches() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "a\n")
        let base = try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "side")
        let sideKey = KeyFactory.keyID()
        try repo.write("b.txt", "\(sideKey)\n")
        try repo.commitAll("side leak")
        try repo.git("checkout", "-q", "main")
        let mainKey = KeyFactory.keyID()
        try repo.write("c.txt", "x\n\(mainKey)\n")
        try repo.commitAll("main leak")
        let scanner = SecretScanner()
        #expect(Set(try scanner.scanHistory(in: repo.path).findings.map(\.secret)) == [sideKey, mainKey])
        #expect(try scanner.scanHistory(in: repo.path, branch: "main").findings.map(\.secret) == [mainKey])
        #expect(try scanner.scanHistory(in: repo.path, branch: "side").findings.map(\.secret) == [sideKey])
        let since = try scanner.scanHistory(in: repo.path, since: base)
        #expect(since.commitsScanned == 2)
        #expect(Set(since.findings.map(\.secret)) == [sideKey, mainKey])
        #expect(try scanner.scanHistory(in: repo.path, since: "main", branch: "main").findings.isEmpty)
        #expect(throws: ScanError.self) { try scanner.scanHistory(in: repo.path, branch: "no-such-branch") }
        #expect(throws: ScanError.self) { try scanner.scanHistory(in: repo.path, since: "--output=/tmp/x") }
    }

    @Test("a merge does not report its parents' keys again")
    func merges() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "a\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "feature")
        let key = KeyFactory.keyID()
        try repo.write("f.txt", "\(key)\n")
        try repo.commitAll("feature")
        try repo.git("checkout", "-q", "main")
        try repo.write("m.txt", "m\n")
        try repo.commitAll("main work")
        try repo.git("merge", "-q", "--no-edit", "feature")
        #expect(try SecretScanner().scanHistory(in: repo.path).findings.map(\.secret) == [key])
    }

    @Test("many commits, cut into batches and scanned in parallel, keep every finding")
    func manyCommits() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        // fast-import builds a long history in one process.
        var stream = ""
        var keys: [String] = []
        let filler = String(repeating: "some ordinary line of configuration text\n", count: 400)
        for index in 1...300 {
            var content = filler + "n = \(index)\n"
            if index % 10 == 0 {
                let key = KeyFactory.keyID()
                keys.append(key)
                content += "key = \(key)\n"
            }
            let data = Array(content.utf8)
            stream += "commit refs/heads/main\nmark :\(index)\ncommitter T <t@example.invalid> \(1_700_000_000 + index) +0000\n"
            stream += "data 3\nc\(index % 10)\n"
            if index > 1 { stream += "from :\(index - 1)\n" }
            stream += "M 100644 inline dir\(index % 7)/file\(index).txt\ndata \(data.count)\n\(content)\n"
        }
        let result = try CredKitTestSupport.ProcessRunner.run("git", ["fast-import", "--quiet"], stdin: Data(stream.utf8), currentDirectory: repo.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let scan = try SecretScanner().scanHistory(in: repo.path, workers: 2)
        #expect(scan.commitsScanned == 300)
        #expect(Set(scan.findings.map(\.secret)) == Set(keys))
        #expect(scan.findings.count == keys.count)
    }
}

import CredKitTestSupport

/// History reads blobs git calls binary as a tree scan reads files.
@Suite struct HistoryBinaryScanTests {
    @Test("history reads UTF-16 text, archives and binary blobs as a tree scan does, attributed to the adding commit")
    func binaryBlobs() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("README", "hello\n")
        try repo.commitAll("init")
        let psKey = KeyFactory.keyID()
        try repo.write("tools/setup.ps1", bytes: [0xfe, 0xff] + Array("$k = '\(psKey)'\n".data(using: .utf16BigEndian)!))
        let binKey = KeyFactory.keyID()
        try repo.write("data.bin", bytes: [0, 0, 0] + Array(binKey.utf8) + [0])
        let added = try repo.commitAll("add tools")
        let tarKey = KeyFactory.keyID()
        let member = repo.directory.path("creds")
        try "[default]\naws_access_key_id = \(tarKey)\n".write(toFile: member, atomically: true, encoding: .utf8)
        try ArchiveMaker.make(repo.directory.path("backup.tar.gz"), kind: "tar.gz", members: [(".aws/credentials", member)])
        try FileManager.default.removeItem(atPath: member)
        let archived = try repo.commitAll("add backup")
        try repo.git("rm", "-q", "backup.tar.gz", "tools/setup.ps1", "data.bin")
        try repo.commitAll("remove them")

        let result = try SecretScanner().scanHistory(in: repo.path)
        let found = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.file, ($0.secret, $0.commit?.id)) })
        #expect(found.count == 3, "\(result.findings)")
        #expect(found["tools/setup.ps1"]?.0 == psKey)
        #expect(found["tools/setup.ps1"]?.1 == added)
        #expect(found["data.bin"]?.0 == binKey)
        #expect(found["backup.tar.gz!.aws/credentials"]?.0 == tarKey)
        #expect(found["backup.tar.gz!.aws/credentials"]?.1 == archived)
        #expect(result.findings.first { $0.file == "tools/setup.ps1" }?.line == 1)
    }
}
