import CredKitCrypto
import CredKitOTP
import Testing

@Suite struct TOTPVerificationTests {
    let totp: TOTP
    let now: Int64 = 1_700_000_000

    init() throws {
        totp = try TOTP(secret: SecureRandom.secret(count: 20))
    }

    private func code(_ offset: Int) throws -> String {
        totp.code(step: UInt64(Int(try totp.step(at: now)) + offset))
    }

    @Test(arguments: -3...3)
    func signedOffsetWithinWindow(_ offset: Int) throws {
        let match = try totp.verify(try code(offset), at: now, window: 3)
        #expect(match?.offset == offset)
        if abs(offset) > 1 {
            #expect(try totp.verify(try code(offset), at: now, window: 1) == nil)
        }
    }

    @Test func replayBoundRefusesEarlierSteps() throws {
        let step = try totp.step(at: now)
        #expect(try totp.verify(try code(0), at: now, after: step) == nil)
        #expect(try totp.verify(try code(0), at: now, after: step - 1)?.step == step)
        #expect(try totp.verify(try code(-1), at: now, after: step - 1) == nil)
    }

    @Test func timeBeforeStartTimeIsAnError() throws {
        let late = try TOTP(secret: SecureRandom.secret(count: 20), startTime: 1000)
        #expect(throws: OTPError.self) { try late.step(at: 999) }
        #expect(try late.step(at: 1029) == 0)
        #expect(try late.step(at: 1030) == 1)
    }

    @Test func periodAndSecondsRemaining() throws {
        let minute = try TOTP(secret: SecureRandom.secret(count: 20), period: 60)
        #expect(try minute.step(at: 119) == 1)
        #expect(minute.secondsRemaining(at: 119) == 1)
        #expect(minute.secondsRemaining(at: 120) == 60)
        #expect(throws: OTPError.self) { try TOTP(secret: SecureRandom.secret(count: 20), period: 0) }
    }

    @Test func malformedCodesNeverMatch() throws {
        #expect(try totp.verify("12345", at: now) == nil)
        #expect(try totp.verify("1234567", at: now) == nil)
        #expect(try totp.verify("12345a", at: now) == nil)
        #expect(try totp.verify("", at: now) == nil)
    }

    // MARK: the AWS two-consecutive-codes check

    // Both codes must lie in the window: the pair (s-1, s) is accepted for s in -9...10.
    @Test(arguments: [-9, -3, 0, 1, 9, 10])
    func consecutiveCodesAccepted(_ offset: Int) throws {
        let result = try totp.verifyConsecutive(try code(offset - 1), try code(offset), at: now)
        #expect(result == .accepted(step: UInt64(Int(try totp.step(at: now)) + offset), offset: offset))
        #expect(result.isAccepted)
    }

    @Test func driftBeyondWindowIsNamed() throws {
        let result = try totp.verifyConsecutive(try code(14), try code(15), at: now, window: 10)
        #expect(result == .clockDrift(offset: 15))
        #expect(result.explanation.contains("15 steps"))
        // The first code must be inside the window as well.
        #expect(try totp.verifyConsecutive(try code(-11), try code(-10), at: now, window: 10) == .clockDrift(offset: -10))
    }

    @Test func reversedOrGappedCodesAreNotConsecutive() throws {
        let reversed = try totp.verifyConsecutive(try code(1), try code(0), at: now)
        guard case .notConsecutive = reversed else {
            Issue.record("expected notConsecutive, got \(reversed)")
            return
        }
        let gapped = try totp.verifyConsecutive(try code(0), try code(2), at: now)
        guard case .notConsecutive = gapped else {
            Issue.record("expected notConsecutive, got \(gapped)")
            return
        }
        #expect(!gapped.isAccepted)
    }

    @Test func wrongCodes() throws {
        let other = try TOTP(secret: SecureRandom.secret(count: 20))
        let a = other.code(step: try other.step(at: now))
        let b = other.code(step: try other.step(at: now) + 1)
        let result = try totp.verifyConsecutive(a, b, at: now)
        // A random other seed matches one of 81 steps with probability ~ 81e-6; accept that rare case.
        if case .wrongCodes = result {} else if !result.isAccepted {} else { Issue.record("accepted codes of another seed") }
        #expect(try totp.verifyConsecutive("abcdef", try code(0), at: now) == .wrongCodes(firstMatched: false, secondMatched: true))
    }
}
