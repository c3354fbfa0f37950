#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold secrets (seeds, URIs, QR images of them, replay state): readable by
/// their owner only (mode 0600), replaced atomically, and never clobbered by surprise.
///
/// The bytes go to a new 0600 file in the same directory (`mkstemp`), are fsynced, and then
/// take the target's name: with `rename` when replacing (readers never see half a file, and an
/// existing file's looser mode is not kept), with `link` when the target must not exist yet (so a
/// file that appeared meanwhile is never overwritten). A symbolic link's target is replaced, not
/// the link. A target that exists and is not a regular file (a FIFO, `/dev/stdout`) is written in place.
public enum SecretFile {
    /// What to do when the target exists.
    public enum Existing: Sendable {
        /// Replace it.
        case replace
        /// Refuse: throw `CryptoError` with code `.fileExists`.
        case refuse
    }

    /// Writes `bytes` to `path` with mode 0600.
    /// - Throws: `CryptoError` with code `.fileExists` or `.fileWrite`, naming the path and the reason.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String, existing: Existing) throws(CryptoError) {
        guard !path.isEmpty else { throw CryptoError(.fileWrite, "the output path is empty") }
        var status = stat()
        if stat(path, &status) == 0 {
            if existing == .refuse {
                throw CryptoError(.fileExists, "'\(path)' already exists")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                throw CryptoError(.fileWrite, "cannot write '\(path)': it is a directory")
            }
            if status.st_mode & S_IFMT != S_IFREG {
                try writeInPlace(bytes, to: path)
                return
            }
        }
        try replaceAtomically(bytes, at: resolvedPath(path), existing: existing)
    }

    /// Writes a byte sequence (for example a string's UTF-8) to `path` with mode 0600.
    public static func write<Bytes: Collection>(_ bytes: Bytes, to path: String, existing: Existing) throws(CryptoError)
    where Bytes.Element == UInt8 {
        var copy = Array(bytes)
        defer { wipe(&copy) }
        let outcome: CryptoError? = copy.withUnsafeBytes { raw in
            do throws(CryptoError) {
                try write(raw, to: path, existing: existing)
                return nil
            } catch {
                return error
            }
        }
        if let outcome { throw outcome }
    }

    /// Follows a symbolic link so that the file it points to is replaced, not the link.
    private static func resolvedPath(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
    }

    private static func replaceAtomically(_ bytes: UnsafeRawBufferPointer, at path: String, existing: Existing) throws(CryptoError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).XXXXXX".utf8CString)
        // mkstemp creates the file with mode 0600 and O_EXCL.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw failure("cannot create a file next to '\(path)'", errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(CryptoError) {
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure("cannot write '\(path)'", errno) }
            guard close(descriptor) == 0 else { throw failure("cannot write '\(path)'", errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        switch existing {
        case .replace:
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw failure("cannot replace '\(path)'", code)
            }
        case .refuse:
            let linked = link(temporary, path)
            let code = errno
            unlink(temporary)
            guard linked == 0 else {
                if code == EEXIST { throw CryptoError(.fileExists, "'\(path)' already exists") }
                throw failure("cannot create '\(path)'", code)
            }
        }
    }

    private static func writeInPlace(_ bytes: UnsafeRawBufferPointer, to path: String) throws(CryptoError) {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open '\(path)'", errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(CryptoError) {
        var offset = 0
        while offset < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write '\(path)'", errno)
            }
            offset += count
        }
    }

    private static func failure(_ message: String, _ code: Int32) -> CryptoError {
        CryptoError(.fileWrite, "\(message): \(String(decoding: UnsafeRawBufferPointer(start: strerror(code), count: strlen(strerror(code))), as: UTF8.self))")
    }
}

/// The C library's `write(2)`, out of reach of `SecretFile.write`'s name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
