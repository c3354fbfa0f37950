import CredKitOTP
import CredKitTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `credkit mfa enroll --iam-user`, `mfa list` and `mfa resync` against a real moto server with
/// signature checking on, driven like an administrator with a phone: through a pseudo-terminal
/// (script(1)) sized 80x24, decoding the QR code drawn on it and typing codes computed from
/// the seed that the code decodes to.
@Suite("credkit mfa with AWS (moto)", .motoServer, .serialized, .enabled(if: ProcessRunner.isAvailable("script")))
struct MFAEnrollAWSTests {
    /// credkit's environment: the given key, no profile files, no real AWS.
    static func environment(id: String, secret: String) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": id, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-east-1", "AWS_PROFILE": "",
         "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "NO_COLOR": "1"]
    }

    static func admin(_ server: MotoServer) -> [String: String] {
        environment(id: server.adminAccessKeyID, secret: server.adminSecretAccessKey)
    }

    /// Runs botocore (an independent client) against moto as the administrator: `body` uses
    /// `c` and `args`, and prints JSON.
    @discardableResult
    static func botocore(_ server: MotoServer, _ body: String, _ arguments: [String] = []) throws -> Any {
        let script = """
        import botocore.session, json, sys
        c = botocore.session.get_session().create_client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
            aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
        args = sys.argv[4:]
        \(body)
        """
        let result = try ProcessRunner.run("python3", ["-c", script, server.endpoint.absoluteString,
                                                       server.adminAccessKeyID, server.adminSecretAccessKey] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.stdoutData, options: .fragmentsAllowed)
    }

    static func createUser(_ server: MotoServer, _ label: String) throws -> String {
        let name = "\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        try botocore(server, "c.create_user(UserName=args[0]); print('null')", [name])
        return name
    }

    /// Serial numbers of the user's MFA devices, as moto holds them.
    static func assignedDevices(_ server: MotoServer, _ user: String) throws -> [String] {
        try botocore(server, "print(json.dumps([d['SerialNumber'] for d in c.list_mfa_devices(UserName=args[0])['MFADevices']]))", [user])
            as? [String] ?? []
    }

    /// Serial numbers of every virtual MFA device in the account.
    static func virtualDevices(_ server: MotoServer) throws -> [String] {
        try botocore(server, "print(json.dumps([d['SerialNumber'] for d in c.list_virtual_mfa_devices()['VirtualMFADevices']]))")
            as? [String] ?? []
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Starts `credkit mfa enroll --iam-user USER` on an 80x24 pseudo-terminal.
    static func startEnrollment(_ user: String, endpoint: String, environment: [String: String], _ extra: [String] = []) throws
        -> (InteractiveSession, [String]) {
        let arguments = ["mfa", "enroll", "--iam-user", user, "--endpoint-url", endpoint] + extra
        let command = "stty rows 24 cols 80; exec " + ([Fixtures.credkitBinary.path] + arguments).map(quoted).joined(separator: " ")
        let session = try InteractiveSession("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
        return (session, arguments)
    }

    /// The terminal's text so far, without carriage returns.
    static func screen(_ session: InteractiveSession) -> String { session.stdout.replacingOccurrences(of: "\r", with: "") }

    /// What the QR code drawn on the terminal decodes to (zbarimg), after checking that the code
    /// and the prompt below it fit 80x24.
    static func scanned(_ session: InteractiveSession) throws -> String {
        let text = screen(session)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scan = try #require(lines.firstIndex { $0.hasPrefix("Scan this QR code") }, "\(text)")
        let prompt = try #require(lines.firstIndex { $0.contains("Enter the first code") }, "\(text)")
        #expect(prompt - scan + 1 <= 24, "the code and the prompt take \(prompt - scan + 1) lines")
        // The URI and the seed come first and may wrap (moto's seeds are twice AWS's 160 bits);
        // everything from the code down must not.
        let wide = lines[scan...].filter { $0.count > 80 }
        #expect(wide.isEmpty, "wider than 80 columns: \(wide)")
        #expect(!text.contains("scroll away") && !text.contains("wrap"), "\(text)")
        let picture = try MFACommandTests.printedCode(in: text).padded(by: 4, dark: true)
        let decoded = String(decoding: try QRReader.decode(picture), as: UTF8.self)
        #expect(decoded.hasPrefix("otpauth://totp/AWS:"), "\(decoded.prefix(30))")
        return decoded
    }

    /// Checks a finished PTY run for the AWS secret key, and for the seed anywhere but the
    /// URI line shown for scanning (the seed line groups it in fours).
    static func checkLeaks(_ session: InteractiveSession, status: Int32, arguments: [String], environment: [String: String]) {
        let printed = screen(session).split(separator: "\n").filter { !$0.hasPrefix("URI:  ") }.joined(separator: "\n")
        let result = ProcessResult(status: status, stdout: "", stderr: printed, stdoutData: Data())
        SecretLeakCheck.check(result, arguments: arguments, stdin: nil, environment: environment, currentDirectory: nil, signalled: false)
    }

    static func waitFor(_ session: InteractiveSession, _ marker: String, count: Int) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if screen(session).components(separatedBy: marker).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    @Test func assignsAVirtualDeviceWithCodesFromTheScannedSeed() throws {
        let server = try MotoServer.require()
        let user = try Self.createUser(server, "ann")
        let environment = Self.admin(server)
        let (session, arguments) = try Self.startEnrollment(user, endpoint: server.endpoint.absoluteString, environment: environment)
        try #require(session.waitFor("first code", timeout: 60), "\(Self.screen(session))")
        let uri = try Self.scanned(session)
        #expect(uri.contains(user + "@"), "the app shows the user and the account")
        let serial = try #require(try Self.virtualDevices(server).first { $0.hasSuffix(":mfa/\(user)") })
        #expect(try Self.assignedDevices(server, user).isEmpty, "not assigned before the codes")

        let good = try MFACommandTests.codes(for: uri, offsets: [0, 1])
        session.send(good[0])
        #expect(session.waitFor("next code"))
        session.send(good[1])
        #expect(session.waitFor("Clear them now? [Y/n]"), "\(Self.screen(session))")
        session.send("y")
        #expect(session.waitFor("MFA device assigned"), "\(Self.screen(session))")
        let status = session.finish()
        #expect(status == 0, "\(Self.screen(session))")
        Self.checkLeaks(session, status: status, arguments: arguments, environment: environment)
        #expect(Self.screen(session).contains("MFA device assigned: \(serial) to '\(user)'"))
        #expect(try Self.assignedDevices(server, user) == [serial])

        let listed = try ProcessRunner.credkit(["mfa", "list", "--iam-user", user, "--endpoint-url", server.endpoint.absoluteString],
                                               environment: environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(serial))
        #expect(listed.stdout.contains("Every user with a console password has an MFA device."))
    }

    /// moto's EnableMFADevice accepts any two codes, so a loopback proxy in front of it
    /// (Vectors/aws/mfa_code_checking_proxy.py) checks them against the seed moto returned and
    /// answers AWS's InvalidAuthenticationCode error for a wrong pair.
    @Test func wrongPairIsRefusedByAWSThenTheSameDeviceIsAssigned() throws {
        let server = try MotoServer.require()
        let proxy = try CodeCheckingProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let copy = dir.path("keys/bob.otpauth")
        let user = try Self.createUser(server, "bob")
        let environment = Self.admin(server)
        let (session, arguments) = try Self.startEnrollment(user, endpoint: proxy.endpoint, environment: environment,
                                                            ["--secret-file", copy, "--create-dirs", "--tag", "team=ops"])
        try #require(session.waitFor("first code", timeout: 60), "\(Self.screen(session))")
        let uri = try Self.scanned(session)
        // Both codes match the seed near now, so credkit sends them; AWS (the proxy) refuses them.
        let bad = try MFACommandTests.codes(for: uri, offsets: [0, 2])
        session.send(bad[0])
        #expect(session.waitFor("next code"))
        session.send(bad[1])
        #expect(session.waitFor("Try again with the same device"), "\(Self.screen(session))")
        #expect(Self.screen(session).contains("those codes do not work: AWS did not accept them"))
        #expect(try Self.assignedDevices(server, user).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: copy), "no copy before AWS accepts the codes")
        session.send("y")
        #expect(Self.waitFor(session, "first code", count: 2), "\(Self.screen(session))")
        #expect(Self.screen(session).components(separatedBy: "URI:  ").count == 2, "the same seed, shown once")
        let good = try MFACommandTests.codes(for: uri, offsets: [0, 1])
        session.send(good[0])
        #expect(Self.waitFor(session, "next code", count: 2))
        session.send(good[1])
        #expect(session.waitFor("Clear them now? [Y/n]"), "\(Self.screen(session))")
        session.send("n")
        let status = session.finish()
        #expect(status == 0, "\(Self.screen(session))")
        Self.checkLeaks(session, status: status, arguments: arguments, environment: environment)
        let serial = try #require(try Self.assignedDevices(server, user).first)
        #expect(try proxy.log() == ["rejected \(serial)", "accepted \(serial)"], "AWS's check saw both pairs")
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == uri + "\n", "the copy is the seed the phone scanned")
    }

    @Test func givingUpDeletesTheUnassignedDevice() throws {
        let server = try MotoServer.require()
        let proxy = try CodeCheckingProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let user = try Self.createUser(server, "cy")
        let environment = Self.admin(server)
        let (session, arguments) = try Self.startEnrollment(user, endpoint: proxy.endpoint, environment: environment,
                                                            ["--device-name", "\(user)-phone"])
        try #require(session.waitFor("first code", timeout: 60), "\(Self.screen(session))")
        let uri = try Self.scanned(session)
        #expect(try Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(user)-phone") })
        let bad = try MFACommandTests.codes(for: uri, offsets: [0, 3])
        session.send(bad[0])
        session.send(bad[1])
        #expect(session.waitFor("Try again with the same device"), "\(Self.screen(session))")
        session.send("n")
        let status = session.finish()
        #expect(status == 1, "\(Self.screen(session))")
        Self.checkLeaks(session, status: status, arguments: arguments, environment: environment)
        let text = Self.screen(session)
        #expect(text.contains("was deleted in AWS"), "\(text)")
        #expect(text.contains("Delete the entry you added in the app"))
        #expect(try !Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(user)-phone") }, "nothing is left behind")
        #expect(try Self.assignedDevices(server, user).isEmpty)
    }

    /// Ctrl-C at the prompt is giving up too: the device is deleted before credkit exits.
    @Test func interruptAtThePromptDeletesTheDevice() throws {
        let server = try MotoServer.require()
        let user = try Self.createUser(server, "dee")
        let environment = Self.admin(server)
        let (session, arguments) = try Self.startEnrollment(user, endpoint: server.endpoint.absoluteString, environment: environment)
        try #require(session.waitFor("first code", timeout: 60), "\(Self.screen(session))")
        #expect(try Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(user)") })
        session.send("\u{03}")
        #expect(session.waitFor("enrollment interrupted"), "\(Self.screen(session))")
        let status = session.finish()
        #expect(status == 130, "\(Self.screen(session))")
        Self.checkLeaks(session, status: status, arguments: arguments, environment: environment)
        #expect(Self.screen(session).contains("was deleted in AWS"))
        #expect(try !Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(user)") })
    }

    /// A user allowed only `actions` (an inline policy), with an access key.
    static func limitedUser(_ server: MotoServer, _ actions: [String]) throws -> (name: String, environment: [String: String]) {
        let name = try createUser(server, "limited")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":ACTIONS,"Resource":"*"}]}"#
            .replacingOccurrences(of: "ACTIONS", with: "[" + actions.map { "\"\($0)\"" }.joined(separator: ",") + "]")
        let key = try botocore(server, """
            c.put_user_policy(UserName=args[0], PolicyName="mfa", PolicyDocument=args[1])
            k = c.create_access_key(UserName=args[0])["AccessKey"]
            print(json.dumps([k["AccessKeyId"], k["SecretAccessKey"]]))
            """, [name, policy]) as? [String] ?? []
        try #require(key.count == 2)
        return (name, environment(id: key[0], secret: key[1]))
    }

    @Test func accessDeniedNamesTheMissingPermissionAndLeavesNothing() throws {
        let server = try MotoServer.require()
        let target = try Self.createUser(server, "eve")
        let (_, cannotCreate) = try Self.limitedUser(server, ["iam:ListMFADevices"])
        let refused = try ProcessRunner.credkit(["mfa", "enroll", "--iam-user", target, "--endpoint-url", server.endpoint.absoluteString],
                                                environment: cannotCreate)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("iam:CreateVirtualMFADevice"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("otpauth://"), "no seed is shown")
        #expect(try !Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(target)") })

        // Allowed to create and delete but not to enable: found out only when the codes are sent.
        let (_, cannotEnable) = try Self.limitedUser(server, ["iam:ListMFADevices", "iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"])
        let (session, arguments) = try Self.startEnrollment(target, endpoint: server.endpoint.absoluteString, environment: cannotEnable)
        try #require(session.waitFor("first code", timeout: 60), "\(Self.screen(session))")
        let good = try MFACommandTests.codes(for: try Self.scanned(session), offsets: [0, 1])
        session.send(good[0])
        session.send(good[1])
        #expect(session.waitFor("Clear them now? [Y/n]"), "\(Self.screen(session))")
        session.send("y")
        let status = session.finish()
        #expect(status == 2, "\(Self.screen(session))")
        Self.checkLeaks(session, status: status, arguments: arguments, environment: cannotEnable)
        let text = Self.screen(session)
        #expect(text.contains("iam:EnableMFADevice"), "\(text)")
        #expect(text.contains("was deleted in AWS"), "\(text)")
        #expect(try !Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/\(target)") })
        #expect(try Self.assignedDevices(server, target).isEmpty)
    }

    @Test func existingDeviceNameAndUnknownUserAreRefusedBeforeASeedIsShown() throws {
        let server = try MotoServer.require()
        let environment = Self.admin(server)
        let endpoint = server.endpoint.absoluteString
        let user = try Self.createUser(server, "fay")
        try Self.botocore(server, "c.create_virtual_mfa_device(VirtualMFADeviceName=args[0]); print('null')", [user])
        let taken = try ProcessRunner.credkit(["mfa", "enroll", "--iam-user", user, "--endpoint-url", endpoint], environment: environment)
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("a virtual MFA device named '\(user)' already exists"), "\(taken.stderr)")
        #expect(taken.stderr.contains("--device-name"))
        #expect(!taken.stdout.contains("otpauth://"))

        let nobody = try ProcessRunner.credkit(["mfa", "enroll", "--iam-user", "nobody-\(user)", "--endpoint-url", endpoint],
                                               environment: environment)
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("there is no IAM user named 'nobody-\(user)'"), "\(nobody.stderr)")
        #expect(try !Self.virtualDevices(server).contains { $0.hasSuffix(":mfa/nobody-\(user)") })
    }

    @Test func listShowsConsoleUsersWithoutMFAAndExitsOne() throws {
        let server = try MotoServer.require()
        let user = try Self.createUser(server, "gus")
        try Self.botocore(server, "c.create_login_profile(UserName=args[0], Password='Unused-Pass-1234'); print('null')", [user])
        let listed = try ProcessRunner.credkit(["mfa", "list", "--endpoint-url", server.endpoint.absoluteString], environment: Self.admin(server))
        #expect(listed.status == 1, "\(listed.stderr)")
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix(user + " ") })
        #expect(line.contains("yes") && line.contains("none: a console password without MFA"), "\(line)")
        #expect(listed.stdout.contains("The root user has no MFA"))
    }

    /// moto has no ResyncMFADevice: a recording stand-in answers as botocore's model says AWS
    /// does (no output on success; InvalidAuthenticationCode with the model's HTTP status).
    @Test func resyncSendsTwoCodesAndSaysWhenAWSRefusesThem() throws {
        let model = try BotocoreOperation.load("ResyncMFADevice")
        let serial = "arn:aws:iam::123456789012:mfa/hal"
        let environment = Self.environment(id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let accepted = try RecordingIAMServer.start(status: 200, body: "<ResyncMFADeviceResponse/>")
        defer { accepted.stop() }
        let done = try ProcessRunner.credkit(["mfa", "resync", "--iam-user", "hal", "--serial", serial, "--endpoint-url", accepted.endpoint.absoluteString],
                                             stdin: "123 456\n654321\n", environment: environment)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("MFA device resynchronised: \(serial) of 'hal'"))
        let request = try #require(try accepted.requests().first)
        #expect(Set(request.keys).subtracting(["Action", "Version"]) == Set(model.required))
        #expect(request["AuthenticationCode1"] == "123456" && request["AuthenticationCode2"] == "654321")

        let status = try #require(model.errors["InvalidAuthenticationCode"])
        let refused = try RecordingIAMServer.start(status: status, body: BotocoreOperation.errorDocument("InvalidAuthenticationCode", message: "not valid"))
        defer { refused.stop() }
        let failed = try ProcessRunner.credkit(["mfa", "resync", "--iam-user", "hal", "--serial", serial, "--endpoint-url", refused.endpoint.absoluteString],
                                               stdin: "123456\n654321\ny\n222222\n333333\n", environment: environment)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("those codes do not work: AWS did not accept them"), "\(failed.stderr)")
        #expect(failed.stderr.contains("Try 2 of 3"))
        #expect(failed.stderr.contains("resync stopped"), "\(failed.stderr)")
        #expect(try refused.requests().count == 2, "the second pair was sent too")
    }

    @Test func rootIsExplainedAndPointedToTheConsole() throws {
        for command in [["mfa", "enroll", "--root"], ["mfa", "resync", "--root"]] {
            let result = try ProcessRunner.credkit(command)
            #expect(result.status == 2)
            #expect(result.stderr.contains("root user's own access keys"), "\(result.stderr)")
            #expect(result.stderr.contains("Sign in to the AWS console as the root user"))
        }
    }
}

/// The code-checking proxy (Vectors/aws/mfa_code_checking_proxy.py) on a free loopback port.
final class CodeCheckingProxy {
    let endpoint: String
    private let process: Process
    private let logFile: String

    private init(endpoint: String, process: Process, logFile: String) {
        self.endpoint = endpoint
        self.process = process
        self.logFile = logFile
    }

    static func start(upstream: URL) throws -> CodeCheckingProxy {
        let port = try LoopbackPort.free()
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("credkit-proxy-\(UUID().uuidString).log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.vectors.appendingPathComponent("aws/mfa_code_checking_proxy.py").path,
                             upstream.absoluteString, String(port), logFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                throw MotoError("the code-checking proxy did not start")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return CodeCheckingProxy(endpoint: "http://127.0.0.1:\(port)/", process: process, logFile: logFile)
    }

    /// The pairs the proxy checked, in order.
    func log() throws -> [String] {
        guard FileManager.default.fileExists(atPath: logFile) else { return [] }
        return try String(contentsOfFile: logFile, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func stop() {
        // SIGKILL: a child inherits the test thread's blocked signals, SIGTERM included.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logFile)
    }
}
