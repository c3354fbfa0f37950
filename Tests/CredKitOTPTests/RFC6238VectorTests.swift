import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Testing

struct TOTPVector: Decodable, Sendable, CustomTestStringConvertible {
    let time: Int64
    let counterHex: String
    let algorithm: String
    let code: String
    var testDescription: String { "\(algorithm) @\(time)" }
}
struct TOTPVectorFile: Decodable { let seeds: [String: String]; let cases: [TOTPVector] }

@Suite("RFC 6238 Appendix B")
struct RFC6238VectorTests {
    static let file = try? Fixtures.load(TOTPVectorFile.self, "otp/rfc6238-appendix-b.json")

    @Test func allEighteenVectorsPresent() { #expect(Self.file?.cases.count == 18) }

    @Test(arguments: file?.cases ?? [])
    func code(_ vector: TOTPVector) throws {
        let file = try #require(Self.file)
        let algorithm = try #require(HashAlgorithm(name: vector.algorithm))
        let seed = try #require(file.seeds[vector.algorithm])
        let totp = try TOTP(secret: SecretBytes(copying: Array(seed.utf8)), algorithm: algorithm, digits: 8)
        #expect(try totp.step(at: vector.time) == UInt64(vector.counterHex, radix: 16))
        #expect(try totp.code(at: vector.time) == vector.code)
        #expect(try totp.verify(vector.code, at: vector.time)?.offset == 0)
        // One step later the same code is a late code: offset -1.
        #expect(try totp.verify(vector.code, at: vector.time + 30)?.offset == -1)
        #expect(try totp.verify(vector.code, at: vector.time + 60, window: 1) == nil)
    }
}
