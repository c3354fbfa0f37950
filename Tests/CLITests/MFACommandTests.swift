import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Foundation
import Testing

/// `credkit mfa enroll` and `show`, driven the way a person with a phone would.
@Suite("credkit mfa")
struct MFACommandTests {
    /// The QR picture printed after the "Scan this QR code" line: ascii (`##`) or utf8 half
    /// blocks (light modules drawn, as `qrencode -t UTF8`), as a bitmap with `true` for dark.
    static func printedCode(in stdout: String) throws -> Bitmap {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let picture = lines.drop { !$0.hasPrefix("Scan this QR code") }.dropFirst()
            .prefix { !$0.isEmpty && $0.allSatisfy { "# █▀▄".contains($0) } }
        try #require(!picture.isEmpty, "no QR code after the 'Scan this QR code' line")
        if picture.contains(where: { $0.contains("#") }) {
            return try TextPictures.parseASCII(picture.joined(separator: "\n") + "\n")
        }
        var rows: [[Bool]] = []
        for line in picture {
            // A drawn half is light; a blank half is dark (the terminal's dark background).
            rows.append(line.map { !($0 == "█" || $0 == "▀") })
            rows.append(line.map { !($0 == "█" || $0 == "▄") })
        }
        return Bitmap(rows: rows)
    }

    /// The URI the enrollment printed, after proving that its QR code scans to the same text
    /// and that the URI and seed come before the code (so a small terminal keeps the code whole).
    static func scannedURI(from stdout: String) throws -> String {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let uriIndex = try #require(lines.firstIndex { $0.hasPrefix("URI:  ") })
        let scanIndex = try #require(lines.firstIndex { $0.hasPrefix("Scan this QR code") })
        #expect(uriIndex < scanIndex, "the URI is printed above the code")
        let uri = String(lines[uriIndex].dropFirst(6))
        // The terminal around the code may be dark: the printed quiet zone must be enough.
        let picture = try printedCode(in: stdout).padded(by: 4, dark: true)
        #expect(String(decoding: try QRReader.decode(picture), as: UTF8.self) == uri)
        return uri
    }

    static func codes(for uri: String, offsets: [Int]) throws -> [String] {
        let totp = try OTPAuthURI.parse(Array(uri.utf8)).totp()
        let now = try totp.step(at: Int64(Date().timeIntervalSince1970))
        return offsets.map { totp.code(step: UInt64(Int(now) + $0)) }
    }

    /// Starts an enrollment for `account` saving to `seedFile`, waits for the first prompt,
    /// and returns the session with the URI scanned from its QR code.
    private func startEnrollment(_ account: String, _ seedFile: String, _ extra: [String] = [],
                                 environment: [String: String] = ["NO_COLOR": ""]) throws -> (InteractiveSession, String) {
        let session = try InteractiveSession(Fixtures.credkitBinary.path, [
            "mfa", "enroll", "--issuer", "ACME", "--account", account, "--secret-file", seedFile,
        ] + extra, environment: environment)
        try #require(session.waitFor("first code"), "\(session.stderr)")
        return (session, try Self.scannedURI(from: session.stdout))
    }

    private func waitFor(_ session: InteractiveSession, _ marker: String, count: Int) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if session.stderr.components(separatedBy: marker).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    private func saved(_ seedFile: String) throws -> String {
        let mode = try FileManager.default.attributesOfItem(atPath: seedFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        return try String(contentsOfFile: seedFile, encoding: .utf8)
    }

    @Test func enrollWithTwoConsecutiveCodesSavesTheSeed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("alice.otpauth")
        let session = try InteractiveSession(Fixtures.credkitBinary.path, [
            "mfa", "enroll", "--issuer", "Bücher & Söhne", "--account", "alice@example.com", "--secret-file", seedFile,
        ], environment: ["NO_COLOR": ""])
        #expect(session.waitFor("first code"), "\(session.stderr)")
        let uri = try Self.scannedURI(from: session.stdout)
        #expect(uri.hasPrefix("otpauth://totp/B%C3%BCcher%20%26%20S%C3%B6hne:alice@example.com?secret="))
        let seedLine = try #require(session.stdout.split(separator: "\n").first { $0.hasPrefix("Seed: ") })
        let groups = seedLine.dropFirst(6).split(separator: " ").prefix(8)
        #expect(groups.allSatisfy { $0.count == 4 })
        #expect(uri.contains("secret=\(groups.joined())&"))
        #expect(!FileManager.default.fileExists(atPath: seedFile), "nothing is saved before the codes are checked")

        let pair = try Self.codes(for: uri, offsets: [0, 1])
        session.send(pair[0])
        #expect(session.waitFor("next code"))
        session.send(pair[1])
        let status = session.finish()
        #expect(status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("MFA device enrolled"))
        #expect(try saved(seedFile) == uri + "\n")
        #expect(session.stderr.contains("note: standard output is not a terminal"))
    }

