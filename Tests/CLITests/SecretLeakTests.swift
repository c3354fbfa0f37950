import CredKitTestSupport
import Foundation
import Testing

/// Issue 12: no error message of any command contains a secret it was given. Every run of the
/// binary in the suite is checked by `SecretLeakCheck` (inside `ProcessRunner.credkit`); these
/// are bad-input cases chosen to carry secrets on every channel.
@Suite struct SecretLeakTests {
    static let seed = "JBSWY3DPEHPK3PXPJBSWY3DP"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue"
    static let environment = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": awsSecret,
                              "AWS_SESSION_TOKEN": token, "HOME": "/nonexistent"]

    /// The checker itself must fail on a leak, or every other test here proves nothing.
    @Test func theCheckerCatchesALeak() {
        let leaked = ProcessResult(status: 2, stdout: "", stderr: "credkit: bad secret \(Self.seed)\n", stdoutData: Data())
        withKnownIssue {
            SecretLeakCheck.check(leaked, arguments: ["totp", "code"], stdin: Self.seed, environment: nil,
                                  currentDirectory: nil, signalled: false)
        }
        let signalled = ProcessResult(status: 11, stdout: "", stderr: "", stdoutData: Data(), signalled: true)
        withKnownIssue {
            SecretLeakCheck.check(signalled, arguments: ["hotp", "verify"], stdin: nil, environment: nil,
                                  currentDirectory: nil, signalled: true)
        }
        #expect(SecretLeakCheck.secrets(arguments: ["keys", "--endpoint-url", "http://bob:hunter2pass@h/"], stdin: nil,
                                        environment: Self.environment, currentDirectory: nil)
                == [Self.awsSecret, Self.token, "hunter2pass"])
    }

    @Test(arguments: [
        (["totp", "code", "--digits", "11"], seed),
        (["totp", "code"], seed + "1"),
        (["totp", "code"], "otpauth://totp/ACME:alice?secret=\(seed)&algorithm=MD5"),
        (["totp", "code"], "otpauth://totp/ACME:alice?secret=\(seed)&digits=99"),
        (["totp", "code"], "otpauth://totp/ACME:alice?secret=\(seed)&encoder=steam"),
        (["totp", "verify", "12345x"], seed),
        (["hotp", "code", "--counter", "-1"], seed),
        (["hotp", "verify", "123456", "--counter", "abc"], seed),
        (["qr", "--format", "png"], "otpauth://totp/ACME:alice?secret=\(seed)&period=0"),
        (["password", "check", "--min-score", "9"], "CorrectHorseBatteryStaple9!"),
        (["password", "check", "--policy", "/nonexistent.json"], "CorrectHorseBatteryStaple9!"),
    ])
    func otpAndPasswordInputErrors(_ arguments: [String], _ stdin: String) throws {
        let result = try ProcessRunner.credkit(arguments, stdin: stdin + "\n")
        #expect(result.status == 1 || result.status == 2, "\(arguments): \(result.stderr)")
    }

    @Test func secretFileErrors() throws {
        let directory = try TemporaryDirectory("leak")
        defer { directory.remove() }
        let path = directory.path("alice.otpauth")
        try "otpauth://totp/ACME:alice?secret=\(Self.seed)&digits=5\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let result = try ProcessRunner.credkit(["totp", "code", "--secret-file", path])
        #expect(result.status == 2)
        chmod(path, 0o644)
        let open = try ProcessRunner.credkit(["totp", "code", "--secret-file", path])
        #expect(open.status == 2)
    }

    @Test(arguments: [
        ["keys", "--live", "--endpoint-url", "http://alice:hunter2pass@127.0.0.1:9/", "--timeout", "2"],
        ["audit", "--live", "--endpoint-url", "ftp://alice:hunter2pass@127.0.0.1/"],
        ["policy", "check", "--live", "--endpoint-url", "http://alice:hunter2pass@[::1/", "--timeout", "2"],
        ["scan", "--verify", "--endpoint-url", "ftp://alice:hunter2pass@127.0.0.1/", "/nonexistent"],
    ])
    func awsInputErrors(_ arguments: [String]) throws {
        let result = try ProcessRunner.credkit(arguments, environment: Self.environment)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
    }

    /// A secret pasted into the wrong column of a credential report was quoted in full.
    @Test func reportCellErrorsQuoteOnlyAShortPrefix() throws {
        let directory = try TemporaryDirectory("leak-report")
        defer { directory.remove() }
        let original = try String(contentsOfFile: KeysFixtures.basic, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[8] = Self.awsSecret // access_key_1_active
        lines[3] = cells.joined(separator: ",")
        let path = directory.path("report.csv")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.credkit(["keys", "--report", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("found 'wJal...' (40 characters)"), "\(result.stderr)")
        #expect(!result.stderr.contains(Self.awsSecret.dropFirst(4).prefix(8)))
    }
}

/// SecretInput.maximumSize (64 KiB): a seed on standard input of that size is read; one byte
/// more is refused, naming the limit.
@Suite struct SecretInputLimitTests {
    static let limit = 64 * 1024

    @Test func standardInputAtTheLimitIsReadAndOnePastIsRefused() throws {
        let seed = "JBSWY3DPEHPK3PXP"
        // Whitespace inside and around a Base32 seed is allowed; it pads the input to the limit.
        let atLimit = seed + String(repeating: " ", count: Self.limit - seed.utf8.count)
        let read = try ProcessRunner.credkit(["totp", "code", "--time", "0"], stdin: atLimit)
        #expect(read.status == 0, "\(read.stderr)")
        let past = try ProcessRunner.credkit(["totp", "code", "--time", "0"], stdin: atLimit + " ")
        #expect(past.status == 2)
        #expect(past.stderr.contains("larger than \(Self.limit) bytes"), "\(past.stderr)")
    }
}
