import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Testing

struct HOTPVector: Decodable, Sendable { let counter: UInt64; let code: String }
struct HOTPVectorFile: Decodable { let secretASCII: String; let cases: [HOTPVector] }

@Suite("RFC 4226 Appendix D")
struct RFC4226VectorTests {
    static let file = try? Fixtures.load(HOTPVectorFile.self, "otp/rfc4226-appendix-d.json")

    @Test func allTenVectorsPresent() { #expect(Self.file?.cases.count == 10) }

    @Test(arguments: file?.cases ?? [])
    func code(_ vector: HOTPVector) throws {
        let file = try #require(Self.file)
        let hotp = try HOTP(secret: SecretBytes(copying: Array(file.secretASCII.utf8)))
        #expect(hotp.code(counter: vector.counter) == vector.code)
        #expect(hotp.verify(vector.code, counter: vector.counter) == vector.counter)
        #expect(hotp.verify(vector.code, counter: 0, lookAhead: 9) == vector.counter)
    }

    @Test func writeCodesMatchesOneByOne() throws {
        let file = try #require(Self.file)
        let hotp = try HOTP(secret: SecretBytes(copying: Array(file.secretASCII.utf8)))
        var text = ""
        hotp.writeCodes(counters: 0...9) { text += String(decoding: $0, as: UTF8.self) }
        #expect(text == file.cases.map { $0.code + "\n" }.joined())
    }

    @Test func lookAheadStopsAtItsEnd() throws {
        let file = try #require(Self.file)
        let hotp = try HOTP(secret: SecretBytes(copying: Array(file.secretASCII.utf8)))
        // Counter 5's code is not found from 0 with a look-ahead of 4.
        #expect(hotp.verify("254676", counter: 0, lookAhead: 4) == nil)
        #expect(hotp.verify("254676", counter: 0, lookAhead: 5) == 5)
        #expect(hotp.verify("25467", counter: 5) == nil)
        #expect(hotp.verify("25467a", counter: 5) == nil)
    }

    @Test(arguments: [5, 11, 0])
    func rejectsDigitsOutOfRange(_ digits: Int) {
        #expect(throws: OTPError.self) { try HOTP(secret: SecretBytes(copying: [1, 2, 3]), digits: digits) }
    }

    @Test func tenDigitsIsTheTruncatedValueItself() throws {
        let file = try #require(Self.file)
        let six = try HOTP(secret: SecretBytes(copying: Array(file.secretASCII.utf8)), digits: 6)
        let ten = try HOTP(secret: SecretBytes(copying: Array(file.secretASCII.utf8)), digits: 10)
        // RFC 4226 Appendix D lists the truncated decimal for counter 0: 1284755224.
        #expect(ten.code(counter: 0) == "1284755224")
        #expect(six.code(counter: 0) == String(ten.code(counter: 0).suffix(6)))
    }
}
