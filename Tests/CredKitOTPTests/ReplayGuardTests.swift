import CredKitCrypto
import CredKitOTP
import CredKitTestSupport
import Foundation
import Testing

@Suite struct ReplayGuardTests {
    @Test func acceptsOnlyLaterSteps() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let guardFile = ReplayGuard(stateFile: dir.path("state.json"))
        var seen: [UInt64?] = []
        let first = try guardFile.accept(secret: "s1") { last in
            seen.append(last)
            return 100
        }
        #expect(first == 100)
        // A verifier that ignored the bound must still not have its step recorded.
        let replayed = try guardFile.accept(secret: "s1") { last in
            seen.append(last)
            return 100
        }
        #expect(replayed == nil)
        #expect(seen == [nil, 100])
        #expect(try guardFile.accept(secret: "s1") { _ in 101 } == 101)
        #expect(try guardFile.readState()?.lastStep == 101)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("state.json"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusesAnotherSecretsState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let guardFile = ReplayGuard(stateFile: dir.path("state.json"))
        _ = try guardFile.accept(secret: "s1") { _ in 5 }
        #expect(throws: OTPError.self) { try guardFile.accept(secret: "s2") { _ in 6 } }
    }

    @Test func corruptStateIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("not json".utf8).write(to: dir.url.appendingPathComponent("state.json"))
        do {
            _ = try ReplayGuard(stateFile: dir.path("state.json")).accept(secret: "s") { _ in 1 }
            Issue.record("corrupt state accepted")
        } catch let error as OTPError {
            #expect(error.reason.contains("state.json"))
        }
        // Nothing was lost: the file is untouched.
        #expect(try String(contentsOfFile: dir.path("state.json"), encoding: .utf8) == "not json")
    }

    // Regression: a state file anyone could write was used silently; whoever can write it can
    // roll the last step back and replay a code.
    @Test(arguments: [0o666, 0o620, 0o602])
    func groupOrWorldWritableStateIsRefused(mode: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("state.json")
        let guardFile = ReplayGuard(stateFile: path)
        _ = try guardFile.accept(secret: "s") { _ in 5 }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        #expect {
            try guardFile.accept(secret: "s") { _ in 6 }
        } throws: { error in
            let reason = (error as? OTPError)?.reason ?? ""
            return reason.contains("chmod 600 \(path)") && reason.contains(String(mode, radix: 8)) && reason.contains("writable")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    // Regression: /dev/null, a folder or a FIFO as --state was refused with a stale
    // "Inappropriate ioctl for device".
    @Test func stateThatIsNotARegularFileIsNamedForWhatItIs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = dir.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for (path, kind) in [("/dev/null", "a character device"), (folder, "a directory"), (fifo, "a FIFO")] {
            #expect {
                try ReplayGuard(stateFile: path).accept(secret: "s") { _ in 1 }
            } throws: { error in
                let reason = (error as? OTPError)?.reason ?? ""
                return reason.contains("'\(path)' is \(kind)") && !reason.contains("ioctl")
            }
        }
        // Refused before a lock file is made next to it.
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.lock"))
        #expect(!FileManager.default.fileExists(atPath: fifo + ".lock"))
    }

    @Test func stateAtTheSizeLimitIsRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("state.json")
        let json = #"{"last_step":7,"secret":"s","version":1}"#
        let padded = json + String(repeating: " ", count: ReplayGuard.maximumStateBytes - json.utf8.count)
        try SecretFile.write(Array(padded.utf8), to: path, existing: .refuse)
        #expect(try ReplayGuard(stateFile: path).readState()?.lastStep == 7)
    }

    @Test func statePastTheSizeLimitIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("state.json")
        let json = #"{"last_step":7,"secret":"s","version":1}"#
        let padded = json + String(repeating: " ", count: ReplayGuard.maximumStateBytes + 1 - json.utf8.count)
        try SecretFile.write(Array(padded.utf8), to: path, existing: .refuse)
        #expect {
            _ = try ReplayGuard(stateFile: path).readState()
        } throws: { error in
            ((error as? OTPError)?.reason ?? "").contains("maximumStateBytes")
        }
    }

    @Test func fingerprintIsStableAndOneWay() throws {
        let secret = try SecureRandom.secret(count: 20)
        #expect(ReplayGuard.fingerprint(of: secret) == ReplayGuard.fingerprint(of: secret))
        #expect(ReplayGuard.fingerprint(of: secret) != ReplayGuard.fingerprint(of: try SecureRandom.secret(count: 20)))
        #expect(!ReplayGuard.fingerprint(of: secret).contains(Hex.encode(secret.withUnsafeBytes { Array($0) }).prefix(8)))
    }

    @Test func threadsRacingAcceptOnce() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("state.json")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    (try? ReplayGuard(stateFile: path).accept(secret: "s") { last in last == nil || last! < 7 ? 7 : nil }) != nil
                }
            }
            var accepted: [Bool] = []
            for await result in group { accepted.append(result) }
            return accepted
        }
        #expect(results.filter { $0 }.count == 1)
    }
}
