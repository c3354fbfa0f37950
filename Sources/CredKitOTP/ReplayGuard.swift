import CredKitCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replay protection for one-time codes: remembers the last accepted step in a state file and
/// refuses any code for that step or an earlier one.
///
/// The state file is read and replaced under an exclusive `flock` on a sibling `.lock` file, and
/// replaced atomically (write a temporary file, fsync, rename), so two processes verifying the
/// same code at the same moment accept it exactly once, and a crash never leaves a torn file.
public struct ReplayGuard: Sendable {
    /// What the state file holds. The secret is identified by a one-way fingerprint, never stored.
    public struct State: Codable, Sendable, Equatable {
        /// The format version.
        public var version: Int
        /// A one-way fingerprint of the secret the state belongs to.
        public var secret: String
        /// The last accepted step (TOTP) or counter (HOTP).
        public var lastStep: UInt64

        enum CodingKeys: String, CodingKey {
            case version, secret
            case lastStep = "last_step"
        }
    }

    /// The state file.
    public let path: String

    /// A guard over the state file at `path` (created on first acceptance, mode 0600).
    public init(stateFile path: String) {
        self.path = path
    }

    /// A fingerprint that tells secrets apart without revealing them: HMAC-SHA-256 keyed by the secret.
    public static func fingerprint(of secret: SecretBytes) -> String {
        let mac = HMACKey(.sha256, key: secret).authenticate(Array("credkit replay state v1".utf8))
        return Hex.encode(mac.prefix(12))
    }

    /// Runs `verify` under the lock with the last accepted step (nil when there is none yet).
    /// When it returns a step, that step is recorded before the lock is released.
    /// - Throws: `OTPError.stateFile` when the file cannot be locked, read or written, is
    ///   malformed, or belongs to another secret.
    @discardableResult
    public func accept(secret fingerprint: String, _ verify: (_ lastAccepted: UInt64?) throws -> UInt64?) throws -> UInt64? {
        // Before the lock file is made next to it: `/dev/null` must not get a `/dev/null.lock`.
        try checkKind()
        let lockFD = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw failure("cannot create the lock file '\(path).lock'") }
        defer { close(lockFD) }
        while flock(lockFD, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock '\(path).lock'") }
        }
        defer { flock(lockFD, LOCK_UN) }

        let current = try readState()
        if let current, current.secret != fingerprint {
            throw OTPError(.stateFile, "state file '\(path)' belongs to another secret; use one state file per seed")
        }
        guard let accepted = try verify(current?.lastStep) else { return nil }
        if let last = current?.lastStep, accepted <= last {
            // The verifier must never hand back a replayed step.
            return nil
        }
        try writeState(State(version: 1, secret: fingerprint, lastStep: accepted))
        return accepted
    }

    /// A state file is a few dozen bytes; a bigger one is some other file.
    public static let maximumStateBytes = 4096

    /// Reads the state file, or nil when it does not exist yet.
    /// - Throws: `OTPError.stateFile` when the path is not a regular file, group or others can
    ///   write it, or it cannot be read or parsed.
    public func readState() throws -> State? {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the kind is checked on the open file.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot read state file '\(path)'")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read state file '\(path)'") }
        try Self.checkKind(info, path: path)
        try Self.checkPermissions(info, path: path)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read state file '\(path)'")
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
            guard data.count <= Self.maximumStateBytes else {
                throw OTPError(.stateFile, "state file '\(path)' is larger than \(Self.maximumStateBytes) bytes (maximumStateBytes): it is not a credkit replay state; move it away to start afresh")
            }
        }
        do {
            let state = try JSONDecoder().decode(State.self, from: data)
            guard state.version == 1 else {
                throw OTPError(.stateFile, "state file '\(path)' has unknown version \(state.version)")
            }
            return state
        } catch let error as OTPError {
            throw error
        } catch {
            throw OTPError(.stateFile, "state file '\(path)' is not a credkit replay state (\(Self.describe(error))); move it away to start afresh")
        }
    }

    /// Refuses a path that exists and is not a regular file (following symbolic links).
    private func checkKind() throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        try Self.checkKind(info, path: path)
    }

    private static func checkKind(_ info: stat, path: String) throws {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw OTPError(.stateFile, "state file '\(path)' is \(kind): --state needs a path to a regular file, which credkit creates on first use")
    }

    /// Refuses a state file that group or others can write, as ssh refuses such keys: whoever can
    /// write it can roll back the last accepted step and replay a code.
    private static func checkPermissions(_ info: stat, path: String) throws {
        let mode = info.st_mode & 0o777
        guard mode & 0o022 == 0 else {
            throw OTPError(.stateFile,
                           "state file '\(path)' is writable by group or others (mode \(String(mode, radix: 8))), who could reset it " +
                           "and replay a code: run 'chmod 600 \(path)'")
        }
    }

    private func writeState(_ state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(state)
        data.append(0x0a)
        do {
            try SecretFile.write(data, to: path, existing: .replace)
        } catch {
            throw OTPError(.stateFile, "cannot write state file: \(error.reason)")
        }
    }

    /// An error for the system call that just failed: call it before anything else can change `errno`.
    private func failure(_ what: String) -> OTPError {
        OTPError(.stateFile, "\(what): \(String(cString: strerror(errno)))")
    }

    private static func describe(_ error: Error) -> String {
        if case let DecodingError.keyNotFound(key, _) = error { return "missing \(key.stringValue)" }
        if case let DecodingError.typeMismatch(_, context) = error { return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))" }
        return "malformed JSON"
    }
}
