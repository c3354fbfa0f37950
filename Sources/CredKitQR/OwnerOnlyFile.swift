import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files that only their owner can read (mode 0600).
///
/// A rendered QR code of an `otpauth://` URI carries its secret, so images and text written
/// to disk get the same care as the secret itself. A regular file is replaced atomically:
/// the bytes go to a new 0600 file in the same directory, which is then renamed over the
/// target, so readers never see half a file and an existing file's looser mode is not kept.
/// A target that exists and is not a regular file (a FIFO, `/dev/stdout`) is written in place.
public enum OwnerOnlyFile {
    /// Writes `data` to `path` with mode 0600, replacing any regular file there.
    /// - Throws: `QRError` with code `.fileWrite`, naming the path and the system's reason.
    public static func write(_ data: Data, to path: String) throws(QRError) {
        guard !path.isEmpty else {
            throw QRError(.fileWrite, "the output path is empty")
        }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw QRError(.fileWrite, "cannot write \(path): it is a directory")
            }
            try writeInPlace(data, to: path)
            return
        }
        try replaceAtomically(data, at: resolvedPath(path))
    }

    /// Follows a symbolic link so that the file it points to is replaced, not the link.
    private static func resolvedPath(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func replaceAtomically(_ data: Data, at path: String) throws(QRError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array("\(directory.isEmpty ? "." : directory)/.\(name).XXXXXX".utf8CString)
        // mkstemp creates the file with mode 0600 and O_EXCL.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw failure("cannot create a file next to \(path)", errno)
        }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(QRError) {
            try writeAll(data, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure("cannot write \(path)", errno) }
            guard close(descriptor) == 0 else {
                throw failure("cannot write \(path)", errno)
            }
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw failure("cannot replace \(path)", code)
        }
    }

    private static func writeInPlace(_ data: Data, to path: String) throws(QRError) {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(path)", errno) }
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: path)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(QRError) {
        let result: Int32 = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return 0
        }
        guard result == 0 else { throw failure("cannot write \(path)", result) }
    }

    private static func failure(_ message: String, _ code: Int32) -> QRError {
        QRError(.fileWrite, "\(message): \(String(cString: strerror(code)))")
    }
}

/// The C library's `write(2)`, out of reach of `OwnerOnlyFile.write(_:to:)`'s name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
