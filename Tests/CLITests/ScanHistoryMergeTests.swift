import CredKitTestSupport
import Foundation
import Testing

/// `credkit scan --history` on a merge that resolves a conflict with a key: exit 1, the finding
/// names the merge commit, the value stays redacted.
@Suite struct ScanHistoryMergeTests {
    @Test("a key typed in while resolving a conflict is reported for the merge commit")
    func conflictResolution() throws {
        let repo = try ScanFixtures.repository("credkit-cli-merge")
        defer { repo.remove() }
        let key = ScanFixtures.keyID()
        let file = repo.url.appendingPathComponent("conf.txt")
        try ScanFixtures.write("region = eu-west-1\n", to: file)
        try ScanFixtures.shell("git add -A && git commit -qm base && git checkout -qb side", in: repo.url)
        try ScanFixtures.write("region = us-east-1\n", to: file)
        try ScanFixtures.shell("git commit -qam side && git checkout -q main", in: repo.url)
        try ScanFixtures.write("region = ap-south-1\n", to: file)
        try ScanFixtures.shell("git commit -qam main && (git merge -q side || true)", in: repo.url)
        try ScanFixtures.write("region = us-east-1\nkey = \(key)\n", to: file)
        try ScanFixtures.shell("git add conf.txt && git commit -qm merge", in: repo.url)
        let merge = try ScanFixtures.shell("git rev-parse HEAD", in: repo.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let json = try ProcessRunner.credkit(["scan", "--history", "--format", "json"], currentDirectory: repo.url)
        #expect(json.status == 1)
        let objects = try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]]
        #expect(objects?.count == 1)
        #expect(objects?.first?["commit"] as? String == merge)
        #expect(objects?.first?["line"] as? Int == 2)
        let text = try ProcessRunner.credkit(["scan", "--history"], currentDirectory: repo.url)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("conf.txt:2:7:"), "\(text.stdout)")
        #expect(!text.stdout.contains(key))
        #expect(try ProcessRunner.credkit(["scan", "--history", "--branch", "side"], currentDirectory: repo.url).status == 0)
    }
}
