#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold seeds: created with mode 0600, never silently overwritten,
/// and replaced atomically so a crash never leaves half a seed.
enum SecretFile {
    /// Writes `text` to `path` with mode 0600.
    /// - Parameter overwrite: replace an existing file; without it an existing file is an error.
    static func write(_ text: String, to path: String, overwrite: Bool) throws {
        if !overwrite, access(path, F_OK) == 0 {
            throw CLIFailure.input("'\(path)' already exists; use --force to replace it")
        }
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CLIFailure.input("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var bytes = Array(text.utf8)
        defer { bytes.withUnsafeMutableBytes { raw in _ = raw.initializeMemory(as: UInt8.self, repeating: 0) } }
        var ok = fchmod(fd, 0o600) == 0
        var offset = 0
        while ok && offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { ok = false; break }
            offset += written
        }
        ok = ok && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        if !ok {
            unlink(temporary)
            throw CLIFailure.input("cannot write '\(path)': \(reason)")
        }
        if !overwrite {
            // link() fails if the path appeared meanwhile: never clobber a seed by a race.
            guard link(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIFailure.input("cannot create '\(path)': \(reason)")
            }
            unlink(temporary)
        } else if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIFailure.input("cannot replace '\(path)': \(reason)")
        }
    }
}
