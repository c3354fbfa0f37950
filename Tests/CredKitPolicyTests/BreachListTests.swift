import CredKitCrypto
import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

/// A Have I Been Pwned-style list generated per test: sorted uppercase `SHA1:COUNT` lines.
@Suite("Breach list")
struct BreachListTests {
    static let password = "Password123!"

    /// SHA-1 of a password, computed by sha1sum rather than CredKitCrypto.
    static func peerSHA1(_ text: String) throws -> String {
        let result = try ProcessRunner.run("sha1sum", stdin: Data(text.utf8))
        return String(result.stdout.prefix(40)).uppercased()
    }

    /// Looks a password up through CredKitCrypto's SHA-1.
    static func lookUp(_ password: String, in list: BreachList) throws -> Int? {
        try Array(password.utf8).withUnsafeBytes { bytes throws -> Int? in try list.count(forPassword: bytes) }
    }

    static func randomHash() -> String {
        (0..<20).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined()
    }

    /// Writes lines to a file in `dir` and returns its path.
    static func write(_ text: String, in dir: TemporaryDirectory, name: String = "pwned.txt") throws -> String {
        let path = dir.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A sorted list of `count` random entries plus the test password's, with counts.
    static func generated(_ count: Int, including extra: [String: Int] = [:]) -> [(String, Int)] {
        var entries: [String: Int] = extra
        while entries.count < count + extra.count { entries[randomHash()] = Int.random(in: 1...5_000_000) }
        return entries.sorted { $0.key < $1.key }
    }

    @Test func everyEntryIsFoundAndRandomHashesMiss() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let hash = try Self.peerSHA1(Self.password)
        let entries = Self.generated(5000, including: [hash: 52_256])
        let path = try Self.write(entries.map { "\($0.0):\($0.1)\r\n" }.joined(), in: dir)
        let list = try BreachList(path: path)
        for (hex, count) in entries {
            #expect(try list.count(forSHA1: try #require(Hex.decode(hex))) == count, "\(hex)")
        }
        let listed = Set(entries.map(\.0))
        for _ in 0..<2000 {
            let probe = Self.randomHash()
            guard !listed.contains(probe) else { continue }
            #expect(try list.count(forSHA1: try #require(Hex.decode(probe))) == nil)
        }
        // Below the first and above the last entry.
        #expect(try list.count(forSHA1: [UInt8](repeating: 0, count: 20)) == nil || entries[0].0 == String(repeating: "0", count: 40))
        #expect(try list.count(forSHA1: [UInt8](repeating: 0xFF, count: 20)) == nil)
        #expect(try Self.lookUp(Self.password, in: list) == 52_256)
        #expect(try Self.lookUp("not in the list, surely", in: list) == nil)
        #expect(try list.verify() == entries.count)
    }

    @Test func firstAndLastLinesAreFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = String(repeating: "0", count: 40), last = String(repeating: "F", count: 40)
        let entries = [(first, 7)] + Self.generated(300).filter { $0.0 != first && $0.0 != last } + [(last, 9)]
        for ending in ["\n", "\r\n", ""] {
            let text = entries.map { "\($0.0):\($0.1)" }.joined(separator: "\n") + ending
            let list = try BreachList(path: try Self.write(text, in: dir))
            #expect(try list.count(forSHA1: [UInt8](repeating: 0, count: 20)) == 7, "ending \(ending.debugDescription)")
            #expect(try list.count(forSHA1: [UInt8](repeating: 0xFF, count: 20)) == 9, "ending \(ending.debugDescription)")
        }
    }

    @Test func singleLineAndLowercaseHex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let hash = try Self.peerSHA1("hunter2")
        let list = try BreachList(path: try Self.write("\(hash.lowercased()):17\n", in: dir))
        #expect(try Self.lookUp("hunter2", in: list) == 17)
        #expect(try Self.lookUp("hunter3", in: list) == nil)
    }

    @Test func emptyFileFindsNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let list = try BreachList(path: try Self.write("", in: dir))
        #expect(list.isEmpty)
        #expect(try Self.lookUp(Self.password, in: list) == nil)
        #expect(try list.verify() == 0)
    }

    @Test func missingFileIsNamed() {
        let error = #expect(throws: PolicyError.self) { try BreachList(path: "/nonexistent/pwned.txt") }
        #expect(error?.code == .unreadableFile)
        #expect(error?.reason.contains("/nonexistent/pwned.txt") == true)
    }

    @Test(arguments: [
        ("ZZ", 1, "line too short"),
        ("\(String(repeating: "G", count: 40)):3", 1, "hash field: character 1 is not a hex digit"),
        ("\(String(repeating: "0", count: 40));3", 1, "no colon"),
        ("\(String(repeating: "0", count: 40)):x3", 1, "count field is not a number"),
    ])
    func malformedFirstLineIsRefusedOnOpen(_ line: String, _ number: Int, _ message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = line + "\n" + String(repeating: "F", count: 40) + ":1\n"
        let path = try Self.write(text, in: dir)
        let error = #expect(throws: PolicyError.self) { try BreachList(path: path) }
        #expect(error?.code == .invalidBreachList)
        #expect(error?.reason.contains("\(path): line \(number): \(message)") == true, "\(error?.reason ?? "")")
    }

    @Test func malformedLastLineIsRefusedOnOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let entries = Self.generated(40)
        let text = entries.map { "\($0.0):\($0.1)\n" }.joined() + "FFFF:12\n"
        let path = try Self.write(text, in: dir)
        let error = #expect(throws: PolicyError.self) { try BreachList(path: path) }
        #expect(error?.reason.contains("line 41: line too short") == true, "\(error?.reason ?? "")")
    }

    @Test func malformedLineMetDuringSearchIsNamed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let low = String(repeating: "1", count: 40), high = String(repeating: "E", count: 40)
        // Line 2 sits where every search starts.
        let path = try Self.write("\(low):1\n\(String(repeating: "7", count: 39))X:5\n\(high):2\n", in: dir)
        let list = try BreachList(path: path)
        let error = #expect(throws: PolicyError.self) { try list.count(forSHA1: [UInt8](repeating: 0x77, count: 20)) }
        #expect(error?.reason.contains("\(path): line 2: hash field: character 40 is not a hex digit") == true,
                "\(error?.reason ?? "")")
    }

    @Test func verifyFindsBadLinesAndDisorderAnywhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var entries = Self.generated(100).map { "\($0.0):\($0.1)" }
        var broken = entries
        broken[56] = "not a hash at all, but long enough to reach forty-two bytes"
        let badLine = try BreachList(path: try Self.write(broken.joined(separator: "\n") + "\n", in: dir, name: "bad.txt"))
        let lineError = #expect(throws: PolicyError.self) { try badLine.verify() }
        #expect(lineError?.reason.contains("line 57: hash field") == true, "\(lineError?.reason ?? "")")

        entries.swapAt(10, 11)
        let unsorted = try BreachList(path: try Self.write(entries.joined(separator: "\n") + "\n", in: dir, name: "unsorted.txt"))
        let orderError = #expect(throws: PolicyError.self) { try unsorted.verify() }
        #expect(orderError?.reason.contains("line 12: hash is not after line 11's") == true, "\(orderError?.reason ?? "")")
    }
}