    @Test(arguments: [
        ([0, 2], ["not consecutive"]),
        ([1, 0], ["not consecutive"]),
        // The 30-second step can roll over between computing the codes and checking them.
        ([14, 15], ["clock is off by 15 steps", "clock is off by 14 steps"]),
    ])
    func failedCheckSavesNothing(_ offsets: [Int], _ reasons: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("bob.otpauth")
        let (session, uri) = try startEnrollment("bob", seedFile, ["--format", "ascii"])
        let pair = try Self.codes(for: uri, offsets: offsets)
        session.send(pair[0])
        session.send(pair[1])
        // The end of input answers the offer to try again.
        let status = session.finish()
        #expect(status == 1)
        #expect(reasons.contains { session.stderr.contains($0) }, "\(session.stderr)")
        #expect(session.stderr.contains("Try again with the same seed"))
        #expect(session.stderr.contains("nothing was saved"))
        #expect(!FileManager.default.fileExists(atPath: seedFile))
    }

    /// Issue 14: one failed pair ended the run and the next run made a new seed.
    @Test(arguments: [[0, 2], [14, 15]])
    func failedPairIsRetriedWithTheSameSeed(_ offsets: [Int]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("frank.otpauth")
        let (session, uri) = try startEnrollment("frank", seedFile)
        let bad = try Self.codes(for: uri, offsets: offsets)
        session.send(bad[0])
        session.send(bad[1])
        #expect(session.waitFor("Try again with the same seed"), "\(session.stderr)")
        #expect(!FileManager.default.fileExists(atPath: seedFile))
        session.send("y")
        #expect(waitFor(session, "first code", count: 2), "\(session.stderr)")
        #expect(session.stdout.components(separatedBy: "URI:  ").count == 2, "the seed is not shown again or replaced")
        let good = try Self.codes(for: uri, offsets: [0, 1])
        session.send(good[0])
        session.send(good[1])
        let status = session.finish()
        #expect(status == 0, "\(session.stderr)")
        #expect(session.stderr.contains("Try 2 of 3"))
        #expect(try saved(seedFile) == uri + "\n", "the seed the phone scanned is the one saved")
    }

