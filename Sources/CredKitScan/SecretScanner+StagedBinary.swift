extension SecretScanner {
    /// One file a staged change adds or alters, from `git diff --cached --raw -z`.
    struct StagedBlob: Equatable {
        /// The path in the index.
        let path: String
        /// The staged content.
        let blob: GitObjectID
        /// The content in `HEAD` (or the rename's source), nil for a new file.
        let previous: GitObjectID?
    }

    /// The most bytes of `git diff --cached --raw -z` read: a record is about 100 bytes and a path.
    static let maximumRawListingBytes = 64 << 20

    /// Scans the staged files a text diff leaves out: those git shows as binary (UTF-16 text,
    /// a NUL byte in the first 8,000 bytes) and archives. Each is read from the index whole and
    /// scanned as on disk (archives opened, UTF-16 transcoded, binary content for access key IDs);
    /// what the file already held in `HEAD` is not reported again.
    /// - Parameter listingLimit: the most bytes of the listing read (tests pass less).
    func scanStagedBinaries(in directory: String, root: String, listingLimit: Int = maximumRawListingBytes) throws -> ScanResult {
        var listing: [UInt8] = []
        try GitProcess.stream(["diff", "--cached", "--raw", "-z", "--no-abbrev", "-M", "--no-color", "--no-ext-diff", "--no-relative"],
                              in: directory) { chunk in
            guard listing.count + chunk.count <= listingLimit else {
                throw ScanError(.git, "git diff --cached --raw printed more than \(listingLimit) bytes")
            }
            listing.append(contentsOf: chunk)
        }
        let staged = try Self.parseRawListing(listing)
        let ids = Array(Set(staged.flatMap { [$0.blob] + ($0.previous.map { [$0] } ?? []) }))
        let scan = try scanBlobs(ids, in: directory, workers: 1)
        var result = ScanResult()
        for file in staged where scan.binaryToGit.contains(file.blob) {
            result.filesScanned += 1
            result.warnings += (scan.warnings[file.blob] ?? []).map { ScanWarning(path: BlobScan.file($0.path, at: file.path), reason: $0.reason) }
            guard let found = scan.findings[file.blob] else { continue }
            let known = Set((file.previous.flatMap { scan.findings[$0] } ?? []).map(FindingIdentity.init))
            let new = found.filter { !known.contains(FindingIdentity($0)) }.map { $0.with(file: BlobScan.file($0.file, at: file.path), commit: nil) }
            result.findings += allowedByPath(new, absolute: root + "/" + file.path)
        }
        return result
    }

    /// Reads `git diff --raw -z` records: `:MODE MODE SRC DST STATUS\0PATH\0`, with a second path
    /// for renames and copies. Deletions, submodules and files whose content did not change are left out.
    /// - Throws: `ScanError(.git)` when a record is malformed.
    static func parseRawListing(_ bytes: [UInt8]) throws -> [StagedBlob] {
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: false)[...]
        if fields.last?.isEmpty == true { fields = fields.dropLast() }
        var staged: [StagedBlob] = []
        while let header = fields.popFirst() {
            let parts = header.split(separator: UInt8(ascii: " "))
            guard header.first == UInt8(ascii: ":"), parts.count == 5, let status = parts[4].first,
                  let source = parts[2].withUnsafeBufferPointer(GitObjectID.init(hex:)),
                  let target = parts[3].withUnsafeBufferPointer(GitObjectID.init(hex:)),
                  var path = fields.popFirst()
            else { throw ScanError(.git, "git diff --raw printed a record credkit cannot read") }
            if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") {
                guard let renamed = fields.popFirst() else { throw ScanError(.git, "git diff --raw printed a rename without its new path") }
                path = renamed
            }
            // Submodules (mode 160000) have no blob here; deleted files have none either.
            let gitlink = parts[1].elementsEqual("160000".utf8)
            guard status != UInt8(ascii: "D"), !gitlink, !target.isNull, source != target else { continue }
            staged.append(StagedBlob(path: String(decoding: path, as: UTF8.self), blob: target, previous: source.isNull ? nil : source))
        }
        return staged
    }
}
