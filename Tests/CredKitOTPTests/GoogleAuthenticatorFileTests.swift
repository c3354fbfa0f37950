import CredKitOTP
import Testing

@Suite struct GoogleAuthenticatorFileTests {
    static let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    @Test func counterMakesAnHOTPFileAndTOTPAuthATOTPFile() throws {
        let hotp = try GoogleAuthenticatorFile.parse(Array("\(Self.seed)\n\" HOTP_COUNTER 7\n".utf8))
        #expect(hotp.kind == .hotp)
        #expect(hotp.counter == 7)
        let totp = try GoogleAuthenticatorFile.parse(Array("\(Self.seed)\n\" TOTP_AUTH\n\" STEP_SIZE 60\n".utf8))
        #expect(totp.kind == .totp)
        #expect(totp.counter == nil)
        #expect(totp.period == 60)
    }

    /// Seen while writing the google-authenticator fuzz target's check: a file with both options was read
    /// as HOTP or TOTP depending on their order.
    @Test(arguments: ["\" TOTP_AUTH\n\" HOTP_COUNTER 1\n", "\" HOTP_COUNTER 1\n\" TOTP_AUTH\n"])
    func bothKindsInOneFileAreRefused(_ options: String) throws {
        let error = #expect(throws: OTPError.self) { try GoogleAuthenticatorFile.parse(Array("\(Self.seed)\n\(options)".utf8)) }
        #expect(error?.description.contains("both TOTP_AUTH and HOTP_COUNTER") == true, "\(String(describing: error))")
        #expect(error?.description.contains(Self.seed) == false)
    }
}
