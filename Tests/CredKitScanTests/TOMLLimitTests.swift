@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

/// The limits that keep a hostile `.credkit.toml` from crashing or stalling everyone's hook:
/// each at the limit and one past it, and the inputs of issue 12 that overflowed the stack.
@Suite struct TOMLLimitTests {
    static let depth = TOMLParser.maximumNestingDepth
    static let parts = TOMLParser.maximumKeyParts

    static func nestedArrays(_ depth: Int) -> String {
        "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    }

    static func key(_ count: Int) -> String { Array(repeating: "a", count: count).joined(separator: ".") }

    func rejects(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try TOMLParser.parse(text, file: "cfg")
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as ScanError {
            #expect(error.code == .invalidConfiguration, sourceLocation: sourceLocation)
            #expect(error.reason.hasPrefix(message), "got: \(error.reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("arrays nest up to maximumNestingDepth")
    func arrayDepth() throws {
        var value = try #require(try TOMLParser.parse(Self.nestedArrays(Self.depth), file: "cfg")["a"]?.value)
        for _ in 1..<Self.depth {
            guard case .array(let items) = value, let inner = items.first else { Issue.record("not nested"); return }
            value = inner
        }
        #expect(value == .array([]))
        // The error points at the bracket one past the limit.
        rejects(Self.nestedArrays(Self.depth + 1), "cfg:1:\(5 + Self.depth): arrays are nested more than 64 deep (maximumNestingDepth)")
    }

    @Test("a table header has up to maximumKeyParts parts")
    func headerParts() throws {
        let table = try TOMLParser.parse("[\(Self.key(Self.parts))]\n", file: "cfg")
        #expect(table["a"] != nil)
        rejects("[\(Self.key(Self.parts + 1))]\n", "cfg:1:\(2 + 2 * Self.parts): key has more than 64 parts (maximumKeyParts)")
        rejects("[[\(Self.key(Self.parts + 1))]]\n", "cfg:1:\(3 + 2 * Self.parts): key has more than 64 parts (maximumKeyParts)")
    }

    @Test("a dotted key has up to maximumKeyParts parts, counting its table header's")
    func dottedKeyParts() throws {
        _ = try TOMLParser.parse("\(Self.key(Self.parts)) = 1\n", file: "cfg")
        rejects("\(Self.key(Self.parts + 1)) = 1\n", "cfg:1:\(1 + 2 * Self.parts): key has more than 64 parts (maximumKeyParts)")
        let half = Self.parts / 2
        _ = try TOMLParser.parse("[\(Self.key(half))]\n\(Self.key(Self.parts - half)) = 1\n", file: "cfg")
        rejects("[\(Self.key(half))]\n\(Self.key(Self.parts - half + 1)) = 1\n",
                "cfg:2:\(1 + 2 * (Self.parts - half)): key has more than 64 parts, counting the 32 of its table header (maximumKeyParts)")
    }

    // Issue 12: each of these overflowed the stack and killed the hook with a signal.

    @Test("issue 12: 30,000 nested arrays are an error, not a stack overflow")
    func issue12NestedArrays() {
        rejects(Self.nestedArrays(30_000), "cfg:1:69: arrays are nested more than 64 deep")
    }

    @Test("issue 12: a table header of 30,000 parts is an error, not a stack overflow")
    func issue12DeepHeader() {
        rejects("[\(Self.key(30_000))]\n", "cfg:1:130: key has more than 64 parts")
        rejects("[[\(Self.key(100_000))]]\n", "cfg:1:131: key has more than 64 parts")
    }

    @Test("issue 12: a dotted key of 100,000 parts is an error, not a stack overflow")
    func issue12DottedKey() {
        rejects("\(Self.key(100_000)) = 1\n", "cfg:1:129: key has more than 64 parts")
    }

    @Test("issue 12: a deep .credkit.toml found at the repository root is an error")
    func issue12Discovered() throws {
        let repo = try GitRepository("credkit-deep-config")
        defer { repo.directory.remove() }
        try Data("\(Self.key(100_000)) = 1\n".utf8).write(to: repo.directory.url.appendingPathComponent(".credkit.toml"))
        let sub = repo.directory.url.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        #expect(throws: ScanError.self) { try ScanConfiguration.discover(from: sub.path) }
    }

    // MARK: File size

    /// A valid document of exactly `size` bytes.
    static func document(size: Int) -> String {
        let head = "[scan]\nbaseline = \"b.json\"\n#"
        return head + String(repeating: "x", count: size - head.utf8.count - 1) + "\n"
    }

    @Test("a configuration file of maximumFileSize bytes is read; one byte more is an error")
    func fileSize() throws {
        let folder = try TemporaryDirectory("credkit-config-size")
        defer { folder.remove() }
        let atLimit = folder.path("at.toml"), past = folder.path("past.toml")
        try Data(Self.document(size: ScanConfiguration.maximumFileSize).utf8).write(to: URL(fileURLWithPath: atLimit))
        try Data(Self.document(size: ScanConfiguration.maximumFileSize + 1).utf8).write(to: URL(fileURLWithPath: past))
        #expect(try ScanConfiguration.load(file: atLimit).baseline == "b.json")
        #expect(throws: ScanError(.invalidConfiguration,
                                  "\(past): larger than 1048576 bytes, the most credkit reads of a configuration file (maximumFileSize)")) {
            try ScanConfiguration.load(file: past)
        }
        #expect(throws: ScanError.self) { try ScanConfiguration.parse(Self.document(size: ScanConfiguration.maximumFileSize + 1)) }
    }

    @Test("a FIFO or device in place of the configuration file is an error, not a hang")
    func notRegularFile() throws {
        let folder = try TemporaryDirectory("credkit-config-fifo")
        defer { folder.remove() }
        let fifo = folder.path(".credkit.toml")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ScanError(.invalidConfiguration, "cannot read configuration file '\(fifo)': not a regular file")) {
            try ScanConfiguration.load(file: fifo)
        }
        #expect(throws: ScanError.self) { try ScanConfiguration.load(file: "/dev/zero") }
    }

    @Test("files at the size limit with many keys or tables are read in linear time", arguments: [
        "kN = N\n", "[tN]\nv = N\n", "[[aot]]\nvN = N\n", "a.kN = N\n",
    ])
    func manyKeys(line: String) throws {
        var text = ""
        var count = 0
        while true {
            let next = line.replacingOccurrences(of: "N", with: String(count))
            guard text.utf8.count + next.utf8.count <= ScanConfiguration.maximumFileSize else { break }
            text += next
            count += 1
        }
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try TOMLParser.parse(text, file: "cfg") }
        // Quadratic work on ~100,000 keys takes minutes; linear work takes well under a second.
        #expect(elapsed < .seconds(20), "\(count) keys took \(elapsed)")
    }

    @Test("bytes that are not UTF-8 are an error naming their line and column")
    func notUTF8() {
        #expect(throws: ScanError(.invalidConfiguration, "cfg:2:6: not valid UTF-8")) {
            try TOMLParser.parse(bytes: Array("a = 1\nb = \"".utf8) + [0xff, 0x22, 0x0a], file: "cfg")
        }
    }
}
