@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

@Suite struct ConfigurationTests {
    @Test("a full configuration is read")
    func reads() throws {
        let allowed = KeyFactory.keyID()
        let text = """
        # credkit settings
        [allow]
        paths = [
          "Vectors/scan/**",   # fixtures
          "*.pem",
        ]
        values = ["\(allowed)"]
        patterns = ['^AKIA2TEST', "x\\\\d+"]

        [rules]
        enable = ["aws-unique-id"]
        disable = ['aws-session-token']

        [scan]
        baseline = ".credkit-baseline.json"
        """
        let settings = try ScanConfiguration.parse(text)
        #expect(settings.allowedPaths.map(\.pattern) == ["Vectors/scan/**", "*.pem"])
        #expect(settings.allowedValues == [allowed])
        #expect(settings.allowedPatterns == ["^AKIA2TEST", "x\\d+"])
        #expect(settings.activeRules().map(\.id) == [
            "aws-access-key-id", "aws-unique-id", "aws-secret-access-key", "aws-bedrock-api-key",
            "aws-bedrock-short-term-api-key",
        ])
        #expect(settings.baseline == ".credkit-baseline.json")
    }

    @Test("mistakes are errors naming the file, line and column", arguments: [
        ("[allow]\npaths = \"x\"\n", "cfg:2:9: 'allow.paths' must be an array of strings"),
        ("[allow]\npath = []\n", "cfg:2:1: unknown key 'allow.path'"),
        ("[alow]\n", "cfg:1:1: unknown setting 'alow'"),
        ("[rules]\nenable = [\"aws-nope\"]\n", "cfg:2:10: unknown rule 'aws-nope'"),
        ("[allow]\npatterns = ['(unclosed']\n", "cfg:2:12: invalid regular expression '(unclosed'"),
        ("[allow]\npaths = [\"a\" \"b\"]\n", "cfg:2:14: expected ',' or ']' in the array, found '\"'"),
        ("[allow]\npaths = [\"a\",\n", "cfg:2:9: array opened here is not closed"),
        ("[allow]\nvalues = [\"abc]\n", "cfg:2:11: string is not closed"),
        ("[allow]\nvalues = [\"a\\qb\"]\n", "cfg:2:13: invalid escape '\\q'"),
        ("[allow]\n[allow]\n", "cfg:2:1: table [allow] is defined twice"),
        ("[scan]\nbaseline = \"a\"\nbaseline = \"b\"\n", "cfg:3:1: key 'baseline' is defined twice"),
        ("[scan]\nbaseline = 1.5\n", "cfg:2:12: '1.5' is not a value credkit understands"),
        ("[scan]\nbaseline = x = 2\n", "cfg:2:12: 'x' is not a value"),
        ("[scan] junk\n", "cfg:1:8: unexpected 'j' after the value"),
        ("[scan]\nbaseline = {a = 1}\n", "cfg:2:12: inline tables are not supported"),
        ("= 3\n", "cfg:1:1: expected a key, found '='"),
    ])
    func errors(text: String, message: String) {
        do {
            _ = try ScanConfiguration.parse(text, file: "cfg")
            Issue.record("no error for \(text.debugDescription)")
        } catch let error as ScanError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.reason.hasPrefix(message), "got: \(error.reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Documents in the subset: the parser must read them as Python's tomllib does.
    static let documents = [
        "a = 1\nb = -20\nc = +3\nd = 1_000\n",
        "s = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600\"\nl = 'C:\\path\\[x]'\n",
        "[t]\nx = true\ny = false\n[t.sub]\nz = [1, 2, 3]\n",
        "[[rule]]\nid = \"a\"\n[[rule]]\nid = \"b\"\nk = [\"x\", 'y',]\n",
        "a.b.c = 1\na.b.d = \"x\"\n[e]\nf.g = []\n",
        "# only a comment\n\n   \n",
        "\"quoted key\" = 1\n'lit key' = [ [1, 2], [\"a\"] ]  # trailing comment\n",
        "[x.y]\n[x]\nz = 1\n",
        "key = \"value\"\r\nother = 'v'\r\n",
        "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n",
    ]

    @Test("the parser agrees with Python's tomllib", arguments: documents)
    func agreesWithTomllib(document: String) throws {
        let script = "import sys, tomllib, json; print(json.dumps(tomllib.loads(sys.stdin.read()), sort_keys=True))"
        let result = try ProcessRunner.run("python3", ["-c", script], stdin: Data(document.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary
        let ours = Self.plain(.table(try TOMLParser.parse(document, file: "t"))) as? NSDictionary
        #expect(ours == expected)
    }

    @Test("what tomllib rejects, we reject", arguments: [
        "a = 1\na = 2\n", "a = \"x\n", "[a]\nb = 1\n[a]\n", "a = [1,,2]\n", "a = 01\n", "a.b = 1\na = 2\n", "a = 1 b = 2\n",
        "a = []\n[[a]]\n", "a.b = 1\n[a.b]\n", "[a]\nb.c = 1\n[a.b]\n", "a = +_1\n", "a = 1 # \u{7F}\n",
    ])
    func rejectsInvalid(document: String) throws {
        let script = "import sys, tomllib\ntry:\n  tomllib.loads(sys.stdin.read()); print('ok')\nexcept Exception: print('error')"
        let result = try ProcessRunner.run("python3", ["-c", script], stdin: Data(document.utf8))
        #expect(result.stdout.hasPrefix("error"))
        #expect(throws: ScanError.self) { try TOMLParser.parse(document, file: "t") }
    }

    static func plain(_ value: TOMLValue) -> Any {
        switch value {
        case .string(let s): s
        case .integer(let i): i
        case .boolean(let b): b
        case .array(let items): items.map(plain)
        case .table(let table): Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, plain($0.value)) }) as NSDictionary
        }
    }

    @Test("configured values and patterns allow findings; the rule's own allowlist stays")
    func valueAllowlists() throws {
        let allowed = KeyFactory.keyID(), pattern = "AKIA2TEST" + KeyFactory.random(KeyFactory.base32, count: 11)
        let reported = KeyFactory.keyID()
        let settings = try ScanConfiguration.parse("[allow]\nvalues = [\"\(allowed)\"]\npatterns = ['^AKIA2TEST']\n")
        let findings = SecretScanner(configuration: settings).scan(text: "\(allowed)\n\(pattern)\n\(reported)\nAKIAIOSFODNN7EXAMPLE\n")
        #expect(findings.map(\.secret) == [reported])
    }

    @Test("an inline credkit:allow comment allows the line only")
    func inlineAllow() {
        let a = KeyFactory.keyID(), b = KeyFactory.keyID()
        let findings = SecretScanner().scan(text: "x = '\(a)'  # credkit:allow\ny = '\(b)'\n")
        #expect(findings.map(\.secret) == [b])
    }

    @Test("issue 13: credkit:allow on a key ID's line covers the secret and token paired with it")
    func allowCoversPairedSecret() {
        let key = KeyFactory.keyID(), temporary = KeyFactory.keyID("ASIA"), other = KeyFactory.keyID()
        let text = """
        aws_access_key_id = \(key)  # credkit:allow
        aws_secret_access_key = \(KeyFactory.secret())

        aws_access_key_id = \(temporary)  # credkit:allow
        aws_secret_access_key = \(KeyFactory.secret())
        aws_session_token = \(KeyFactory.sessionToken())








        aws_access_key_id = \(other)
        aws_secret_access_key = \(KeyFactory.secret())

        """
        let findings = SecretScanner().scan(text: text)
        #expect(findings.map(\.secret) == [other])
        #expect(findings.first?.pairedSecret != nil)
    }
}
