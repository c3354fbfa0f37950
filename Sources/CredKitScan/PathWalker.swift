import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the files under the paths a user named. Inside a git work tree, `.gitignore` is
/// honoured by asking git (`git ls-files -co --exclude-standard`), which knows every rule
/// (nested ignore files, `info/exclude`, `core.excludesFile`); elsewhere, or with ignoring
/// off, folders are walked directly. `.git` folders are never walked. Symbolic links to
/// files are read; links to folders are not followed, so link loops cannot recurse.
///
/// Paths are kept as bytes from `readdir` and git to `open`, so names that are not UTF-8 are
/// scanned too; reports show them through `DisplayName`.
struct PathWalker {
    /// A file to scan.
    struct Entry {
        /// The name shown in reports: the user's path joined with the file's path below it, escaped.
        let display: String
        /// The path to open, as bytes (without a terminating NUL).
        let path: [UInt8]
        /// Whether the user named it (a pipe or device named on the command line is read too).
        let explicit: Bool
        /// Whether git listed it (a tracked file deleted from the work tree is then not a warning).
        let fromGit: Bool
        /// Whether the walk already knows it is a regular file (no need to ask again after opening).
        var isRegularFile = false
    }

    let respectIgnore: Bool
    private(set) var warnings: [ScanWarning] = []
    /// Receives each file as soon as it is found, so scanning overlaps walking.
    private let emit: (Entry) -> Void

    init(respectIgnore: Bool, emit: @escaping (Entry) -> Void) {
        self.respectIgnore = respectIgnore
        self.emit = emit
    }

    /// Finds the files for one path argument.
    /// - Throws: `ScanError(.unreadable)` when the path itself does not exist.
    mutating func add(_ argument: String) throws {
        var info = stat()
        guard stat(argument, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            var linkInfo = stat()
            if lstat(argument, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                throw ScanError(.unreadable, "\(argument): broken symbolic link (\(reason))")
            }
            throw ScanError(.unreadable, "\(argument): \(reason)")
        }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            emit(Entry(display: DisplayName.escaped(Self.clean(argument)), path: Array(argument.utf8), explicit: true,
                       fromGit: false))
            return
        }
        if respectIgnore, GitProcess.isInsideWorkTree(argument) {
            let listing = try GitProcess.output(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: argument)
            var seen = Set<[UInt8]>()
            for name in listing.split(separator: 0) where !name.isEmpty && name.last != UInt8(ascii: "/") {
                // A path both tracked and untracked-modified can be listed twice.
                guard seen.insert(Array(name)).inserted else { continue }
                emit(Entry(display: Self.join(DisplayName.escaped(argument), DisplayName.escaped(name)),
                           path: Array(argument.utf8) + [UInt8(ascii: "/")] + name, explicit: false, fromGit: true))
            }
        } else {
            walk(Array(argument.utf8), display: DisplayName.escaped(argument))
        }
    }

    /// Recursively lists a folder in name order (byte order).
    private mutating func walk(_ directory: [UInt8], display: String) {
        guard let handle = Self.withCPath(directory, { opendir($0) }) else {
            warnings.append(ScanWarning(path: Self.clean(display), reason: String(cString: strerror(errno))))
            return
        }
        var names: [([UInt8], UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                guard let base = raw.baseAddress else { return [] }
                return Array(UnsafeRawBufferPointer(start: base, count: strnlen(base.assumingMemoryBound(to: CChar.self), raw.count)))
            }
            if name.isEmpty || name == [0x2e] || name == [0x2e, 0x2e] { continue }
            names.append((name, entry.pointee.d_type))
        }
        closedir(handle)
        names.sort { $0.0.lexicographicallyPrecedes($1.0) }
        for (name, type) in names {
            let path = directory + [UInt8(ascii: "/")] + name
            let shown = Self.join(display, DisplayName.escaped(name))
            var kind = type
            if kind == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard Self.withCPath(path, { lstat($0, &info) }) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = UInt8(DT_DIR)
                case S_IFREG: kind = UInt8(DT_REG)
                case S_IFLNK: kind = UInt8(DT_LNK)
                default: continue
                }
            }
            switch kind {
            case UInt8(DT_DIR):
                if name != Array(".git".utf8) { walk(path, display: shown) }
            case UInt8(DT_REG):
                emit(Entry(display: shown, path: path, explicit: false, fromGit: false, isRegularFile: true))
            case UInt8(DT_LNK):
                var info = stat()
                if Self.withCPath(path, { stat($0, &info) }) != 0 {
                    warnings.append(ScanWarning(path: shown, reason: Self.linkProblem(errno)))
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    emit(Entry(display: shown, path: path, explicit: false, fromGit: false, isRegularFile: true))
                }
            default:
                continue
            }
        }
    }

    /// Calls `body` with `path` as a NUL-terminated C string.
    static func withCPath<Result>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var text = path.map { CChar(bitPattern: $0) }
        text.append(0)
        return body(text)
    }

    static func linkProblem(_ code: Int32) -> String {
        switch code {
        case ELOOP: "symbolic link loop, skipped"
        case ENOENT: "broken symbolic link, skipped"
        default: "cannot follow symbolic link: \(String(cString: strerror(code)))"
        }
    }

    /// `dir` + `/` + `name`, without a leading `./`.
    static func join(_ directory: String, _ name: String) -> String {
        if directory == "." || directory == "./" { return name }
        return clean(directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    static func clean(_ path: String) -> String {
        var text = path
        while text.hasPrefix("./"), text.count > 2 { text.removeFirst(2) }
        return text
    }
}
