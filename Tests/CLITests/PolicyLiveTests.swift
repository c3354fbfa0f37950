import CredKitTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `credkit policy check --live` and `policy suggest --live` against a real moto server
/// (python3 -m moto.server), whose IAM keeps an account password policy like AWS's.
@Suite("credkit policy --live (moto)", .serialized)
struct PolicyLiveTests {
    /// A moto server on a free loopback port, stopped by its process when released.
    final class Moto {
        let process = Process()
        let endpoint: String

        init() throws {
            // Bind port 0 to learn a free port, print it, then serve on it. Signals are unblocked
            // (the test runner may block them in children) and the server exits with its parent.
            let launcher = """
            import os, signal, socket, sys, threading, time, runpy
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            parent = os.getppid()
            def watch():
                while os.getppid() == parent:
                    time.sleep(0.5)
                os._exit(0)
            threading.Thread(target=watch, daemon=True).start()
            s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
            print(port, flush=True)
            sys.argv = ["moto_server", "-H", "127.0.0.1", "-p", str(port)]
            runpy.run_module("moto.server", run_name="__main__")
            """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", launcher]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
                line.append(first)
            }
            endpoint = "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))"
            // Wait until it answers.
            for _ in 0..<100 {
                if (try? ProcessRunner.run("python3", ["-c", "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/moto-api/')", endpoint]))?.status == 0 {
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw CancellationError()
        }

        deinit {
            // Stop the server we started, by its process ID; SIGKILL if SIGTERM is not enough.
            let pid = process.processIdentifier
            if process.isRunning { kill(pid, SIGTERM) }
            for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }

        /// Environment for credkit and botocore: moto's dummy credentials, no real AWS.
        var environment: [String: String] {
            ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
             "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        }

        /// Sets the account password policy through botocore.
        func setPolicy(_ arguments: String) throws {
            let script = """
            import botocore.session, sys
            c = botocore.session.get_session().create_client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                aws_access_key_id="testing", aws_secret_access_key="testing")
            c.update_account_password_policy(\(arguments))
            """
            let result = try ProcessRunner.run("python3", ["-c", script, endpoint])
            try #require(result.status == 0, "\(result.stderr)")
        }
    }

    static var motoAvailable: Bool {
        (try? ProcessRunner.run("python3", ["-c", "import moto.server, botocore"]))?.status == 0
    }

    @Test(.enabled(if: motoAvailable)) func noPolicyMeansAWSDefaultThenTheSetPolicyIsRead() throws {
        let moto = try Moto()
        let none = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", moto.endpoint, "--baseline", "aws-default"],
                                             environment: moto.environment)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("no policy set, AWS default policy"))
        #expect(none.stdout.contains("PASS   aws-default-types"))

        try moto.setPolicy("MinimumPasswordLength=10, RequireSymbols=True, MaxPasswordAge=60, PasswordReusePrevention=5, AllowUsersToChangePassword=True")
        let set = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", moto.endpoint, "--baseline", "cis", "--format", "json"],
                                            environment: moto.environment)
        #expect(set.status == 1, "\(set.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(set.stdout.utf8)) as? [String: Any])
        let fields = try #require(report["policy"] as? [String: Any])
        #expect(fields["MinimumPasswordLength"] as? Int == 10)
        #expect(fields["RequireSymbols"] as? Bool == true)
        #expect(fields["MaxPasswordAge"] as? Int == 60)
        #expect(fields["PasswordReusePrevention"] as? Int == 5)
        #expect(fields["AWSDefault"] as? Bool == false)

        let suggest = try ProcessRunner.credkit(["policy", "suggest", "--baseline", "cis", "--live", "--endpoint-url", moto.endpoint],
                                                environment: moto.environment)
        #expect(suggest.status == 0, "\(suggest.stderr)")
        #expect(suggest.stderr.contains("MinimumPasswordLength: 10 -> 14"))
        #expect(suggest.stderr.contains("PasswordReusePrevention: 5 -> 24"))
        let suggested = try #require(try JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any])
        #expect(suggested["MaxPasswordAge"] as? Int == 60, "CIS hardening keeps what CIS does not mention")
    }

    @Test func liveOptionsNeedLive() throws {
        let result = try ProcessRunner.credkit(["policy", "check", "--aws-default", "--profile", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("only apply with --live"))
        let both = try ProcessRunner.credkit(["policy", "check", "--aws-default", "--live"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("one of a policy file, --aws-default or --live"))
    }

    @Test func unreachableEndpointIsAnInputError() throws {
        let result = try ProcessRunner.credkit(["policy", "check", "--live", "--endpoint-url", "http://127.0.0.1:9"],
                                               environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                                             "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--live: GetAccountPasswordPolicy failed"), "\(result.stderr)")
        #expect(!result.stderr.contains("testing"))
    }
}
