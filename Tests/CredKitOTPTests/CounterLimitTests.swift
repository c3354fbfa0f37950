import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Foundation
import Testing

/// Counters and steps at the top of their range: 2^64 - 1 is a counter like any other.
@Suite("Counter limits")
struct CounterLimitTests {
    static let key = Array("12345678901234567890".utf8)

    /// The code for `counter` from oathtool, else from Python's hmac module (RFC 4226 written out).
    static func peerCode(counter: UInt64) throws -> String {
        let hex = Hex.encode(key)
        if ProcessRunner.isAvailable("oathtool") {
            let peer = try ProcessRunner.run("oathtool", ["--hotp", "-c", String(counter), hex])
            if peer.status == 0 { return peer.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let script = """
        import hmac, hashlib, struct, sys
        mac = hmac.new(bytes.fromhex(sys.argv[1]), struct.pack('>Q', int(sys.argv[2])), hashlib.sha1).digest()
        offset = mac[-1] & 15
        print('%06d' % ((int.from_bytes(mac[offset:offset + 4], 'big') & 0x7fffffff) % 10**6))
        """
        return try ProcessRunner.run("python3", ["-c", script, hex, String(counter)]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // Regression: `hotp code` crashed from about 2^64 - 74,898 (chunk ends overflowed) and
    // refused 2^64 - 1 (a half-open range cannot reach it).
    @Test func writeCodesReachesTheLastCounter() throws {
        let hotp = try HOTP(secret: SecretBytes(copying: Self.key))
        let last = try Self.peerCode(counter: .max)
        #expect(last.count == 6)
        #expect(hotp.code(counter: .max) == last)
        for threads in [1, 2] {
            var text = ""
            hotp.writeCodes(counters: (UInt64.max - 200_000)...UInt64.max, threads: threads) { text += String(decoding: $0, as: UTF8.self) }
            let lines = text.split(separator: "\n")
            #expect(lines.count == 200_001, "threads \(threads)")
            #expect(lines.last.map(String.init) == last)
            #expect(lines[lines.count - 2] == Substring(hotp.code(counter: .max - 1)))
            #expect(lines.first == Substring(hotp.code(counter: .max - 200_000)))
        }
        var single = ""
        hotp.writeCodes(counters: UInt64.max...UInt64.max) { single += String(decoding: $0, as: UTF8.self) }
        #expect(single == last + "\n")
    }

    @Test func verifyAcceptsTheLastCounter() throws {
        let hotp = try HOTP(secret: SecretBytes(copying: Self.key))
        let code = hotp.code(counter: .max)
        #expect(hotp.verify(code, counter: .max) == .max)
        #expect(hotp.verify(code, counter: .max - 3, lookAhead: 10) == .max)
    }

    // time - T0 overflowed Int64 for T0 far in the past and a time far in the future.
    @Test func stepAtTheWidestTimeSpanIsTheLastCounter() throws {
        let totp = try TOTP(secret: SecretBytes(copying: Self.key), period: 1, startTime: .min)
        #expect(try totp.step(at: .max) == .max)
        #expect(try totp.code(at: .max) == totp.hotp.code(counter: .max))
        #expect(totp.secondsRemaining(at: .max) == 1)
        let late = try TOTP(secret: SecretBytes(copying: Self.key), period: 30, startTime: .max)
        #expect(late.secondsRemaining(at: .min) >= 1)
    }

    // oathtool gives step 0's code at T0 - 1; credkit refuses, as RFC 6238 has no step there.
    @Test func timeBeforeStartTimeIsAnErrorThatSaysWhy() throws {
        let totp = try TOTP(secret: SecretBytes(copying: Self.key), startTime: 1000)
        #expect(try totp.step(at: 1000) == 0)
        #expect {
            _ = try totp.step(at: 999)
        } throws: { error in
            let reason = (error as? OTPError)?.reason ?? ""
            return reason.contains("RFC 6238 defines no time step before T0") && reason.contains("oathtool")
        }
    }
}
