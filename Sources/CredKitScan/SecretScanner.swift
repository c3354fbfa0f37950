import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds leaked AWS credentials in text, files, folders, staged changes and git history.
///
/// The scanner is immutable and can be shared; each scan uses its own buffers.
public final class SecretScanner: Sendable {
    /// The rules that run.
    public let rules: [Rule]
    /// Allowlists and settings.
    public let configuration: ScanConfiguration
    let plan: MatchPlan
    private let configurationRoot: String?

    /// Creates a scanner.
    /// - Parameters:
    ///   - configuration: allowlists; its `directory` anchors path globs.
    ///   - rules: the rules to run; by default those the configuration makes active.
    public init(configuration: ScanConfiguration = ScanConfiguration(), rules: [Rule]? = nil) {
        self.configuration = configuration
        self.rules = rules ?? configuration.activeRules()
        plan = MatchPlan(rules: self.rules, configuration: configuration)
        configurationRoot = configuration.directory.flatMap(Self.realPath)
    }

    /// The number of worker threads: one per core, at most 8.
    public static var defaultWorkers: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    // MARK: Text

    /// Scans text held in memory.
    /// - Parameter file: the name findings carry.
    public func scan(text: String, file: String = "-") -> [Finding] {
        scan(bytes: Array(text.utf8), file: file)
    }

    /// Scans bytes held in memory (any encoding; values are ASCII).
    public func scan(bytes: [UInt8], file: String = "-") -> [Finding] {
        let scanner = DocumentScanner(plan: plan)
        return bytes.withUnsafeBufferPointer { scanner.scan(bytes: $0, file: file) }
    }

    /// Scans everything readable from `fd` (standard input: `0`), streamed with bounded memory.
    /// - Throws: `ScanError(.unreadable)` when reading fails.
    public func scan(fileDescriptor fd: Int32, file: String = "-") throws -> ScanResult {
        let scanner = DocumentScanner(plan: plan)
        guard case .scanned(let findings, let bytes, _, let decodingCut) = try scanner.scan(fd: fd, file: file, sniff: false) else {
            return ScanResult(filesScanned: 1)
        }
        var result = ScanResult(findings: findings, filesScanned: 1, bytesScanned: bytes)
        if decodingCut { result.warnings.append(Self.decodingCutWarning(file)) }
        return result
    }

    /// Says that a file held more encoded text than one file's decoding budget: keys in plain
    /// text were all looked for, encoded ones only up to the budget.
    static func decodingCutWarning(_ file: String) -> ScanWarning {
        ScanWarning(path: file, reason: "decoded \(ContentDecoder.maximumDocumentBytes >> 20) MiB of encoded text, the limit per file; "
            + "the rest was scanned as plain text only (--no-decode silences this)")
    }

    // MARK: Paths

