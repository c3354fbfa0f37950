@testable import CredKitScan
import Foundation
import Testing

/// Merges in `--history`, with real git: what a merge resolves is its own content.
@Suite struct HistoryMergeTests {
    /// A repository with `conf.txt` on main and two branches that change it differently.
    private func conflicting() throws -> GitRepository {
        let repo = try GitRepository()
        try repo.write("conf.txt", "region = eu-west-1\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("conf.txt", "region = us-east-1\n")
        try repo.commitAll("feature region")
        try repo.git("checkout", "-q", "main")
        try repo.write("conf.txt", "region = ap-south-1\n")
        try repo.commitAll("main region")
        return repo
    }

    @Test("a key added only while resolving a merge conflict is reported for the merge commit")
    func keyInConflictResolution() throws {
        let repo = try conflicting()
        defer { repo.remove() }
        #expect(throws: GitFailure.self) { try repo.git("merge", "-q", "--no-edit", "feature") }
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        try repo.write("conf.txt", "region = us-east-1\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\n")
        let merge = try repo.commitAll("merge feature")
        #expect(try repo.git("rev-list", "--parents", "-n", "1", "HEAD").split(separator: " ").count == 3)
        let result = try SecretScanner().scanHistory(in: repo.path)
        #expect(result.commitsScanned == 4)
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.secret == key)
        #expect(finding.pairedSecret?.secret == secret)
        #expect(finding.commit?.id == merge)
        #expect(finding.file == "conf.txt")
        #expect(finding.line == 2)
    }

    @Test("a new file slipped into a clean merge is the merge's own")
    func keyInEvilMerge() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "a\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.write("b.txt", "b\n")
        try repo.commitAll("side")
        try repo.git("checkout", "-q", "main")
        try repo.write("c.txt", "c\n")
        try repo.commitAll("main")
        try repo.git("merge", "-q", "--no-commit", "side")
        let key = KeyFactory.keyID()
        try repo.write("deploy/key.txt", "\(key)\n")
        let merge = try repo.commitAll("merge side")
        let findings = try SecretScanner().scanHistory(in: repo.path).findings
        #expect(findings.map(\.secret) == [key])
        #expect(findings.first?.commit?.id == merge)
        #expect(findings.first?.file == "deploy/key.txt")
    }

    @Test("an octopus merge: its own key is found, its branches' keys once each for their commits")
    func octopus() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "a\n")
        try repo.commitAll("base")
        var added: [String: String] = [:]
        for branch in ["one", "two", "three"] {
            try repo.git("checkout", "-q", "-b", branch, "main")
            let key = KeyFactory.keyID()
            try repo.write("\(branch).txt", "\(key)\n")
            added[key] = try repo.commitAll(branch)
        }
        try repo.git("checkout", "-q", "main")
        try repo.write("main.txt", "main\n")
        try repo.commitAll("main moves on")
        try repo.git("merge", "-q", "--no-commit", "one", "two", "three")
        let own = KeyFactory.keyID()
        try repo.write("a.txt", "a\nkey = \(own)\n")
        let merge = try repo.commitAll("octopus")
        #expect(try repo.git("rev-list", "--parents", "-n", "1", "HEAD").split(separator: " ").count == 5)
        added[own] = merge
        let findings = try SecretScanner().scanHistory(in: repo.path).findings
        #expect(findings.count == 4)
        #expect(Dictionary(uniqueKeysWithValues: findings.map { ($0.secret, $0.commit?.id ?? "") }) == added)
    }

    @Test("a key from a branch is reported once, for the commit that added it, also when the merge edits its file")
    func branchKeyReportedOnce() throws {
        let repo = try conflicting()
        defer { repo.remove() }
        try repo.git("checkout", "-q", "feature")
        let key = KeyFactory.keyID()
        try repo.write("conf.txt", "region = us-east-1\nkey = \(key)\n")
        let added = try repo.commitAll("feature key")
        try repo.git("checkout", "-q", "main")
        #expect(throws: GitFailure.self) { try repo.git("merge", "-q", "--no-edit", "feature") }
        try repo.write("conf.txt", "region = ap-south-1\nkey = \(key)\n")
        try repo.commitAll("merge feature")
        let findings = try SecretScanner().scanHistory(in: repo.path).findings
        #expect(findings.map(\.secret) == [key])
        #expect(findings.first?.commit?.id == added)
    }

    @Test("an edit or a rename that keeps a key does not report it again; removing and adding it back does")
    func keptKeys() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = KeyFactory.keyID()
        try repo.write("one.txt", "x\n\(key)\n")
        let first = try repo.commitAll("add")
        try repo.write("one.txt", "y\nz\n\(key)\n")
        try repo.commitAll("edit around it")
        try repo.git("mv", "one.txt", "two.txt")
        try repo.commitAll("rename")
        try repo.write("two.txt", "y\nz\n")
        try repo.commitAll("remove")
        try repo.write("two.txt", "\(key)\ny\nz\n")
        let again = try repo.commitAll("add back")
        let findings = try SecretScanner().scanHistory(in: repo.path).findings
        #expect(findings.map(\.commit?.id) == [again, first])
        #expect(findings.map(\.line) == [1, 2])
        // --since: the path's earlier blob lies outside the range and is still compared.
        try repo.write("two.txt", "\(key)\ny\nz\nw\n")
        let since = try repo.commitAll("edit again")
        #expect(try SecretScanner().scanHistory(in: repo.path, since: "HEAD~1").findings.isEmpty)
        _ = since
    }

    @Test("allow comments and allowlisted paths still apply to what history reports")
    func allowances() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let allowed = KeyFactory.keyID(), inFixtures = KeyFactory.keyID(), reported = KeyFactory.keyID()
        try repo.write("app.py", "a = '\(allowed)'  # credkit:allow\nb = '\(reported)'\n")
        try repo.write("fixtures/keys.txt", "\(inFixtures)\n")
        try repo.commitAll("keys")
        let settings = ScanConfiguration(allowedPaths: [try PathGlob("fixtures/**")], directory: repo.path)
        let findings = try SecretScanner(configuration: settings).scanHistory(in: repo.path).findings
        #expect(findings.map(\.secret) == [reported])
    }
}
