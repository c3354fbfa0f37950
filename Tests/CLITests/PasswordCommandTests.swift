import CredKitTestSupport
import Foundation
import Testing

/// Runs `credkit password check`: passwords only on standard input, never echoed.
@Suite("credkit password")
struct PasswordCommandTests {
    static let weak = "Password123!"
    static let strong = "tundra-Mosaic-lantern-quiver-7"

    static func sha1(_ text: String) throws -> String {
        let result = try ProcessRunner.run("sha1sum", stdin: Data(text.utf8))
        return String(result.stdout.prefix(40)).uppercased()
    }

    /// A sorted HIBP-style file holding `entries` and some random filler.
    static func breachFile(_ dir: TemporaryDirectory, _ entries: [String: Int]) throws -> String {
        var all = entries
        while all.count < entries.count + 500 {
            all[(0..<20).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined()] = Int.random(in: 1...99)
        }
        let path = dir.path("pwned-\(UUID().uuidString).txt")
        try Data(all.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)\r\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func weakPasswordFailsAndIsNeverEchoed() throws {
        let result = try ProcessRunner.credkit(["password", "check"], stdin: "\(Self.weak)\n\(Self.strong)\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("line 1: FAIL"))
        #expect(result.stdout.contains("zxcvbn score 0 is below the minimum 3") || result.stdout.contains("score 1 is below"))
        #expect(result.stdout.contains("line 2: PASS"))
        #expect(result.stdout.contains("1 of 2 passwords failed"))
        for secret in [Self.weak, Self.strong, "Password", "tundra"] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    @Test func allStrongPasswordsExitZero() throws {
        let result = try ProcessRunner.credkit(["password", "check"], stdin: "\(Self.strong)\r\nxK9#mQ2$vL7@nR4!wT5&\r\n")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 of 2 passwords failed"))
    }

    @Test func policyFileAndMinimumScore() throws {
        let cis = Fixtures.vectors.appendingPathComponent("policy/policies/cis-compliant.json").path
        // Strong but without digits or uppercase: CIS-style composition rules refuse it.
        let result = try ProcessRunner.credkit(["password", "check", "--policy", cis], stdin: "tundra-mosaic-lantern-quiver\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("policy: no uppercase letter (RequireUppercaseCharacters)"))
        #expect(result.stdout.contains("policy: no number (RequireNumbers)"))
        let lenient = try ProcessRunner.credkit(["password", "check", "--min-score", "0"], stdin: "\(Self.weak)\n")
        #expect(lenient.status == 0, "\(lenient.stdout)")
    }

    @Test func breachListHitsAndMisses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Self.breachFile(dir, [try Self.sha1(Self.strong): 1234])
        let result = try ProcessRunner.credkit(["password", "check", "--breach-file", path, "--verify-breach-file"],
                                               stdin: "\(Self.strong)\nxK9#mQ2$vL7@nR4!wT5&\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("line 1: FAIL"))
        #expect(result.stdout.contains("breached (seen 1234 times)"))
        #expect(result.stdout.contains("line 2: PASS"))
        #expect(result.stdout.contains("not in breach list"))
    }

    @Test func malformedBreachFileNamesFileAndLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("bad.txt")
        let text = "\(String(repeating: "0", count: 40)):1\n\(String(repeating: "7", count: 40))-5\n\(String(repeating: "F", count: 40)):2\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.credkit(["password", "check", "--breach-file", path], stdin: "\(Self.strong)\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path): line 2: no colon"), "\(result.stderr)")
        let unsorted = dir.path("unsorted.txt")
        let lines = "\(String(repeating: "F", count: 40)):1\n\(String(repeating: "0", count: 40)):1\n\(String(repeating: "F", count: 40)):3\n"
        try Data(lines.utf8).write(to: URL(fileURLWithPath: unsorted))
        let verify = try ProcessRunner.credkit(["password", "check", "--breach-file", unsorted, "--verify-breach-file"], stdin: "x\n")
        #expect(verify.status == 2)
        #expect(verify.stderr.contains("line 2: hash is not after line 1's"), "\(verify.stderr)")
    }

    @Test func jsonReport() throws {
        let result = try ProcessRunner.credkit(["password", "check", "--format", "json", "--user-input", "zorblax", "acme"],
                                               stdin: "Zorblax2025!\n\(Self.strong)\n")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let passwords = try #require(object["passwords"] as? [[String: Any]])
        #expect(passwords.count == 2)
        #expect(passwords[0]["line"] as? Int == 1 && passwords[0]["passed"] as? Bool == false)
        #expect(passwords[1]["passed"] as? Bool == true)
        #expect(object["failed"] as? Int == 1)
        #expect(!result.stdout.contains("Zorblax2025"))
    }

    @Test func userInputLowersTheScore() throws {
        let plain = try ProcessRunner.credkit(["password", "check", "--format", "json"], stdin: "Zorblax2025!\n")
        let personal = try ProcessRunner.credkit(["password", "check", "--format", "json", "--user-input", "zorblax"], stdin: "Zorblax2025!\n")
        func bits(_ text: String) throws -> Double {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let first = try #require((object["passwords"] as? [[String: Any]])?.first)
            return try #require(first["bits"] as? Double)
        }
        #expect(try bits(personal.stdout) < bits(plain.stdout))
    }

    @Test(arguments: [
        (["password", "check"], "", "no passwords on standard input"),
        (["password", "check"], "ok-password-1\nab\u{0}cd\n", "standard input line 2: contains a NUL byte"),
        (["password", "check"], String(repeating: "a", count: 5000) + "\n", "line 1: longer than 4096 bytes"),
        (["password", "check", "--min-score", "5"], "x\n", "--min-score must be from 0 to 4"),
        (["password", "check", "--verify-breach-file"], "x\n", "needs --breach-file"),
        (["password", "check", "--policy", "-"], "x\n", "cannot be standard input"),
        (["password", "check", "--breach-file", "/nonexistent/pwned.txt"], "x\n", "/nonexistent/pwned.txt"),
        (["password", "check", "Password123!"], "", "Unexpected argument"),
    ])
    func badInputExitsTwo(_ arguments: [String], _ stdin: String, _ message: String) throws {
        let result = try ProcessRunner.credkit(arguments, stdin: stdin)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("ok-password-1"))
    }

    @Test func emptyBreachFileWarns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("empty.txt")
        try Data().write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.credkit(["password", "check", "--breach-file", path], stdin: "\(Self.strong)\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("is empty"))
        #expect(result.stdout.contains("not in breach list"))
    }
}
