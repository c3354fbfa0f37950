import Foundation

extension SecretScanner {
    /// Scans every commit reachable from all refs (or from `branch`, or only those after
    /// `since`), reporting the commit, author, date, file and line where a secret came in,
    /// including secrets a later commit removed and secrets a merge added while resolving.
    ///
    /// `git log --raw` lists the blob each commit brings into each path (for a merge, only
    /// paths whose content differs from every parent); `git cat-file --batch` then streams each
    /// distinct blob once to `workers` threads. A secret is reported for a commit when the
    /// new blob holds it and the blob the path (or its rename source) had in every parent does
    /// not: once per path that gains it, not again for an edit of the file that keeps it, nor
    /// for a merge that brings it from a branch.
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

        var listing = HistoryListing()
        let arguments = Self.packWindowConfiguration + [
            "log", "--raw", "--no-abbrev", "--diff-merges=separate", "-M", "--no-color", "--no-ext-diff",
            "--no-textconv", "--no-relative", HistoryListing.commitFormat,
        ] + revisions + ["--"]
        try GitProcess.stream(arguments, in: directory) { try listing.feed($0) }
        try listing.finish()

        var scan = try scanBlobs(listing.blobs, in: directory, workers: workers)
        // With --since or --branch a path's earlier blob may lie outside the range: scan the
        // few needed to tell whether a secret is new.
        var earlier: [GitObjectID] = []
        var asked: Set<GitObjectID> = []
        for change in listing.changes where scan.findings[change.blob] != nil {
            for old in change.previous where !listing.blobSet.contains(old) && asked.insert(old).inserted {
                earlier.append(old)
            }
        }
        if !earlier.isEmpty {
            let more = try scanBlobs(earlier, in: directory, workers: workers)
            scan.findings.merge(more.findings) { first, _ in first }
        }

        var result = ScanResult(filesScanned: scan.blobs, bytesScanned: scan.bytes, binaryFiles: scan.binary,
                                commitsScanned: listing.commits.count)
        var warned: Set<GitObjectID> = []
        for change in listing.changes {
            let commit = listing.commits[change.commit]
            if let size = scan.tooLarge[change.blob], warned.insert(change.blob).inserted {
                result.warnings.append(ScanWarning(
                    path: change.path,
                    reason: "not scanned in commit \(commit.id.prefix(12)): \(size) bytes, over the \(BlobBatchReader.maximumBlobBytes)-byte limit"))
            }
            if scan.unavailable.contains(change.blob), warned.insert(change.blob).inserted {
                result.warnings.append(ScanWarning(
                    path: change.path, reason: "not scanned in commit \(commit.id.prefix(12)): git has no such blob here (a partial clone?)"))
            }
            if let warnings = scan.warnings[change.blob], warned.insert(change.blob).inserted {
                result.warnings += warnings.map {
                    ScanWarning(path: BlobScan.file($0.path, at: change.path), reason: "in commit \(commit.id.prefix(12)): \($0.reason)")
                }
            }
            guard let found = scan.findings[change.blob] else { continue }
            var known: Set<FindingIdentity> = []
            for old in change.previous { known.formUnion((scan.findings[old] ?? []).map(FindingIdentity.init)) }
            let new = found.filter { !known.contains(FindingIdentity($0)) }
            guard !new.isEmpty else { continue }
            let attributed = new.map { $0.with(file: BlobScan.file($0.file, at: change.path), commit: commit) }
            result.findings += allowedByPath(attributed, absolute: rootReal + "/" + change.path)
        }
        return result
    }
}

/// What makes two findings the same secret, wherever they stand in a file.
struct FindingIdentity: Hashable {
    let ruleID: String
    let secret: String
    let paired: String?
    let token: String?

    init(_ finding: Finding) {
        ruleID = finding.ruleID
        secret = finding.secret
        paired = finding.pairedSecret?.secret
        token = finding.sessionToken?.secret
    }
}
