import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs git and reads its output, streamed or whole. One process per call: history and
/// staged scans each use a single git process, never one per commit or file.
///
/// Spawned with `posix_spawn` and reaped with `waitpid`: Foundation's `Process` waits for
/// exit by polling its run loop, which adds up to 50 ms per call, too slow for a hook.
enum GitProcess {
    /// Settings that make git's output machine-readable whatever the user's configuration:
    /// no colour, no pager, no external diff or textconv, raw UTF-8 paths, `a/` `b/` prefixes.
    static let stableConfiguration = [
        "-c", "core.quotePath=false", "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
        "-c", "color.ui=false", "-c", "core.pager=cat",
    ]

    /// Runs `git args` in `directory` and returns its standard output.
    /// - Throws: `ScanError(.git)` with git's own message when it fails or cannot start.
    static func output(_ arguments: [String], in directory: String) throws -> [UInt8] {
        var collected = [UInt8]()
        try stream(arguments, in: directory) { collected.append(contentsOf: $0) }
        return collected
    }

    /// Runs `git args` in `directory`, calling `body` with each chunk of standard output as it arrives.
    /// - Parameter input: bytes for git's standard input, written by a thread of their own so
    ///   git can answer while it reads (`cat-file --batch`); nil for none.
    /// - Throws: `ScanError(.git)` when git fails, or what `body` throws (git is then stopped).
    static func stream(_ arguments: [String], in directory: String, input: [UInt8]? = nil,
                       _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw ScanError(.git, "cannot run git: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0, input == nil || pipe(&inPipe) == 0 else {
            for fd in outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
            throw ScanError(.git, "cannot run git: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input == nil {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            for fd in inPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ["git", "-C", directory] + stableConfiguration + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        environment.removeValue(forKey: "GIT_EXTERNAL_DIFF")
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArguments in
            withCStrings(envp) { cEnvironment in
                posix_spawnp(&pid, "git", &actions, nil, cArguments, cEnvironment)
            }
        }
        close(outPipe[1])
        close(errPipe[1])
        if input != nil { close(inPipe[0]) }
        #if os(Linux)
        // A larger pipe lets git write a megabyte per wake-up instead of 64 KiB (best effort).
        _ = fcntl(outPipe[0], 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
        #endif
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            if input != nil { close(inPipe[1]) }
            throw ScanError(.git, "cannot run git in '\(directory)': \(String(cString: strerror(spawned)))")
        }
        let writer = input.map { InputWriter(bytes: $0, fd: inPipe[1]) }
        writer?.start()
        defer { writer?.wait() }

        let chunkSize = 1 << 20
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var errorText = [UInt8]()
        var thrown: Error?
        var outOpen = true, errOpen = true
        while outOpen || errOpen {
            var fds = [pollfd(fd: outOpen ? outPipe[0] : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: errOpen ? errPipe[0] : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if outOpen, fds[0].revents != 0 {
                let got = read(outPipe[0], chunk, chunkSize)
                if got > 0, thrown == nil {
                    do { try body(UnsafeBufferPointer(start: chunk, count: got)) } catch {
                        thrown = error
                        kill(pid, SIGTERM)
                    }
                } else if got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN) {
                    outOpen = false
                }
            }
            if errOpen, fds[1].revents != 0 {
                let got = read(errPipe[0], chunk, chunkSize)
                if got > 0 {
                    if errorText.count < 64 << 10 { errorText.append(contentsOf: UnsafeBufferPointer(start: chunk, count: got)) }
                } else if got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN) {
                    errOpen = false
                }
            }
        }
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if let thrown { throw thrown }
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let message = String(decoding: errorText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let command = (["git"] + arguments.prefix(2)).joined(separator: " ")
            if code == 127 { throw ScanError(.git, "git is not installed (needed for \(command))") }
            throw ScanError(.git, message.isEmpty ? "\(command) failed with status \(exited ? code : 128 + (status & 0x7f))" : message)
        }
    }

    /// Writes bytes to git's standard input on a thread of its own, then closes it.
    private final class InputWriter: @unchecked Sendable {
        private let bytes: [UInt8]
        private let fd: Int32
        private let done = DispatchSemaphore(value: 0)

        init(bytes: [UInt8], fd: Int32) {
            self.bytes = bytes
            self.fd = fd
        }

        func start() {
            let thread = Thread { [self] in
                // A git that exits early must not kill the process with SIGPIPE: the write fails instead.
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &set, nil)
                bytes.withUnsafeBufferPointer { buffer in
                    var offset = 0
                    while offset < buffer.count, let base = buffer.baseAddress {
                        let wrote = write(fd, base + offset, buffer.count - offset)
                        if wrote < 0 {
                            if errno == EINTR { continue }
                            break
                        }
                        offset += wrote
                    }
                }
                close(fd)
                done.signal()
            }
            thread.start()
        }

        func wait() { done.wait() }
    }

    /// Whether `directory` is inside a git work tree (false when git is missing).
    static func isInsideWorkTree(_ directory: String) -> Bool {
        (try? topLevel(directory)).map { !$0.isEmpty } ?? false
    }

    /// Answers of `rev-parse --show-toplevel` by folder: a scan asks once per folder, not once
    /// for the configuration and again for the walk (each git start costs milliseconds).
    private static let topLevels = Mutex<[String: Result<String, ScanError>]>([:])

    /// The top folder of the work tree containing `directory`.
    /// - Throws: `ScanError(.git)` outside a work tree.
    static func topLevel(_ directory: String) throws -> String {
        if let known = topLevels.withLock({ $0[directory] }) { return try known.get() }
        let answer: Result<String, ScanError>
        if !repositoryMayBeNamedByEnvironment, topLevelByLooking(directory) == nil {
            // Git finds a work tree only through a `.git` at or above the folder: with none
            // there, starting git (milliseconds, most of a small scan's start) cannot say yes.
            answer = .failure(ScanError(.git, "'\(directory)' is not inside a git work tree (no .git in it or above)"))
        } else {
            answer = askGit(directory)
        }
        topLevels.withLock { $0[directory] = answer }
        return try answer.get()
    }

    /// Whether `GIT_DIR` or `GIT_WORK_TREE` may point git at a repository that no `.git` names.
    private static var repositoryMayBeNamedByEnvironment: Bool {
        getenv("GIT_DIR") != nil || getenv("GIT_WORK_TREE") != nil
    }

    private static func askGit(_ directory: String) -> Result<String, ScanError> {
        do {
            let out = try output(["rev-parse", "--show-toplevel"], in: directory)
            return .success(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines))
        } catch let error as ScanError {
            return .failure(error)
        } catch {
            return .failure(ScanError(.git, "\(error)"))
        }
    }

    /// The nearest folder at or above `directory` that holds a `.git` folder or file, found
    /// without starting git (`GIT_DIR` and `GIT_WORK_TREE` are not consulted).
    static func topLevelByLooking(_ directory: String) -> String? {
        guard var folder = SecretScanner.realPath(directory) else { return nil }
        while true {
            if access((folder == "/" ? "" : folder) + "/.git", F_OK) == 0 { return folder }
            if folder == "/" || folder.isEmpty { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return body(pointers + [nil])
    }
}
