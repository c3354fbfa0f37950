import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Foundation
import Testing

/// `credkit mfa enroll` and `show`, driven the way a person with a phone would.
@Suite("credkit mfa")
struct MFACommandTests {
    /// The URI the enrollment printed, after proving that its QR code scans to the same text.
    private func scannedURI(from stdout: String) throws -> String {
        let uriLine = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("URI:  ") })
        let uri = String(uriLine.dropFirst(6))
        // The QR code: the ascii block between the first blank line and the URI line.
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let qrLines = lines.drop { !$0.hasPrefix("Scan this QR code") }.dropFirst(2).prefix { !$0.isEmpty }
        let picture = try TextPictures.parseASCII(qrLines.joined(separator: "\n") + "\n")
        let decoded = try QRReader.decode(picture)
        #expect(String(decoding: decoded, as: UTF8.self) == uri)
        return uri
    }

    private func codes(for uri: String, offsets: [Int]) throws -> [String] {
        let totp = try OTPAuthURI.parse(Array(uri.utf8)).totp()
        let now = try totp.step(at: Int64(Date().timeIntervalSince1970))
        return offsets.map { totp.code(step: UInt64(Int(now) + $0)) }
    }

    @Test func enrollWithTwoConsecutiveCodesSavesTheSeed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seedFile = dir.path("alice.otpauth")
        let session = try InteractiveSession(Fixtures.credkitBinary.path, [
            "mfa", "enroll", "--issuer", "Bücher & Söhne", "--account", "alice@example.com", "--secret-file", seedFile,
        ], environment: ["NO_COLOR": ""])
        #expect(session.waitFor("first code"), "\(session.stderr)")
        let uri = try scannedURI(from: session.stdout)
        #expect(uri.hasPrefix("otpauth://totp/B%C3%BCcher%20%26%20S%C3%B6hne:alice@example.com?secret="))
        let seedLine = try #require(session.stdout.split(separator: "\n").first { $0.hasPrefix("Seed: ") })
        let groups = seedLine.dropFirst(6).split(separator: " ").prefix(8)
        #expect(groups.allSatisfy { $0.count == 4 })
        #expect(uri.contains("secret=\(groups.joined())&"))
        #expect(!FileManager.default.fileExists(atPath: seedFile), "nothing is saved before the codes are checked")

        let pair = try codes(for: uri, offsets: [0, 1])
        session.send(pair[0])
        #expect(session.waitFor("next code"))
        session.send(pair[1])
        let status = session.finish()
        #expect(status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("MFA device enrolled"))
        let mode = try FileManager.default.attributesOfItem(atPath: seedFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: seedFile, encoding: .utf8) == uri + "\n")
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
        let session = try InteractiveSession(Fixtures.credkitBinary.path, [
            "mfa", "enroll", "--issuer", "ACME", "--account", "bob", "--secret-file", seedFile, "--format", "ascii",
        ])
        #expect(session.waitFor("first code"))
        let uri = try scannedURI(from: session.stdout)
        let pair = try codes(for: uri, offsets: offsets)
        session.send(pair[0])
        session.send(pair[1])
        let status = session.finish()
        #expect(status == 1)
        #expect(reasons.contains { session.stderr.contains($0) }, "\(session.stderr)")
        #expect(session.stderr.contains("nothing was saved"))
        #expect(!FileManager.default.fileExists(atPath: seedFile))
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
        #expect(try scannedURI(from: shown.stdout) == stored)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: seedFile)
        let open = try ProcessRunner.credkit(["mfa", "show", "--secret-file", seedFile])
        #expect(open.status == 2)
        #expect(open.stderr.contains("chmod 600"))
    }
}
