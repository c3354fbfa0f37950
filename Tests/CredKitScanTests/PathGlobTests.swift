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
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(PathGlob(pattern).matches(path) == expected)
    }
}
