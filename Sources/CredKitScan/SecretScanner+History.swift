import Foundation
import Synchronization

extension SecretScanner {
    /// Scans every commit reachable from all refs (or from `branch`, or only those after
    /// `since`), reporting the commit, author, date, file and line where a secret was added,
    /// including secrets a later commit removed.
    ///
    /// One `git log -p -U0` process streams the history; the stream is cut at commit
    /// boundaries into batches that `workers` threads parse and scan while git keeps writing.
    /// - Parameters:
    ///   - directory: a folder inside the repository.
    ///   - since: only commits not reachable from this revision.
    ///   - branch: only commits reachable from this ref instead of all refs.
    /// - Throws: `ScanError(.git)` outside a repository, for an unknown revision, or when git fails.
    public func scanHistory(in directory: String = ".", since: String? = nil, branch: String? = nil,
                            workers: Int = SecretScanner.defaultWorkers) throws -> ScanResult {
        guard GitProcess.isInsideWorkTree(directory) else {
            throw ScanError(.git, "--history needs a git repository, and '\(directory)' is not inside a work tree")
        }
        var revisions: [String] = []
        for (option, revision) in [("--branch", branch), ("--since", since)] {
            guard let revision else { continue }
            guard !revision.hasPrefix("-"), !revision.isEmpty else {
                throw ScanError(.invalidRequest, "\(option) '\(revision)' is not a revision")
            }
            do {
                _ = try GitProcess.output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: directory)
            } catch {
                throw ScanError(.git, "\(option) '\(revision)' does not name a commit in this repository")
            }
        }
        revisions.append(branch ?? "--all")
        if let since { revisions.append("^" + since) }
        let root = try GitProcess.topLevel(directory)
        let rootReal = Self.realPath(root) ?? root
        let arguments = [
            "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--diff-merges=off",
            "-M", "--src-prefix=a/", "--dst-prefix=b/", DiffParser.commitFormat,
        ] + revisions + ["--"]

        let queue = BoundedQueue<HistoryBatch>(capacity: workers * 2)
        let collected = Mutex<[(Int, [Finding], Int, Int, Int)]>([])
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let scanner = DocumentScanner(plan: self.plan)
                while let batch = queue.pop() {
                    let outcome = self.scanBatch(batch, scanner: scanner, rootReal: rootReal)
                    collected.withLock { $0.append(outcome) }
                }
            }
        }
        var batcher = HistoryBatcher()
        let streamed: Result<Void, Error> = Result {
            try GitProcess.stream(arguments, in: directory) { chunk in
                batcher.append(chunk) { queue.push($0) }
            }
        }
        batcher.finish { queue.push($0) }
        queue.close()
        group.wait()
        try streamed.get()

        var batches = collected.withLock { $0 }
        batches.sort { $0.0 < $1.0 }
        var result = ScanResult()
        for (_, findings, files, bytes, commits) in batches {
            result.findings += findings
            result.filesScanned += files
            result.bytesScanned += bytes
            result.commitsScanned += commits
        }
        return result
    }

    private func scanBatch(_ batch: HistoryBatch, scanner: DocumentScanner, rootReal: String) -> (Int, [Finding], Int, Int, Int) {
        var parser = DiffParser()
        var findings: [Finding] = []
        var files = 0
        var bytes = 0
        let handle: (DiffParser.Document) -> Void = { document in
            files += 1
            bytes += document.text.count
            let found = document.text.withUnsafeBufferPointer {
                scanner.scan(bytes: $0, file: document.file, lineMap: document.lineMap)
            }
            guard !found.isEmpty else { return }
            let attributed = found.map { $0.with(file: document.file, commit: document.commit) }
            findings += self.allowedByPath(attributed, absolute: rootReal + "/" + document.file)
        }
        batch.bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            for index in 0..<buffer.count where buffer[index] == 0x0a {
                parser.feed(UnsafeBufferPointer(rebasing: buffer[start..<index]), emit: handle)
                start = index + 1
            }
            if start < buffer.count { parser.feed(UnsafeBufferPointer(rebasing: buffer[start...]), emit: handle) }
        }
        parser.finish(emit: handle)
        let commits = max(0, parser.commits - (batch.continuesCommit ? 1 : 0))
        return (batch.index, findings, files, bytes, commits)
    }
}
