import CredKitTestSupport
import Foundation
import Testing

/// The options every AWS-calling command shares: --timeout, and what --endpoint-url may leak.
@Suite struct AWSOptionsTests {
    static let environment = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                              "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLETOKEN", "HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]

    @Test(arguments: [["keys", "--live"], ["audit", "--live"], ["policy", "check", "--live"]])
    func timeoutIsAcceptedAndChecked(_ command: [String]) throws {
        let help = try ProcessRunner.credkit(command.filter { $0 != "--live" } + ["--help"])
        #expect(help.stdout.contains("--timeout <seconds>"))
        let bad = try ProcessRunner.credkit(command + ["--timeout", "0"], environment: Self.environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--timeout must be more than 0"))
    }

    /// `--endpoint-url http://user:PASSWORD@host/` printed the password in connection errors.
    @Test func endpointPasswordIsNeverPrinted() throws {
        let port = try LoopbackPort.free()
        let result = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", "http://alice:hunter2@127.0.0.1:\(port)/",
                                                "--timeout", "3"], environment: Self.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("REDACTED@127.0.0.1"), "\(result.stderr)")
        for secret in ["hunter2", "wJalrXUtnFEMI", "FwoGZXIvYXdz"] {
            #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
        }
    }

    /// Signed requests with a session token went to a plain-http, non-loopback endpoint without a
    /// word. 0.0.0.0 is not a loopback name but connects to this machine, so no packet leaves it.
    @Test func plainHTTPOffThisMachineIsWarnedAbout() throws {
        let port = try LoopbackPort.free()
        let remote = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", "http://0.0.0.0:\(port)/", "--timeout", "3"],
                                               environment: Self.environment)
        #expect(remote.stderr.contains("warning: http://0.0.0.0:\(port)/ is plain http and not on this machine: signed requests, with the session token, travel unencrypted (use https)"),
                "\(remote.stderr)")
        let local = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", "http://127.0.0.1:\(port)/", "--timeout", "3"],
                                              environment: Self.environment)
        #expect(!local.stderr.contains("plain http"))
    }
}
