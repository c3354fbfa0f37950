import CredKitCrypto
import CredKitTestSupport
import Foundation
import Testing

struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let algorithm: String
    let keyHex: String?
    let keyRepeatByte: String?
    let keyLength: Int?
    let data: String
    let macHex: String

    var key: [UInt8] {
        if let keyHex { return Hex.decode(keyHex) ?? [] }
        let byte = Hex.decode(keyRepeatByte ?? "00")?.first ?? 0
        return [UInt8](repeating: byte, count: keyLength ?? 0)
    }

    var testDescription: String { "\(name) \(algorithm)" }
}

struct HMACVectorFile: Decodable { let cases: [HMACVector] }

@Suite("HMAC against RFC 2202 / RFC 4231")
struct HMACVectorTests {
    static let vectors = (try? Fixtures.load(HMACVectorFile.self, "hmac/rfc2202-rfc4231.json").cases) ?? []

    @Test func vectorFileLoads() {
        #expect(Self.vectors.count == 9)
    }

    @Test(arguments: vectors)
    func oneShot(_ vector: HMACVector) throws {
        let algorithm = try #require(HashAlgorithm(name: vector.algorithm))
        let mac = HMAC.authenticate(algorithm, key: vector.key, message: Array(vector.data.utf8))
        #expect(Hex.encode(mac) == vector.macHex)
    }

    @Test(arguments: vectors)
    func keyedContextReused(_ vector: HMACVector) throws {
        let algorithm = try #require(HashAlgorithm(name: vector.algorithm))
        let key = HMACKey(algorithm, key: SecretBytes(copying: vector.key))
        // The precomputed pads must not be disturbed by earlier MACs.
        _ = key.authenticate(Array("something else".utf8))
        #expect(Hex.encode(key.authenticate(Array(vector.data.utf8))) == vector.macHex)
        #expect(Hex.encode(key.authenticate(Array(vector.data.utf8))) == vector.macHex)
    }
}

@Suite("HMAC cross-checked against Python's hmac module")
struct HMACCrossCheckTests {
    @Test func randomKeysAndMessages() throws {
        guard ProcessRunner.isAvailable("python3") else {
            Issue.record("python3 is needed for the HMAC cross-check")
            return
        }
        var lines: [String] = []
        var expected: [String] = []
        for index in 0..<300 {
            let algorithm = HashAlgorithm.allCases[index % 3]
            let key = try SecureRandom.bytes(count: Int(try SecureRandom.uniform(below: 200)))
            let message = try SecureRandom.bytes(count: Int(try SecureRandom.uniform(below: 400)))
            lines.append("\(algorithm.rawValue) \(Hex.encode(key)) \(Hex.encode(message))")
            expected.append(Hex.encode(HMACKey(algorithm, key: SecretBytes(copying: key)).authenticate(message)))
        }
        let script = """
        import sys, hmac, hashlib
        for line in sys.stdin:
            alg, key, msg = (line.rstrip("\\n").split(" ") + ["", ""])[:3]
            print(hmac.new(bytes.fromhex(key), bytes.fromhex(msg), getattr(hashlib, alg)).hexdigest())
        """
        let result = try ProcessRunner.run("python3", ["-c", script], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let peer = result.stdout.split(separator: "\n").map(String.init)
        #expect(peer == expected)
    }
}