    @Test func threeFailedPairsEndTheRunAndSaveNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("gina.otpauth")
        let (session, uri) = try startEnrollment("gina", seedFile)
        let bad = try Self.codes(for: uri, offsets: [0, 3])
        for attempt in 1...3 {
            session.send(bad[0])
            session.send(bad[1])
            if attempt < 3 {
                #expect(waitFor(session, "Try again with the same seed", count: attempt), "\(session.stderr)")
                session.send("")
                #expect(waitFor(session, "first code", count: attempt + 1), "\(session.stderr)")
            }
        }
        let status = session.finish()
        #expect(status == 1)
        #expect(session.stderr.contains("after 3 tries"), "\(session.stderr)")
        #expect(session.stderr.contains("nothing was saved"))
        #expect(!FileManager.default.fileExists(atPath: seedFile))
    }

    /// Issue 14: a typo, a five-digit code or the same code twice ended the run.
    @Test func codesThatCannotBeRightAreRefusedAtOnceAndAskedAgain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("hank.otpauth")
        let (session, uri) = try startEnrollment("hank", seedFile)
        let good = try Self.codes(for: uri, offsets: [0, 1])
        // A code for another seed cannot match this one anywhere near now.
        let typo = try Self.codes(for: "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", offsets: [0])[0]
        let answers: [(String, String)] = [
            (String(good[0].prefix(5)), "that is 5 digits; the app shows 6"),
            (String(good[0].prefix(3)) + "o" + String(good[0].dropFirst(4)), "'o' is not a digit"),
            ("", "no code was typed"),
            (typo == good[0] ? "000000" : typo, "does not match this seed"),
        ]
        for (number, (typed, reason)) in answers.enumerated() {
            session.send(typed)
            #expect(waitFor(session, "refused: ", count: number + 1), "\(session.stderr)")
            #expect(session.stderr.contains(reason), "\(session.stderr)")
        }
        // Spaces inside a code are fine.
        session.send(String(good[0].prefix(3)) + " " + String(good[0].dropFirst(3)))
        #expect(session.waitFor("next code"), "\(session.stderr)")
        session.send(good[0])
        #expect(waitFor(session, "refused: ", count: answers.count + 1))
        #expect(session.stderr.contains("that is the first code again"))
        session.send(good[1])
        let status = session.finish()
        #expect(status == 0, "\(session.stderr)")
        #expect(try saved(seedFile) == uri + "\n")
    }

    /// Issue 14: with no folder for --secret-file, the QR was shown and the save failed after the codes.
    @Test func missingFolderIsRefusedBeforeTheSeedIsShown() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("mfa/deeper/ivan.otpauth")
        let refused = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "ACME", "--account", "ivan", "--secret-file", seedFile],
                                                stdin: "000000\n111111\n")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("does not exist"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--create-dirs"))
        #expect(!refused.stdout.contains("otpauth://"), "no seed is shown when it could not be saved")

        // --create-dirs makes private folders, and removes them again when nothing is saved.
        let (failing, _) = try startEnrollment("ivan", seedFile, ["--create-dirs"])
        var mode = try FileManager.default.attributesOfItem(atPath: dir.path("mfa"))[.posixPermissions] as? Int
        #expect(mode == 0o700)
        _ = failing.finish()
        #expect(!FileManager.default.fileExists(atPath: dir.path("mfa")), "folders made for a seed that was not saved are removed")

        let (session, uri) = try startEnrollment("ivan", seedFile, ["--create-dirs"])
        let good = try Self.codes(for: uri, offsets: [0, 1])
        session.send(good[0])
        session.send(good[1])
        #expect(session.finish() == 0, "\(session.stderr)")
        mode = try FileManager.default.attributesOfItem(atPath: dir.path("mfa/deeper"))[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try saved(seedFile) == uri + "\n")
    }

    @Test(arguments: [
        // /proc takes no new files, even for root.
        ("/proc/credkit-test.otpauth", "cannot create a file in '/proc'"),
        ("FILE/x.otpauth", "is not a folder"),
        ("DIR", "is a folder"),
    ])
    func unusableSecretFileIsRefusedBeforeTheSeedIsShown(_ target: String, _ reason: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: dir.path("FILE")))
        try FileManager.default.createDirectory(atPath: dir.path("DIR"), withIntermediateDirectories: false)
        let path = target.hasPrefix("/") ? target : dir.path(target)
        let result = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "ACME", "--account", "judy", "--secret-file", path, "--force"],
                                               stdin: "000000\n111111\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(!result.stdout.contains("otpauth://"))
    }

    @Test func wrongCodesAndExistingFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("carol.otpauth")
        let wrong = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "ACME", "--account", "carol", "--secret-file", seedFile],
                                              stdin: "000000\n111111\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("code"))
        #expect(!FileManager.default.fileExists(atPath: seedFile))

        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: seedFile))
        let exists = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "ACME", "--account", "carol", "--secret-file", seedFile],
                                               stdin: "000000\n111111\n")
        #expect(exists.status == 2)
        #expect(exists.stderr.contains("--force"))
        #expect(!exists.stdout.contains("otpauth://"), "no seed is shown when it could not be saved")
        #expect(try String(contentsOfFile: seedFile, encoding: .utf8) == "keep me\n")

        let noCodes = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "ACME", "--account", "dave", "--secret-file", dir.path("d")], stdin: "")
        #expect(noCodes.status == 1)
        #expect(noCodes.stderr.contains("no code was entered"))
    }

    /// Issue 14: in an 80x24 terminal the top of the code scrolled away.
    @Test(arguments: ["utf8", "terminal"])
    func codeAndPromptFitAnEightyByTwentyFourTerminal(_ format: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("kate.otpauth")
        let created = try ProcessRunner.credkit(["totp", "new", "--issuer", "ACME Corporation", "--account", "kate.longname@example.com", "--output", seedFile])
        #expect(created.status == 0)
        let shown = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile, "--format", format],
                                              environment: ["LINES": "24", "COLUMNS": "80", "NO_COLOR": ""])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(!shown.stderr.contains("scroll away") && !shown.stderr.contains("wrap"), "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let scan = try #require(lines.firstIndex { $0.hasPrefix("Scan this QR code") })
        // The header, the code, and the prompt that follows it in enroll.
        #expect(lines.count - scan + 1 <= 24, "\(lines.count - scan + 1) lines")
        let visible = lines.map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }
        #expect(visible.allSatisfy { $0.count <= 80 || $0.hasPrefix("URI:") }, "\(visible.map(\.count))")
        if format == "utf8" {
            #expect(try Self.scannedURI(from: shown.stdout) == String(contentsOfFile: seedFile, encoding: .utf8).trimmingCharacters(in: .newlines))
        } else {
            #expect(shown.stdout.contains("\u{1B}["), "an explicit --format terminal is honoured on a pipe")
            #expect(!shown.stderr.contains("note:"))
        }
    }

    /// Issue 14: with NO_COLOR the too-tall warning advised options that `mfa enroll` refused.
    @Test func adviceInTheSizeWarningIsAccepted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("leo.otpauth")
        #expect(try ProcessRunner.credkit(["totp", "new", "--account", "leo", "--output", seedFile]).status == 0)
        let small = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile, "--format", "ascii"],
                                              environment: ["LINES": "24"])
        #expect(small.status == 0)
        let warning = try #require(small.stderr.split(separator: "\n").first { $0.contains("scroll away") }, "\(small.stderr)")
        let options = warning.split(separator: " ").filter { $0.hasPrefix("--") }.map(String.init)
        #expect(options.contains("--format") && options.contains("--ec"), "\(warning)")
        let followed = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile, "--format", "utf8", "--ec", "L"],
                                                 environment: ["LINES": "24"])
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(!followed.stderr.contains("scroll away"), "\(followed.stderr)")
        for format in ["terminal", "ascii", "utf8"] {
            let result = try ProcessRunner.credkit(["mfa", "enroll", "--issuer", "A", "--account", "b", "--secret-file", dir.path("x"),
                                                    "--format", format, "--margin", "2", "--ec", "L"], stdin: "")
            #expect(result.status == 1, "enroll takes the advised options: \(result.stderr)")
        }
    }

    /// On a terminal (script(1) gives it one): NO_COLOR draws utf8 half blocks that scan, and
    /// the run ends by offering to clear the screen and scrollback, where the seed stays otherwise.
    @Test(.enabled(if: ProcessRunner.isAvailable("script")), arguments: ["y", "n"])
    func onATerminalTheScreenCanBeCleared(_ answer: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("nora.otpauth")
        let command = "'\(Fixtures.credkitBinary.path)' mfa enroll --issuer ACME --account nora --secret-file '\(seedFile)'"
        let session = try InteractiveSession("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"])
        try #require(session.waitFor("first code"), "\(session.stdout)")
        let screen = session.stdout.replacingOccurrences(of: "\r", with: "")
        #expect(screen.contains("--format utf8"), "NO_COLOR on a terminal draws half blocks without colour")
        #expect(!screen.contains("\u{1B}["))
        let uri = try Self.scannedURI(from: screen)
        let good = try Self.codes(for: uri, offsets: [0, 1])
        session.send(good[0])
        #expect(session.waitFor("next code"))
        session.send(good[1])
        #expect(session.waitFor("Clear them now? [Y/n]"), "\(session.stdout)")
        session.send(answer)
        #expect(session.waitFor("Seed saved"), "\(session.stdout)")
        _ = session.finish()
        let output = session.stdout
        #expect(try saved(seedFile) == uri + "\n")
        if answer == "y" {
            let cleared = try #require(output.range(of: "\u{1B}[H\u{1B}[2J\u{1B}[3J"))
            #expect(output[cleared.upperBound...].contains("MFA device enrolled"), "the result is printed after the clear")
        } else {
            #expect(!output.contains("\u{1B}[3J"))
            #expect(output.contains("not cleared"))
        }
    }

    /// The default quiet zone was measured: the code still decodes with zbarimg and zxing-cpp
    /// when the terminal around it is dark, and one module less does not.
    @Test(.enabled(if: ZXingReader.isAvailable), arguments: ["L", "M", "Q"])
    func defaultMarginScansOnADarkTerminal(_ level: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("mia.otpauth")
        #expect(try ProcessRunner.credkit(["totp", "new", "--issuer", "ACME Corporation", "--account", "mia@example.com", "--output", seedFile]).status == 0)
        let uri = try String(contentsOfFile: seedFile, encoding: .utf8).trimmingCharacters(in: .newlines)
        func picture(margin: [String]) throws -> Bitmap {
            let shown = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile, "--format", "ascii", "--ec", level] + margin)
            #expect(shown.status == 0, "\(shown.stderr)")
            return try Self.printedCode(in: shown.stdout).padded(by: 8, dark: true)
        }
        let byDefault = try picture(margin: [])
        #expect(String(decoding: try QRReader.decode(byDefault), as: UTF8.self) == uri)
        #expect(try ZXingReader.decode(byDefault) == uri)
        let none = try picture(margin: ["--margin", "0"])
        #expect(throws: (any Error).self) { try QRReader.decode(none) }
        #expect(throws: (any Error).self) { try ZXingReader.decode(none) }
    }

    @Test func showRedisplaysWithAWarning() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("erin.otpauth")
        let created = try ProcessRunner.credkit(["totp", "new", "--issuer", "ACME", "--account", "erin", "--output", seedFile])
        #expect(created.status == 0)
        let stored = try String(contentsOfFile: seedFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stderr.contains("warning: showing the seed"))
        #expect(try Self.scannedURI(from: shown.stdout) == stored)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: seedFile)
        let open = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile])
        #expect(open.status == 2)
        #expect(open.stderr.contains("chmod 600"))
    }
}
