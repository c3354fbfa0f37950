import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Foundation
import Testing

/// 1,000 random (secret, time, algorithm, digits, period) cases against oathtool, run as a real process.
@Suite("Cross-check against oathtool")
struct OathtoolCrossCheckTests {
    struct Case: Sendable {
        let secret: [UInt8]
        let time: Int64
        let algorithm: HashAlgorithm
        let digits: Int
        let period: Int
    }

    static func randomCases(_ count: Int) throws -> [Case] {
        try (0..<count).map { index in
            Case(secret: try SecureRandom.bytes(count: 10 + Int(try SecureRandom.uniform(below: 55))),
                 time: Int64(try SecureRandom.uniform(below: 4_000_000_000)),
                 algorithm: HashAlgorithm.allCases[index % 3],
                 digits: 6 + Int(try SecureRandom.uniform(below: 3)), // oathtool supports 6 to 8
                 period: [30, 30, 60, 15, 45][index % 5])
        }
    }

    @Test func thousandRandomTOTPCases() async throws {
        try #require(ProcessRunner.isAvailable("oathtool"), "oathtool is installed by make deps")
        let cases = try Self.randomCases(1000)
        // Two workers, one per core; each case is one oathtool process.
        let mismatches = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var bad: [String] = []
                    for (index, item) in cases.enumerated() where index % 2 == worker {
                        let totp = try TOTP(secret: SecretBytes(copying: item.secret), algorithm: item.algorithm,
                                            digits: item.digits, period: item.period)
                        let ours = try totp.code(at: item.time)
                        let peer = try ProcessRunner.run("oathtool", [
                            "--totp=\(item.algorithm.rawValue)", "--digits=\(item.digits)",
                            "--time-step-size=\(item.period)s", "--now=@\(item.time)", Hex.encode(item.secret),
                        ])
                        let theirs = peer.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                        if peer.status != 0 || theirs != ours {
                            bad.append("case \(index) \(item.algorithm) d=\(item.digits) p=\(item.period) t=\(item.time): ours \(ours), oathtool \(theirs) \(peer.stderr)")
                        }
                    }
                    return bad
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func hotpWindowMatchesOathtool() throws {
        try #require(ProcessRunner.isAvailable("oathtool"))
        let secret = try SecureRandom.bytes(count: 20)
        let hotp = try HOTP(secret: SecretBytes(copying: secret), algorithm: .sha1, digits: 8)
        var ours = ""
        hotp.writeCodes(counters: 1000...1199) { ours += String(decoding: $0, as: UTF8.self) }
        let peer = try ProcessRunner.run("oathtool", ["--hotp", "--digits=8", "--counter=1000", "--window=199", Hex.encode(secret)])
        #expect(peer.status == 0)
        #expect(peer.stdout == ours)
    }
}
