import CredKitJSON
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A profile's `credential_process`: the command runs without a shell (split as botocore
/// splits it, with POSIX shell quoting), its standard output is JSON version 1 with
/// `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`. Output is bounded
/// by `maximumOutputBytes` and time by the timeout; its standard error is discarded, since a
/// failing helper may print what it was handling.
public struct ProcessCredentials: CredentialProvider {
    /// The most standard output read from the process, in bytes; more is refused.
    public static let maximumOutputBytes = 65_536

    /// The profile with the `credential_process` setting.
    public let profile: String
    /// The command line as written in the profile.
    public let commandLine: String
    /// Seconds the process may run.
    public let timeout: Double
    /// The environment the process gets (the caller's).
    public let environment: [String: String]

    /// Creates the provider.
    public init(profile: String, commandLine: String, timeout: Double, environment: [String: String]) {
        self.profile = profile
        self.commandLine = commandLine
        self.timeout = timeout
        self.environment = environment
    }

    public var sourceDescription: String { "credential_process (profile '\(profile)')" }

    public func credentials() async throws -> AWSCredentials {
        let arguments = try Self.split(commandLine, profile: profile)
        let executable = try Self.locate(arguments[0], path: environment["PATH"], profile: profile)
        let (profile, timeout, environment) = (self.profile, self.timeout, self.environment)
        let (status, output) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, [UInt8]), Error>) in
            Thread {
                continuation.resume(with: Result {
                    try Self.run(executable, Array(arguments.dropFirst()), environment: environment, timeout: timeout, profile: profile)
                })
            }.start()
        }
        guard status == 0 else {
            throw AWSError(.credentialsNotFound,
                           "credential_process of profile '\(profile)' exited with status \(status) (its error output is not shown: it may hold secrets)")
        }
        return try Self.parse(output, profile: profile)
    }

    /// Reads the process's JSON (version 1).
    static func parse(_ output: [UInt8], profile: String) throws -> AWSCredentials {
        let what = "credential_process of profile '\(profile)'"
        let object: JSONObject
        do {
            guard let parsed = try JSONReader.parse(output).objectValue else {
                throw AWSError(.invalidInput, "\(what): the output is not a JSON object")
            }
            object = parsed
        } catch let error as JSONError {
            throw AWSError(.invalidInput, "\(what): the output is not JSON (\(error.code.rawValue) at line \(error.line))")
        }
        guard case let .number(version)? = object["Version"], version.integer == 1 else {
            throw AWSError(.invalidInput, "\(what): the output must have \"Version\": 1")
        }
        func string(_ key: String, required: Bool) throws -> String? {
            switch object[key] {
            case let .string(value)? where !value.isEmpty: return value
            case nil where !required, .null? where !required: return nil
            case nil, .string?, .null?: throw AWSError(.invalidInput, "\(what): the output has no \(key)")
            case let value?: throw AWSError(.invalidInput, "\(what): \(key) is \(value.kind), not a string")
            }
        }
        guard let id = try string("AccessKeyId", required: true), let secret = try string("SecretAccessKey", required: true) else {
            throw AWSError(.invalidInput, "\(what): the output has no AccessKeyId")
        }
        var expiration: Date?
        if let text = try string("Expiration", required: false) {
            guard let date = AWSTimestamp.parseISO8601(text) else {
                throw AWSError(.invalidInput, "\(what): Expiration is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: try string("SessionToken", required: false),
                              source: "credential_process (profile '\(profile)')", expiration: expiration)
    }

    /// Splits a command line into words as a POSIX shell would, without expanding anything:
    /// blanks separate words, `'...'` is literal, `"..."` and `\` escape.
    /// - Throws: `AWSError.invalidInput` for an unterminated quote or an empty command.
    public static func split(_ line: String, profile: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let char = iterator.next() {
            switch char {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    current.append(next)
                }
                guard closed else { throw AWSError(.invalidInput, "credential_process of profile '\(profile)': unterminated ' quote") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = iterator.next() {
                        if !"\\\"$`\n".contains(escaped) { current.append("\\") }
                        if escaped != "\n" { current.append(escaped) }
                        continue
                    }
                    current.append(next)
                }
                guard closed else { throw AWSError(.invalidInput, "credential_process of profile '\(profile)': unterminated \" quote") }
            case "\\":
                inWord = true
                if let escaped = iterator.next(), escaped != "\n" { current.append(escaped) }
            default:
                inWord = true
                current.append(char)
            }
        }
        if inWord { words.append(current) }
        guard let first = words.first, !first.isEmpty else {
            throw AWSError(.invalidInput, "credential_process of profile '\(profile)' is empty")
        }
        return words
    }

    /// The program to run: a path as given, or the first executable of that name on `PATH`.
    static func locate(_ name: String, path: String?, profile: String) throws -> String {
        if name.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: name) else {
                throw AWSError(.credentialsNotFound, "credential_process of profile '\(profile)': \(name) is not an executable file")
            }
            return name
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw AWSError(.credentialsNotFound, "credential_process of profile '\(profile)': no program '\(name)' on PATH")
    }

    /// Runs the program, reading at most `maximumOutputBytes` of standard output within `timeout`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double,
                    profile: String) throws -> (Int32, [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSError(.credentialsNotFound, "credential_process of profile '\(profile)': cannot start \(executable)")
        }
        try? pipe.fileHandleForWriting.close()
        let fd = pipe.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var failure: AWSError?
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                failure = AWSError(.credentialsNotFound,
                                   "credential_process of profile '\(profile)' did not finish within the \(shown(timeout))-second timeout")
                break
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 1) * 1000) + 1)
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[0..<count]
            if output.count > maximumOutputBytes {
                failure = AWSError(.invalidInput, "credential_process of profile '\(profile)' wrote more than \(maximumOutputBytes) bytes "
                                   + "(ProcessCredentials.maximumOutputBytes)")
                break
            }
        }
        try? pipe.fileHandleForReading.close()
        if let failure {
            stop(process)
            throw failure
        }
        // The output ended; the process gets what is left of the time to exit.
        while process.isRunning {
            if Date() >= deadline {
                stop(process)
                throw AWSError(.credentialsNotFound,
                               "credential_process of profile '\(profile)' did not finish within the \(shown(timeout))-second timeout")
            }
            usleep(5_000)
        }
        return (process.terminationStatus, output)
    }

    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<40 where process.isRunning { usleep(25_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<40 where process.isRunning { usleep(25_000) }
    }

    private static func shown(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
