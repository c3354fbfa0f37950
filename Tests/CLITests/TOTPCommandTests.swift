import CredKitCrypto
import CredKitTestSupport
import Foundation
import Testing

/// Runs the built `credkit` binary: output, exit codes and files, as scripts see them.
@Suite("credkit totp / hotp")
struct TOTPCommandTests {
    /// RFC 6238's SHA-1 seed "12345678901234567890" in Base32.
    static let rfcSeed = Base32.encode(Array("12345678901234567890".utf8))
    static let rfcSeed32 = Base32.encode(Array("12345678901234567890123456789012".utf8))

    private func secretFile(_ dir: TemporaryDirectory, _ content: String, mode: Int = 0o600) throws -> String {
        let path = dir.path("seed-\(UUID().uuidString)")
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func codeFromStandardInputMatchesRFC6238() throws {
        let result = try ProcessRunner.credkit(["totp", "code", "--digits", "8", "--time", "1111111109"], stdin: Self.rfcSeed + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "07081804\n")
        let iso = try ProcessRunner.credkit(["totp", "code", "--digits", "8", "--time", "2009-02-13T23:31:30Z", "--algorithm", "sha256"],
                                            stdin: Self.rfcSeed32)
        #expect(iso.stdout == "91819424\n")
        let offset = try ProcessRunner.credkit(["totp", "code", "--digits", "8", "--time", "2009-02-14T00:31:30+01:00", "--algorithm", "sha256"],
                                               stdin: Self.rfcSeed32)
        #expect(offset.stdout == "91819424\n")
    }

    @Test func countMatchesOathtoolWindow() throws {
        try #require(ProcessRunner.isAvailable("oathtool"))
        let ours = try ProcessRunner.credkit(["totp", "code", "--time", "1700000000", "--count", "500", "--period", "45"], stdin: Self.rfcSeed)
        let peer = try ProcessRunner.run("oathtool", ["--totp", "-b", "--now=@1700000000", "--time-step-size=45s", "-w", "499", Self.rfcSeed])
        #expect(ours.status == 0)
        #expect(ours.stdout.split(separator: "\n").count == 500)
        #expect(ours.stdout == peer.stdout)
    }

    @Test func uriParametersBecomeDefaults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let uri = "otpauth://totp/ACME:alice?secret=\(Self.rfcSeed)&issuer=ACME&digits=8"
        let file = try secretFile(dir, uri + "\n")
        let result = try ProcessRunner.credkit(["totp", "code", "--secret-file", file, "--time", "59"])
        #expect(result.stdout == "94287082\n", "\(result.stderr)")
        // An explicit option overrides the URI, with a warning.
        let overridden = try ProcessRunner.credkit(["totp", "code", "--secret-file", file, "--time", "59", "--digits", "6"])
        #expect(overridden.stdout == "287082\n")
        #expect(overridden.stderr.contains("overrides digits=8"))
    }

