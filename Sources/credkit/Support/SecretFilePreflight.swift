import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks, before a new seed is shown, that the seed can be saved afterwards: the folder exists
/// (or is created, mode 0700, with `--create-dirs`) and takes a new file, and the file does not
/// exist (unless `--force`). A seed that the phone has scanned but credkit could not save is a
/// seed lost.
struct SecretFilePreflight {
    /// The folders this check created, deepest first, so a failed enrollment can remove them.
    private(set) var createdDirectories: [String] = []

    /// Runs the checks for `path`.
    /// - Throws: `CLIFailure.input` (exit 2) saying what is wrong and how to fix it.
    static func check(_ path: String, force: Bool, createDirectories: Bool) throws -> SecretFilePreflight {
        var preflight = SecretFilePreflight()
        guard !path.isEmpty else { throw CLIFailure.input("--secret-file is empty") }
        let directory = Self.directory(of: path)
        var info = stat()
        if stat(directory, &info) != 0 {
            guard errno == ENOENT else {
                throw CLIFailure.input("cannot use the folder '\(directory)' of --secret-file: \(Self.reason(errno))")
            }
            guard createDirectories else {
                throw CLIFailure.input("the folder '\(directory)' of --secret-file does not exist: create it (mkdir -m 700 -p '\(directory)') or add --create-dirs")
            }
            try preflight.makeDirectories(directory)
        } else if info.st_mode & S_IFMT != S_IFDIR {
            throw CLIFailure.input("'\(directory)' is not a folder, so --secret-file '\(path)' cannot be created in it")
        }
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR {
                throw CLIFailure.input("--secret-file '\(path)' is a folder; give a file name inside it")
            }
            if !force {
                throw CLIFailure.input("'\(path)' already exists; use --force to replace it")
            }
        }
        try preflight.probe(directory, for: path)
        return preflight
    }

    /// Removes the folders this check created, if they are still empty.
    func removeCreatedDirectories() {
        for directory in createdDirectories { rmdir(directory) }
    }

    /// The folder a path's file lives in.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates `directory` and any missing parents with mode 0700 (`mkdir -p -m 700`).
    private mutating func makeDirectories(_ directory: String) throws {
        var missing: [String] = []
        var current = directory
        var info = stat()
        while !current.isEmpty, current != "/", current != ".", stat(current, &info) != 0 {
            missing.append(current)
            current = Self.directory(of: current)
        }
        for folder in missing.reversed() {
            // mkdir honours the umask; chmod makes the mode exactly 0700.
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
                let code = errno
                removeCreatedDirectories()
                throw CLIFailure.input("cannot create the folder '\(folder)': \(Self.reason(code))")
            }
            chmod(folder, 0o700)
            createdDirectories.insert(folder, at: 0)
        }
    }

    /// Creates and removes a private file in `directory`: the same call the final write makes,
    /// so permissions, read-only mounts and full inode tables show up now.
    private func probe(_ directory: String, for path: String) throws {
        var template = Array("\(directory)/.credkit-check.XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            let code = errno
            removeCreatedDirectories()
            throw CLIFailure.input("cannot create a file in '\(directory)', so --secret-file '\(path)' could not be saved: \(Self.reason(code))")
        }
        close(descriptor)
        let name = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(name)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