    /// Scans files and folders recursively, in parallel.
    /// - Parameters:
    ///   - paths: files and folders; findings name files relative to these.
    ///   - respectIgnore: inside a git work tree, skip what `.gitignore` excludes.
    ///   - workers: threads scanning files.
    /// - Throws: `ScanError(.unreadable)` when a named path does not exist; problems with
    ///   files found inside folders are warnings in the result instead.
    public func scan(paths: [String], respectIgnore: Bool = true, workers: Int = SecretScanner.defaultWorkers) throws -> ScanResult {
        // The walk feeds the workers as it goes, a batch of files at a time so that workers
        // do not wake each other once per file; results are put back in walk order.
        let queue = BoundedQueue<[(Int, PathWalker.Entry)]>(capacity: 4096 / Self.filesPerBatch)
        let outcomes = Mutex<[(Int, FileOutcome)]>([])
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let scanner = DocumentScanner(plan: self.plan)
                var local: [(Int, FileOutcome)] = []
                while let batch = queue.pop() {
                    for (index, entry) in batch {
                        let outcome = self.scanFile(entry, scanner: scanner)
                        if !outcome.findings.isEmpty || !outcome.warnings.isEmpty || outcome.files > 0 || outcome.binary > 0 {
                            local.append((index, outcome))
                        }
                    }
                }
                outcomes.withLock { $0.append(contentsOf: local) }
            }
        }
        var count = 0
        var batch: [(Int, PathWalker.Entry)] = []
        var walker = PathWalker(respectIgnore: respectIgnore) { entry in
            batch.append((count, entry))
            count += 1
            if batch.count == Self.filesPerBatch {
                queue.push(batch)
                batch = []
            }
        }
        let walked = Result { for path in paths { try walker.add(path) } }
        if !batch.isEmpty { queue.push(batch) }
        queue.close()
        group.wait()
        try walked.get()

        var collected = outcomes.withLock { $0 }
        collected.sort { $0.0 < $1.0 }
        var result = ScanResult(warnings: walker.warnings)
        for (_, outcome) in collected {
            result.findings += outcome.findings
            result.warnings += outcome.warnings
            result.filesScanned += outcome.files
            result.bytesScanned += outcome.bytes
            result.binaryFiles += outcome.binary
        }
        return result
    }

    /// Files handed to a worker at a time: enough that hand-offs are rare next to the files'
    /// reading, few enough that the last batches still spread over the workers.
    static let filesPerBatch = 16

    struct FileOutcome {
        var findings: [Finding] = []
        var warnings: [ScanWarning] = []
        var files = 0
        var bytes = 0
        var binary = 0
    }

    private func scanFile(_ entry: PathWalker.Entry, scanner: DocumentScanner) -> FileOutcome {
        var outcome = FileOutcome()
        let flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (entry.explicit ? 0 : O_NONBLOCK)
        let fd = PathWalker.withCPath(entry.path) { open($0, flags) }
        guard fd >= 0 else {
            let code = errno
            var info = stat()
            if PathWalker.withCPath(entry.path, { lstat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                outcome.warnings.append(ScanWarning(path: entry.display, reason: PathWalker.linkProblem(code)))
            } else if !(entry.fromGit && code == ENOENT) {
                outcome.warnings.append(ScanWarning(path: entry.display, reason: String(cString: strerror(code))))
            }
            return outcome
        }
        defer { close(fd) }
        // Files the walk saw as regular are not asked again: one system call less per file.
        var info = stat()
        if !entry.isRegularFile, fstat(fd, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR { return outcome }
            if type != S_IFREG, !entry.explicit { return outcome }
        }
        do {
            if let kind = ArchiveScanner.kind(forName: entry.path),
               let archive = scanArchive(fd: fd, kind: kind, entry: entry, scanner: scanner) {
                outcome = archive
            } else {
                switch try scanner.scan(fd: fd, file: entry.display, sniff: true) {
                case .scanned(let findings, let bytes, let binary, let decodingCut):
                    outcome.files = 1
                    outcome.bytes = bytes
                    outcome.binary = binary ? 1 : 0
                    outcome.findings = findings
                    if decodingCut { outcome.warnings.append(Self.decodingCutWarning(entry.display)) }
                case .utf16(let bigEndian):
                    outcome = try scanUTF16(fd: fd, bigEndian: bigEndian, entry: entry, scanner: scanner)
                }
            }
            if !outcome.findings.isEmpty {
                outcome.findings = allowedByPath(outcome.findings, path: String(decoding: entry.path, as: UTF8.self))
            }
        } catch {
            outcome.warnings.append(ScanWarning(path: entry.display, reason: "\(error)"))
        }
        return outcome
    }

    // MARK: Allowlisted paths

    /// Drops findings when `path` matches the configuration's path allowlist.
    func allowedByPath(_ findings: [Finding], path: String) -> [Finding] {
        guard !configuration.allowedPaths.isEmpty else { return findings }
        guard let relative = relativeToConfiguration(path) else { return findings }
        return configuration.allows(path: relative) ? [] : findings
    }

    /// `path` relative to the configuration's folder, or nil when it lies outside it.
    /// The folder is resolved, the file name is not (a link is judged where it stands).
    func relativeToConfiguration(_ path: String) -> String? {
        guard configurationRoot != nil else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        guard let real = Self.realPath(folder.isEmpty ? "." : folder) else { return nil }
        return relativeToConfiguration(absolute: real + "/" + (path as NSString).lastPathComponent)
    }

    /// An absolute, resolved path relative to the configuration's folder.
    func relativeToConfiguration(absolute: String) -> String? {
        guard let root = configurationRoot else { return absolute }
        if root == "/" { return String(absolute.dropFirst()) }
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