    @Test func secretFileReadableByOthersIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try secretFile(dir, Self.rfcSeed, mode: 0o644)
        let result = try ProcessRunner.credkit(["totp", "code", "--secret-file", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("chmod 600"))
        #expect(result.stderr.contains(file))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["totp", "code"], "JBSWY3DP1HPK3PXP", "character 9"),
        (["totp", "code"], "", "standard input was empty"),
        (["totp", "code", "--digits", "11"], "JBSWY3DPEHPK3PXP", "--digits must be between 6 and 10"),
        (["totp", "code", "--period", "0"], "JBSWY3DPEHPK3PXP", "--period"),
        (["totp", "code", "--time", "yesterday"], "JBSWY3DPEHPK3PXP", "--time"),
        (["totp", "code", "--secret", "JBSWY3DPEHPK3PXP"], "", "--secret"),
        (["totp", "code"], "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1", "credkit hotp"),
        (["totp", "code", "--start-time", "100", "--time", "50"], "JBSWY3DPEHPK3PXP", "before the start time"),
    ])
    func badInputExitsTwo(_ arguments: [String], _ stdin: String, _ message: String) throws {
        let result = try ProcessRunner.credkit(arguments, stdin: stdin)
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("JBSWY3DPEHPK3PXP") || arguments.contains("--secret"))
    }

    @Test func verifyPrintsOffsetAndExitCode() throws {
        let now: Int64 = 1_700_000_000
        let previous = try ProcessRunner.credkit(["totp", "code", "--time", String(now - 30)], stdin: Self.rfcSeed)
        let code = previous.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let valid = try ProcessRunner.credkit(["totp", "verify", code, "--time", String(now)], stdin: Self.rfcSeed)
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout == "-1\n")
        let outside = try ProcessRunner.credkit(["totp", "verify", code, "--time", String(now), "--window", "0"], stdin: Self.rfcSeed)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("invalid code"))
        let malformed = try ProcessRunner.credkit(["totp", "verify", "12ab56", "--time", String(now)], stdin: Self.rfcSeed)
        #expect(malformed.status == 1)
    }

    @Test func enrollmentCheckWithTwoCodes() throws {
        let now: Int64 = 1_700_000_000
        let codes = try ProcessRunner.credkit(["totp", "code", "--time", String(now + 90), "--count", "2"], stdin: Self.rfcSeed)
            .stdout.split(separator: "\n").map(String.init)
        let ok = try ProcessRunner.credkit(["totp", "verify", codes[0], codes[1], "--time", String(now)], stdin: Self.rfcSeed)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "4\n")
        let reversed = try ProcessRunner.credkit(["totp", "verify", codes[1], codes[0], "--time", String(now)], stdin: Self.rfcSeed)
        #expect(reversed.status == 1)
        #expect(reversed.stderr.contains("not consecutive"))
        let drift = try ProcessRunner.credkit(["totp", "verify", codes[0], codes[1], "--time", String(now), "--window", "2"], stdin: Self.rfcSeed)
        #expect(drift.status == 1)
        #expect(drift.stderr.contains("clock is off by 4 steps"))
    }

    @Test func replayProtectionAcrossConcurrentProcesses() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seed = try secretFile(dir, Self.rfcSeed)
        let state = dir.path("replay.json")
        let time = "1700000000"
        let code = try ProcessRunner.credkit(["totp", "code", "--secret-file", seed, "--time", time]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try ProcessRunner.credkit(["totp", "verify", code, "--secret-file", seed, "--state", state, "--time", time]).status
                }
            }
            var all: [Int32] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 1 }.count == 7)
        let again = try ProcessRunner.credkit(["totp", "verify", code, "--secret-file", seed, "--state", state, "--time", time])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already used"))
        let attributes = try FileManager.default.attributesOfItem(atPath: state)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let text = try String(contentsOfFile: state, encoding: .utf8)
        #expect(!text.contains(Self.rfcSeed))
    }

    @Test func newSecretIsRandomAndWorks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try ProcessRunner.credkit(["totp", "new", "--issuer", "Bücher & Söhne", "--account", "jörg"])
        let second = try ProcessRunner.credkit(["totp", "new"])
        #expect(first.status == 0)
        let secretLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("secret: ") })
        let secret = String(secretLine.dropFirst(8))
        #expect(secret.count == 32) // 160 bits
        #expect(try Base32.decode(secret).count == 20)
        #expect(!second.stdout.contains(secret))
        #expect(first.stdout.contains("otpauth://totp/B%C3%BCcher%20%26%20S%C3%B6hne:j%C3%B6rg?secret=\(secret)&issuer=B%C3%BCcher%20%26%20S%C3%B6hne"))

        let out = dir.path("seed.uri")
        let written = try ProcessRunner.credkit(["totp", "new", "--account", "bob", "--output", out])
        #expect(written.status == 0)
        #expect(written.stdout.contains("secret=REDACTED"))
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let uri = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!written.stdout.contains(uri.trimmingCharacters(in: .whitespacesAndNewlines)))
        let code = try ProcessRunner.credkit(["totp", "code", "--secret-file", out])
        #expect(code.status == 0)
        let refused = try ProcessRunner.credkit(["totp", "new", "--output", out])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == uri)
    }

    @Test func hotpCodeAndVerify() throws {
        let code = try ProcessRunner.credkit(["hotp", "code", "--counter", "3"], stdin: Self.rfcSeed)
        #expect(code.stdout == "969429\n")
        let many = try ProcessRunner.credkit(["hotp", "code", "--counter", "0", "--count", "10"], stdin: Self.rfcSeed)
        #expect(many.stdout.split(separator: "\n").last == "520489")
        let ahead = try ProcessRunner.credkit(["hotp", "verify", "338314", "--counter", "1", "--look-ahead", "5"], stdin: Self.rfcSeed)
        #expect(ahead.status == 0)
        #expect(ahead.stdout == "3\n")
        #expect(ahead.stderr.contains("next counter: 5"))
        let beyond = try ProcessRunner.credkit(["hotp", "verify", "338314", "--counter", "1", "--look-ahead", "2"], stdin: Self.rfcSeed)
        #expect(beyond.status == 1)
        let uri = try ProcessRunner.credkit(["hotp", "code"], stdin: "otpauth://hotp/a?secret=\(Self.rfcSeed)&counter=9")
        #expect(uri.stdout == "520489\n")
        let missing = try ProcessRunner.credkit(["hotp", "code"], stdin: Self.rfcSeed)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--counter is required"))
    }

    @Test func hotpReplayStateRefusesUsedCounters() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seed = try secretFile(dir, Self.rfcSeed)
        let state = dir.path("hotp.json")
        let first = try ProcessRunner.credkit(["hotp", "verify", "359152", "--counter", "0", "--look-ahead", "5", "--secret-file", seed, "--state", state])
        #expect(first.status == 0)
        let replay = try ProcessRunner.credkit(["hotp", "verify", "359152", "--counter", "0", "--look-ahead", "5", "--secret-file", seed, "--state", state])
        #expect(replay.status == 1)
        #expect(replay.stderr.contains("already used"))
        let older = try ProcessRunner.credkit(["hotp", "verify", "287082", "--counter", "0", "--look-ahead", "5", "--secret-file", seed, "--state", state])
        #expect(older.status == 1)
        let newer = try ProcessRunner.credkit(["hotp", "verify", "969429", "--counter", "0", "--look-ahead", "5", "--secret-file", seed, "--state", state])
        #expect(newer.status == 0)
        #expect(newer.stdout == "3\n")
    }

    // Regression: `hotp verify 939986 --counter 18446744073709551615` crashed on `matched + 1`,
    // and with --state the step was saved first, so every later verify of the seed crashed too.
    @Test func hotpVerifyAtTheLastCounterRecordsExhaustion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seed = try secretFile(dir, "JBSWY3DPEHPK3PXP")
        let last = String(UInt64.max)
        let plain = try ProcessRunner.credkit(["hotp", "verify", "939986", "--counter", last, "--secret-file", seed])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "0\n")
        #expect(plain.stderr.contains("counter is exhausted"))
        let state = dir.path("hotp.json")
        let first = try ProcessRunner.credkit(["hotp", "verify", "939986", "--counter", last, "--secret-file", seed, "--state", state])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try String(contentsOfFile: state, encoding: .utf8).contains("\"last_step\":\(last)"))
        for (code, counter) in [("939986", last), ("282760", "0")] {
            let later = try ProcessRunner.credkit(["hotp", "verify", code, "--counter", counter, "--look-ahead", "10",
                                                   "--secret-file", seed, "--state", state])
            #expect(later.status == 1, "\(later.stderr)")
            #expect(later.stderr.contains("counter is exhausted"))
            #expect(!later.stderr.contains("JBSWY3DPEHPK3PXP"))
        }
    }

    @Test func hotpCodeAtTheLastCounterMatchesOathtool() throws {
        try #require(ProcessRunner.isAvailable("oathtool"))
        let peer = try ProcessRunner.run("oathtool", ["--hotp", "-c", String(UInt64.max), Hex.encode(Array("12345678901234567890".utf8))])
        try #require(peer.status == 0, "oathtool accepts counter 2^64 - 1")
        let ours = try ProcessRunner.credkit(["hotp", "code", "--counter", String(UInt64.max)], stdin: Self.rfcSeed)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == peer.stdout)
        // Across the chunk boundary that used to overflow: the last of 100,000 codes is the same one.
        let many = try ProcessRunner.credkit(["hotp", "code", "--counter", String(UInt64.max - 99_999), "--count", "100000"], stdin: Self.rfcSeed)
        #expect(many.status == 0, "\(many.stderr)")
        let lines = many.stdout.split(separator: "\n")
        #expect(lines.count == 100_000)
        #expect(lines.last.map { $0 + "\n" } == peer.stdout)
    }

    @Test func hotpCountPastTheLastCounterIsRefused() throws {
        let result = try ProcessRunner.credkit(["hotp", "code", "--counter", String(UInt64.max - 3), "--count", "5"], stdin: Self.rfcSeed)
        #expect(result.status == 2)
        #expect(result.stderr.contains("runs past the last counter"))
        #expect(result.stderr.contains("there are only 4 codes"))
        #expect(result.stdout.isEmpty)
    }

    // oathtool --totp -S @1000 -N @999 prints step 0's code; RFC 6238 has no step there.
    @Test func totpCodeBeforeStartTimeIsAnErrorNotStepZero() throws {
        let result = try ProcessRunner.credkit(["totp", "code", "--start-time", "1000", "--time", "999"], stdin: Self.rfcSeed)
        #expect(result.status == 2)
        #expect(result.stderr.contains("RFC 6238 defines no time step before T0"))
        #expect(result.stderr.contains("oathtool"))
        #expect(result.stdout.isEmpty)
        let atStart = try ProcessRunner.credkit(["totp", "code", "--start-time", "1000", "--time", "1000"], stdin: Self.rfcSeed)
        #expect(atStart.status == 0)
        #expect(atStart.stdout == (try ProcessRunner.credkit(["hotp", "code", "--counter", "0"], stdin: Self.rfcSeed)).stdout)
        let help = try ProcessRunner.credkit(["totp", "code", "--help"])
        let words = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains("RFC 6238 defines no time step before T0"))
    }

    @Test func worldWritableReplayStateExitsTwoWithChmodHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seed = try secretFile(dir, Self.rfcSeed)
        let state = dir.path("hotp.json")
        let first = try ProcessRunner.credkit(["hotp", "verify", "755224", "--counter", "0", "--secret-file", seed, "--state", state])
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: state)
        let refused = try ProcessRunner.credkit(["hotp", "verify", "287082", "--counter", "1", "--secret-file", seed, "--state", state])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("chmod 600 \(state)"))
        let device = try ProcessRunner.credkit(["totp", "verify", "123456", "--secret-file", seed, "--state", "/dev/null"])
        #expect(device.status == 2)
        #expect(device.stderr.contains("'/dev/null' is a character device"))
        #expect(!device.stderr.contains("ioctl"))
    }

    @Test func helpAndVersionExitZero() throws {
        for arguments in [["--help"], ["totp", "--help"], ["totp", "verify", "--help"], ["hotp", "code", "--help"], ["--version"]] {
            let result = try ProcessRunner.credkit(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(!result.stdout.isEmpty)
        }
        let unknown = try ProcessRunner.credkit(["totp", "frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test func closedPipeIsNotAnError() throws {
        let script = "set -o pipefail; printf '%s' \(Self.rfcSeed) | '\(Fixtures.credkitBinary.path)' totp code --count 2000000 | head -1"
        let result = try ProcessRunner.run("bash", ["-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.isEmpty)
    }

    // MARK: - Issue 14: edges found against pyotp and oathtool

    /// RFC 6238's SHA-1 key as oathtool takes it by default (hex).
    static let rfcHex = "3132333435363738393031323334353637383930"

    @Test func hexKeysAsOathtoolTakesThem() throws {
        try #require(ProcessRunner.isAvailable("oathtool"))
        let peer = try ProcessRunner.run("oathtool", ["--totp", "-d", "8", "--now=@1111111109", Self.rfcHex])
        #expect(peer.stdout == "07081804\n")
        let flag = try ProcessRunner.credkit(["totp", "code", "--hex", "--digits", "8", "--time", "1111111109"], stdin: Self.rfcHex + "\n")
        #expect(flag.stdout == peer.stdout, "\(flag.stderr)")
        let prefix = try ProcessRunner.credkit(["totp", "code", "--digits", "8", "--time", "1111111109"], stdin: "HEX:" + Self.rfcHex.uppercased())
        #expect(prefix.stdout == peer.stdout, "\(prefix.stderr)")
        let odd = try ProcessRunner.credkit(["totp", "code", "--hex"], stdin: "313")
        #expect(odd.status == 2)
        #expect(odd.stderr.contains("odd number"))
        let notHex = try ProcessRunner.credkit(["totp", "code", "--hex"], stdin: "31zz")
        #expect(notHex.stderr.contains("character 3 is not a hex digit"))
        // Without --hex, a hex key is not taken for Base32 silently.
        let bare = try ProcessRunner.credkit(["totp", "code"], stdin: Self.rfcHex)
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("--hex"))
    }

    @Test func base32WrappedByTheBase32ToolIsAccepted() throws {
        try #require(ProcessRunner.isAvailable("base32") && ProcessRunner.isAvailable("oathtool"))
        let key = try SecureRandom.bytes(count: 64)
        let wrapped = try ProcessRunner.run("base32", [], stdin: Data(key)).stdout
        #expect(wrapped.split(separator: "\n").count == 2)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try secretFile(dir, wrapped)
        let ours = try ProcessRunner.credkit(["totp", "code", "--secret-file", file, "--time", "1700000000"])
        let peer = try ProcessRunner.run("oathtool", ["--totp", "--now=@1700000000", Hex.encode(key)])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == peer.stdout)
    }

    @Test(arguments: ["steam", "Steam", "base26"])
    func unknownEncoderIsRefused(_ encoder: String) throws {
        let uri = "otpauth://totp/Steam:gabe?secret=\(Self.rfcSeed)&issuer=Steam&encoder=\(encoder)"
        let result = try ProcessRunner.credkit(["totp", "code"], stdin: uri)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "no code that would be wrong")
        #expect(result.stderr.contains("encoder '\(encoder)' is not supported"), "\(result.stderr)")
        #expect(result.stderr.contains("Steam Guard") == (encoder.lowercased() == "steam"))
    }

    @Test(arguments: [(10, true), (14, true), (15, true), (16, false), (20, false)])
    func shortSecretsAreWarnedAbout(_ bytes: Int, _ warned: Bool) throws {
        let seed = Base32.encode(try SecureRandom.bytes(count: bytes))
        let result = try ProcessRunner.credkit(["totp", "code"], stdin: seed)
        #expect(result.status == 0)
        #expect(result.stderr.contains("only \(bytes * 8) bits; RFC 4226 asks for at least 128") == warned, "\(result.stderr)")
        #expect(!result.stderr.contains(seed))
    }

    @Test(arguments: [(128, 16), (160, 20), (256, 32), (512, 64)])
    func newTakesBits(_ bits: Int, _ bytes: Int) throws {
        let result = try ProcessRunner.credkit(["totp", "new", "--bits", String(bits)])
        #expect(result.status == 0, "\(result.stderr)")
        let secretLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("secret: ") })
        #expect(try Base32.decode(String(secretLine.dropFirst(8))).count == bytes)
        let code = try ProcessRunner.credkit(["totp", "code"], stdin: String(secretLine.dropFirst(8)))
        #expect(code.status == 0 && code.stderr.isEmpty, "a new secret is never short: \(code.stderr)")
    }

    @Test(arguments: [0, 120, 130, 520])
    func newRefusesOtherBits(_ bits: Int) throws {
        let result = try ProcessRunner.credkit(["totp", "new", "--bits", String(bits)])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--bits must be a multiple of 8 from 128 to 512"))
        #expect(!result.stdout.contains("secret"))
    }

    @Test func googleAuthenticatorFileIsReadWithItsOptionsNamed() throws {
        try #require(ProcessRunner.isAvailable("oathtool"))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // As libpam-google-authenticator's google-authenticator(1) writes it (mode 0400).
        let file = try secretFile(dir, """
            \(Self.rfcSeed)
            " RATE_LIMIT 3 30 1700000000
            " WINDOW_SIZE 17
            " DISALLOW_REUSE 56666666
            " STEP_SIZE 60
            " TOTP_AUTH
            12345678
            87654321

            """, mode: 0o400)
        let ours = try ProcessRunner.credkit(["totp", "code", "--secret-file", file, "--time", "1700000000"])
        let peer = try ProcessRunner.run("oathtool", ["--totp", "--time-step-size=60s", "--now=@1700000000", Self.rfcHex])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == peer.stdout, "STEP_SIZE is honoured")
        for option in ["RATE_LIMIT", "WINDOW_SIZE", "DISALLOW_REUSE", "2 emergency scratch codes"] {
            #expect(ours.stderr.contains(option), "\(ours.stderr)")
        }
        #expect(!ours.stderr.contains("STEP_SIZE") && !ours.stderr.contains("TOTP_AUTH"))
        #expect(!ours.stderr.contains("overrides"))

        let hotpFile = try secretFile(dir, "\(Self.rfcSeed)\n\" HOTP_COUNTER 5\n", mode: 0o400)
        let wrongKind = try ProcessRunner.credkit(["totp", "code", "--secret-file", hotpFile])
        #expect(wrongKind.status == 2)
        #expect(wrongKind.stderr.contains("credkit hotp"))
        let hotp = try ProcessRunner.credkit(["hotp", "code", "--secret-file", hotpFile])
        #expect(hotp.stdout == "254676\n", "HOTP_COUNTER is the counter (RFC 4226 appendix D, count 5): \(hotp.stderr)")

        let broken = try secretFile(dir, "\(Self.rfcSeed)\n\" WINDOW_SIZE 3\nnot a code\n")
        let refused = try ProcessRunner.credkit(["totp", "code", "--secret-file", broken])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 3"), "\(refused.stderr)")
    }

    /// Issue 14: an explicit --format terminal was replaced by ascii on a pipe.
    @Test func explicitTerminalFormatIsHonouredOnAPipe() throws {
        let explicit = try ProcessRunner.credkit(["qr", "--format", "terminal"], stdin: "hello", environment: ["NO_COLOR": "1"])
        #expect(explicit.status == 0)
        #expect(explicit.stdout.contains("\u{1B}[") && explicit.stdout.contains("▀"))
        #expect(!explicit.stderr.contains("note:"))
        let byDefault = try ProcessRunner.credkit(["qr"], stdin: "hello", environment: ["NO_COLOR": ""])
        #expect(!byDefault.stdout.contains("\u{1B}["))
        #expect(byDefault.stderr.contains("not a terminal"))
        let utf8 = try ProcessRunner.credkit(["qr", "--format", "utf8", "--margin", "2"], stdin: "hello")
        let peer = try ProcessRunner.run("qrencode", ["-t", "UTF8", "-l", "M", "-m", "2", "hello"])
        #expect(utf8.stdout == peer.stdout, "--format utf8 draws as qrencode -t UTF8")
    }
}
