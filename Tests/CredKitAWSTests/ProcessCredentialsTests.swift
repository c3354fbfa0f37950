@testable import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

@Suite("credential_process: splitting, bounded output and time, JSON")
struct ProcessCredentialsTests {
    @Test(arguments: [
        ("helper --profile x", ["helper", "--profile", "x"]),
        ("'/opt/my tools/helper' \"a \\\"b\\\" c\" d\\ e", ["/opt/my tools/helper", "a \"b\" c", "d e"]),
        ("  helper\t''  ", ["helper", ""]),
        ("helper $HOME `id` ;rm", ["helper", "$HOME", "`id`", ";rm"]),
    ] as [(String, [String])])
    func splitsLikeAPOSIXShellWithoutExpanding(_ line: String, _ words: [String]) throws {
        #expect(try ProcessCredentials.split(line, profile: "p") == words)
    }

    @Test func unterminatedQuoteIsRefused() {
        let error = #expect(throws: AWSError.self) { try ProcessCredentials.split("helper 'open", profile: "p") }
        #expect(error?.reason == "credential_process of profile 'p': unterminated ' quote")
    }

    /// A helper printing `size` bytes: a valid document padded with spaces.
    static func helper(_ directory: TemporaryDirectory, size: Int, sleep: Double = 0) throws -> String {
        let document = #"{"Version": 1, "AccessKeyId": "AKIAPROCESS000000001", "SecretAccessKey": "process-secret"}"#
        let padding = size - document.utf8.count
        let script = directory.path("helper-\(size)-\(sleep).py")
        try """
        import sys, time
        time.sleep(\(sleep))
        sys.stdout.write(" " * \(padding) + '\(document)')
        """.write(toFile: script, atomically: true, encoding: .utf8)
        return "python3 '\(script)'"
    }

    static func provider(_ command: String, timeout: Double = 30) -> ProcessCredentials {
        ProcessCredentials(profile: "p", commandLine: command, timeout: timeout, environment: ProcessInfo.processInfo.environment)
    }

    @Test func outputAtTheLimitIsReadAndPastItRefused() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let atLimit = try await Self.provider(try Self.helper(directory, size: ProcessCredentials.maximumOutputBytes)).credentials()
        #expect(atLimit.accessKeyID == "AKIAPROCESS000000001")
        #expect(atLimit.expiration == nil)
        let error = await #expect(throws: AWSError.self) {
            try await Self.provider(try Self.helper(directory, size: ProcessCredentials.maximumOutputBytes + 1)).credentials()
        }
        #expect(error?.reason == "credential_process of profile 'p' wrote more than 65536 bytes (ProcessCredentials.maximumOutputBytes)")
    }

    @Test func aProcessPastTheTimeoutIsStopped() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.provider(try Self.helper(directory, size: 200, sleep: 30), timeout: 1).credentials()
        }
        #expect(error?.reason == "credential_process of profile 'p' did not finish within the 1-second timeout")
        // Timed on the blocking layer: the async path's wall clock includes waits for the test pool.
        let script = directory.path("helper-200-30.0.py")
        let started = ContinuousClock.now
        #expect(throws: AWSError.self) {
            try ProcessCredentials.run("/usr/bin/env", ["python3", script], environment: ProcessInfo.processInfo.environment,
                                       timeout: 1, profile: "p")
        }
        #expect(ContinuousClock.now - started < .seconds(5), "the helper sleeps 30 s")
    }

    @Test(arguments: [
        (#"{"AccessKeyId": "A", "SecretAccessKey": "s"}"#, "credential_process of profile 'p': the output must have \"Version\": 1"),
        (#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"}"#, "credential_process of profile 'p': the output must have \"Version\": 1"),
        (#"{"Version": 1, "SecretAccessKey": "s"}"#, "credential_process of profile 'p': the output has no AccessKeyId"),
        (#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": 5}"#, "credential_process of profile 'p': SecretAccessKey is a number, not a string"),
        (#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"}"#,
         "credential_process of profile 'p': Expiration is not an ISO 8601 time"),
        (#"{"Version": 1, "AccessKeyId": "A", "AccessKeyId": "B", "SecretAccessKey": "s"}"#,
         "credential_process of profile 'p': the output is not JSON (duplicateKey at line 1)"),
    ] as [(String, String)])
    func malformedOutputIsNamedWithoutValues(_ output: String, _ message: String) async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        try output.write(toFile: directory.path("out.json"), atomically: true, encoding: .utf8)
        let error = await #expect(throws: AWSError.self) { try await Self.provider("cat '\(directory.path("out.json"))'").credentials() }
        #expect(error?.reason == message)
    }

    @Test func expiredCredentialsAreRefusedAndFreshOnesRefreshedBeforeExpiration() async throws {
        let directory = try TemporaryDirectory("process")
        defer { directory.remove() }
        let formatter = ISO8601DateFormatter()
        try #"{"Version": 1, "AccessKeyId": "AKIAOLD", "SecretAccessKey": "s", "Expiration": "2020-01-01T00:00:00Z"}"#
            .write(toFile: directory.path("old.json"), atomically: true, encoding: .utf8)
        let expired = await #expect(throws: AWSError.self) {
            try await RefreshingCredentials(Self.provider("cat '\(directory.path("old.json"))'")).credentials()
        }
        #expect(expired?.code == .expiredToken)

        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = Clock(now)
        let counter = directory.path("count")
        try """
        import os, sys
        path = sys.argv[1]
        count = int(open(path).read()) + 1 if os.path.exists(path) else 1
        open(path, "w").write(str(count))
        sys.stdout.write('{"Version": 1, "AccessKeyId": "AKIA%d", "SecretAccessKey": "s", "Expiration": "\(formatter.string(from: now.addingTimeInterval(3600)))"}' % count)
        """.write(toFile: directory.path("count.py"), atomically: true, encoding: .utf8)
        let refreshing = RefreshingCredentials(Self.provider("python3 '\(directory.path("count.py"))' '\(counter)'"), clock: { clock.now })
        #expect(try await refreshing.credentials().accessKeyID == "AKIA1")
        clock.now = now.addingTimeInterval(3600 - RefreshingCredentials.refreshMargin - 1)
        #expect(try await refreshing.credentials().accessKeyID == "AKIA1", "cached until the refresh margin")
        clock.now = now.addingTimeInterval(3600 - RefreshingCredentials.refreshMargin)
        #expect(try await refreshing.credentials().accessKeyID == "AKIA2", "renewed at the margin")
    }
}

/// A settable clock for tests.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ value: Date) { self.value = value }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
