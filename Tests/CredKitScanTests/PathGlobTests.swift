import CredKitScan
import Testing

@Suite struct PathGlobTests {
    @Test("globs match like gitignore patterns", arguments: [
        ("Vectors/scan/**", "Vectors/scan/a.txt", true),
        ("Vectors/scan/**", "Vectors/scan/deep/er/a.txt", true),
        ("Vectors/scan/**", "Vectors/scanner/a.txt", false),
        ("Vectors/scan", "Vectors/scan/a/b.txt", true),
        ("/Vectors/scan/", "Vectors/scan/a.txt", true),
        ("*.pem", "keys/deep/server.pem", true),
        ("*.pem", "server.pem.txt", false),
        ("src/*.txt", "src/a.txt", true),
        ("src/*.txt", "src/sub/a.txt", false),
        ("src/**/*.txt", "src/a.txt", true),
        ("src/**/*.txt", "src/x/y/a.txt", true),
        ("**/fixtures", "a/b/fixtures/c.json", true),
        ("**/fixtures", "a/b/fixtures2/c.json", false),
        ("test?.cfg", "test1.cfg", true),
        ("test?.cfg", "test12.cfg", false),
        ("[abc]*.txt", "b-file.txt", true),
        ("[!abc]*.txt", "b-file.txt", false),
        ("[a-c]x", "bx", true),
        ("\\*literal", "*literal", true),
        ("\\*literal", "xliteral", false),
        ("docs", "docs/readme.md", true),
        ("docs", "src/docs/readme.md", true),
        ("docs", "documentation/readme.md", false),
        ("with space/*", "with space/a b", true),
        ("[unclosed", "[unclosed", true),
        ("*", "", false),
        ("a/[/]b", "a//b", false),
        ("a**b", "a/x/b", true),
        ("*a*a*a*a*a*a*a*a*a*a*a*ab", String(repeating: "a", count: 60) + "b", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        #expect(try PathGlob(pattern).matches(path) == expected)
    }

    @Test("the automaton answers as the old recursive matcher did, on random small cases")
    func agreesWithRecursiveMatcher() throws {
        var random = SplitMix(seed: 12)
        let patternBytes = Array("ab/*?[]!-\\".utf8)
        let pathBytes = Array("ab/-*".utf8)
        for _ in 0..<20_000 {
            let pattern = String(decoding: (0..<random.below(9)).map { _ in patternBytes[random.below(patternBytes.count)] }, as: UTF8.self)
            let path = String(decoding: (0..<random.below(9)).map { _ in pathBytes[random.below(pathBytes.count)] }, as: UTF8.self)
            #expect(try PathGlob(pattern).matches(path) == RecursiveGlobReference.matches(pattern, path),
                    "pattern '\(pattern)' path '\(path)'")
        }
    }

    // Regression: `[allow] paths = ["*a*a*a*a*a*a*a*a*a*a*a*ab"]` took over a minute per path
    // (each `*` retried every split), and 2,000 stars in a row never finished.
    @Test func starsAgainstALongPathFinishQuickly() throws {
        let path = String(repeating: "a", count: 10_000)
        let forty = try PathGlob(String(repeating: "*a", count: 40) + "b")
        #expect(!forty.matches(path))
        #expect(forty.matches(path + "b"))
        let run = try PathGlob(String(repeating: "*", count: 2_000) + "b")
        #expect(!run.matches(path))
        #expect(run.matches("dir/" + path + "b"))
        let segments = try PathGlob(String(repeating: "**/a", count: 200) + "/b")
        #expect(!segments.matches(String(repeating: "a/", count: 5_000)))
    }

    @Test func patternAtTheLengthLimitIsAccepted() throws {
        let pattern = String(repeating: "*", count: PathGlob.maximumPatternLength - 1) + "b"
        let glob = try PathGlob(pattern)
        #expect(glob.matches("x/ab"))
        #expect(glob.matches("x/ab/c.txt"))
        #expect(!glob.matches("x/ba/c.txt"))
    }

    @Test func patternPastTheLengthLimitIsAnErrorNamingTheLimit() {
        let pattern = String(repeating: "*", count: PathGlob.maximumPatternLength + 1)
        #expect {
            _ = try PathGlob(pattern)
        } throws: { error in
            let reason = String(describing: error)
            return reason.contains("maximumPatternLength") && reason.contains("\(PathGlob.maximumPatternLength)")
                && reason.contains("\(PathGlob.maximumPatternLength + 1) bytes")
        }
    }
}

/// A small seeded generator, so a failing random case can be replayed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@Suite struct PathGlobConfigurationTests {
    @Test func overlongAllowPathInAConfigurationIsAnError() {
        let text = "[allow]\npaths = [\"\(String(repeating: "a", count: PathGlob.maximumPatternLength + 1))\"]\n"
        #expect {
            _ = try ScanConfiguration.parse(text, file: "cfg")
        } throws: { error in
            String(describing: error).contains("maximumPatternLength") && String(describing: error).hasPrefix("cfg:2:")
        }
    }
}
