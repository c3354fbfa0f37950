import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

/// The fixtures in Vectors/scan/corpus against the findings Vectors/scan/generate.py expects,
/// with accounts decoded by the generator itself.
@Suite struct CorpusTests {
    struct Expected: Decodable, Equatable {
        let file: String
        let rule: String
        let line: Int
        let column: Int
        let account: String?
        let secretLine: Int?
        let tokenLine: Int?
    }

    @Test("the corpus gives exactly the expected findings")
    func corpus() throws {
        let expected = try Fixtures.load([Expected].self, "scan/expected.json")
        let folder = Fixtures.vectors.appendingPathComponent("scan/corpus").path
        let result = try SecretScanner().scan(paths: [folder], respectIgnore: false)
        let found = result.findings.map {
            Expected(file: ($0.file as NSString).lastPathComponent, rule: $0.ruleID, line: $0.line, column: $0.column,
                     account: $0.account, secretLine: $0.pairedSecret?.line, tokenLine: $0.sessionToken?.line)
        }
        #expect(found == expected)
        #expect(result.filesScanned == 6)
        #expect(result.warnings.isEmpty)
    }

    @Test("the repository's own .credkit.toml allows the corpus by path, and only by path")
    func allowedByProjectConfiguration() throws {
        var settings = try ScanConfiguration.load(file: Fixtures.packageRoot.appendingPathComponent(".credkit.toml").path)
        let folder = Fixtures.vectors.appendingPathComponent("scan/corpus").path
        #expect(try SecretScanner(configuration: settings).scan(paths: [folder]).findings.isEmpty)
        // The same files outside the allowed folder are reported: the rules are not weakened.
        settings.directory = "/nonexistent-root"
        #expect(!(try SecretScanner(configuration: settings).scan(paths: [folder]).findings.isEmpty))
    }
}
