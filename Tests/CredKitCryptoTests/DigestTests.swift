import CredKitCrypto
import Testing

@Suite struct DigestTests {
    // FIPS 180 "abc" examples.
    @Test(arguments: [
        (HashAlgorithm.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
    ])
    func abc(_ algorithm: HashAlgorithm, _ hex: String) {
        #expect(Hex.encode(Digest.hash(algorithm, "abc")) == hex)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func streamingMatchesOneShot(_ algorithm: HashAlgorithm) throws {
        let data = try SecureRandom.bytes(count: 10_000)
        let context = DigestContext(algorithm)
        var offset = 0
        for size in [0, 1, 63, 64, 65, 1000, 3000] where offset + size <= data.count {
            context.update(data[offset..<offset + size])
            offset += size
        }
        context.update(data[offset...])
        #expect(context.finalize() == Digest.hash(algorithm, data))
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.decode("00ff10Ab") == [0, 255, 16, 171])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0, 255, 16, 171]) == "00ff10ab")
    }
}
