import CredKitCrypto
import CredKitTestSupport
import Foundation
import Testing

struct Base32Vector: Decodable, Sendable { let plain: String; let encoded: String }
struct Base32VectorFile: Decodable { let cases: [Base32Vector] }

@Suite struct Base32Tests {
    static let vectors = (try? Fixtures.load(Base32VectorFile.self, "base32/rfc4648.json").cases) ?? []

    @Test func vectorsLoaded() { #expect(Self.vectors.count == 6) }

    @Test(arguments: vectors)
    func rfc4648(_ vector: Base32Vector) throws {
        #expect(Base32.encode(Array(vector.plain.utf8), padding: true) == vector.encoded)
        #expect(try Base32.decode(vector.encoded) == Array(vector.plain.utf8))
        // Missing padding is fine.
        let bare = String(vector.encoded.filter { $0 != "=" })
        #expect(Base32.encode(Array(vector.plain.utf8)) == bare)
        #expect(try Base32.decode(bare) == Array(vector.plain.utf8))
    }

    @Test(arguments: [
        "jbswy3dpehpk3pxp",
        "JBSW Y3DP EHPK 3PXP",
        "jbsw-y3dp-ehpk-3pxp",
        "JBSWY3DPEHPK3PXPMY======",
        "JBSWY3DP\nEHPK3PXP",
        "JBSWY3DP\r\n\tEHPK\u{0B}3PXP\u{0C}",
    ])
    func acceptsWhatUsersPaste(_ text: String) throws {
        let canonical = try Base32.decode("JBSWY3DPEHPK3PXP")
        #expect(canonical == Array("Hello!".utf8) + [0xde, 0xad, 0xbe, 0xef])
        let decoded = try Base32.decode(text)
        #expect(Array(decoded.prefix(10)) == canonical)
    }

    /// Issue 14: a seed from the `base32` tool, which wraps at 76 columns, was refused.
    @Test func acceptsTheBase32ToolsWrappedOutput() throws {
        try #require(ProcessRunner.isAvailable("base32"))
        let bytes = try SecureRandom.bytes(count: 64)
        let result = try ProcessRunner.run("base32", [], stdin: Data(bytes))
        let wrapped = result.stdout
        #expect(wrapped.contains("\n"), "base32 wraps a 64-byte key over two lines")
        #expect(try Base32.decode(Array(wrapped.utf8)) == bytes)
    }

    @Test func secretDecodeMatchesPlainDecode() throws {
        let bytes = try SecureRandom.bytes(count: 20)
        let text = Base32.encode(bytes)
        let secret = try Base32.decodeSecret(Array(text.utf8))
        #expect(secret == SecretBytes(copying: bytes))
        #expect(Base32.encode(secret) == text)
    }

    @Test(arguments: [
        ("JBSWY3DP1HPK3PXP", "character 9 '1'"),
        ("JBSWY3DPEHPK3PX!", "character 16 '!'"),
        ("MY======A", "character 9 follows '=' padding"),
        ("MY===", "do not complete a group of 8"),
        ("MZX", "3 characters is not a possible length"),
        ("", "no data characters"),
        ("  - ", "no data characters"),
        ("JBSW\u{e9}", "character 5 (byte 0xc3)"),
    ])
    func rejectsWithPosition(_ text: String, _ expected: String) {
        do {
            _ = try Base32.decode(text)
            Issue.record("\(text) should not decode")
        } catch let error as CryptoError {
            #expect(error.code == .invalidBase32)
            #expect(error.reason.contains(expected), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func grouped() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP")
        #expect(Base32.grouped("ABCDEF") == "ABCD EF")
    }
}
