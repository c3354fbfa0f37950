import CredKitCrypto
import Testing

@Suite struct SecretTests {
    @Test func descriptionIsRedacted() throws {
        let secret = SecretBytes(copying: Array("hunter2-very-secret".utf8))
        for text in [secret.description, secret.debugDescription, String(describing: secret), String(reflecting: secret), "\(secret)"] {
            #expect(!text.contains("hunter2"))
            #expect(text.contains("redacted"))
        }
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!dumped.contains("104")) // 'h' as a byte value
    }

    @Test func equalityIsByContent() {
        let a = SecretBytes(copying: [1, 2, 3])
        #expect(a == SecretBytes(copying: [1, 2, 3]))
        #expect(a != SecretBytes(copying: [1, 2, 4]))
        #expect(a != SecretBytes(copying: [1, 2]))
        #expect(SecretBytes(copying: []) == SecretBytes(copying: []))
    }

    @Test func constantTimeCompare() {
        #expect(ConstantTime.equals("123456", "123456"))
        #expect(!ConstantTime.equals("123456", "123457"))
        #expect(!ConstantTime.equals("123456", "1234567"))
        #expect(ConstantTime.equals("", ""))
    }

    @Test func wipeZeroes() {
        var bytes: [UInt8] = [1, 2, 3, 4]
        wipe(&bytes)
        #expect(bytes == [0, 0, 0, 0])
    }

    @Test func randomSecretsDiffer() throws {
        let a = try SecureRandom.secret(count: 20)
        let b = try SecureRandom.secret(count: 20)
        #expect(a.count == 20)
        #expect(a != b)
        // 20 random bytes are all zero with probability 2^-160.
        #expect(a != SecretBytes(copying: [UInt8](repeating: 0, count: 20)))
    }

    @Test func uniformStaysInRange() throws {
        var seen = Set<UInt64>()
        for _ in 0..<500 {
            let value = try SecureRandom.uniform(below: 7)
            #expect(value < 7)
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }
}
