import CredKitTestSupport
import Foundation
import Testing

/// Hidden prompts driven through a real pseudo-terminal: echo must come back however the
/// prompt ends.
@Suite("Hidden prompts on a terminal")
struct HiddenPromptTests {
    struct Outcome: Decodable {
        let prompted: Bool
        let echoBefore: Bool
        let hiddenAtPrompt: Bool
        let echoAfter: Bool
        let exitCode: Int32?
        let signal: Int32?
    }

    /// Starts credkit on a new pseudo-terminal (its controlling terminal), waits for `prompt`,
    /// then types Ctrl-C or sends SIGTERM, and reads back the terminal's ECHO flag.
    static let driver = #"""
import fcntl, json, os, select, signal, sys, termios, time

def run(binary, args, prompt, action):
    master, slave = os.openpty()
    before = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
    pid = os.fork()
    if pid == 0:
        # Whatever the test runner blocks or ignores, a person's shell would not.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.execv(binary, [binary] + args)
    output = b""
    deadline = time.time() + 30
    while prompt not in output and time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                output += os.read(master, 4096)
            except OSError:
                break
    time.sleep(0.2)
    hidden = not (termios.tcgetattr(slave)[3] & termios.ECHO)
    if action == "ctrl-c":
        os.write(master, b"\x03")
    else:
        os.kill(pid, signal.SIGTERM)
    status = None
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 4096)
            except OSError:
                pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        status = None
    after = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
    return {
        "prompted": prompt in output, "echoBefore": before, "hiddenAtPrompt": hidden, "echoAfter": after,
        "exitCode": os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None,
    }

binary, args, prompt, action = sys.argv[1], sys.argv[2].split(), sys.argv[3].encode(), sys.argv[4]
print(json.dumps(run(binary, args, prompt, action)))
"""#

    static func drive(_ arguments: [String], prompt: String, action: String) throws -> Outcome {
        try #require(ProcessRunner.isAvailable("python3"))
        let result = try ProcessRunner.run("python3", ["-c", driver, Fixtures.credkitBinary.path,
                                                       arguments.joined(separator: " "), prompt, action])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Outcome.self, from: Data(result.stdout.utf8))
    }

    // Regression: Ctrl-C at the hidden secret prompt of `totp code` killed credkit with echo
    // still off, so the user's shell stopped showing what they typed.
    @Test(arguments: [
        (["totp", "code"], "Secret", "ctrl-c", Int32(130)),
        (["totp", "code"], "Secret", "term", Int32(143)),
        (["password", "check"], "Password 1", "ctrl-c", Int32(130)),
    ])
    func ctrlCAtHiddenPromptRestoresEcho(_ arguments: [String], _ prompt: String, _ action: String, _ status: Int32) throws {
        let outcome = try Self.drive(arguments, prompt: prompt, action: action)
        #expect(outcome.prompted)
        #expect(outcome.echoBefore)
        #expect(outcome.hiddenAtPrompt, "echo is off while the secret is typed")
        #expect(outcome.echoAfter, "echo is back on after \(action)")
        #expect(outcome.signal == nil)
        #expect(outcome.exitCode == status)
    }
}
