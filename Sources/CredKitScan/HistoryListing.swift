/// Reads `git log --raw --no-abbrev --diff-merges=separate` with `commitFormat` and lists, per
/// commit, the blobs it brings into each path: for an ordinary commit every added, modified or
/// renamed file; for a merge only the paths whose content differs from every parent (what the
/// merge itself resolved), with the blob each parent had there.
///
/// Deletions, submodules and type changes to links of submodules add no blob.
struct HistoryListing {
    /// A blob a commit brought into a path, with what the path held before in each parent.
    struct Change: Sendable {
        let commit: Int
        let path: String
        let blob: GitObjectID
        /// The path's (or the rename source's) blob in each parent that had one.
        let previous: [GitObjectID]
    }

    /// Lines starting with this byte sequence carry commit facts.
    static let commitMarker = Array("\u{1}credkit-commit ".utf8)
    /// Writes the marker: id, parents, author and date separated by NUL bytes.
    static let commitFormat = "--format=%x01credkit-commit %H%x00%P%x00%an <%ae>%x00%aI"
    /// A line of git's output longer than this (a path of a megabyte) is refused.
    static let maximumLineBytes = 1 << 20
    /// A merge with more parents than this is refused (git itself warns past 16).
    static let maximumParents = 1024

    /// Commits in git's order; `Change.commit` indexes it.
    private(set) var commits: [CommitInfo] = []
    /// Changes in git's order (newest commit first, files in path order).
    private(set) var changes: [Change] = []
    /// Every blob a change brings, once, in first-seen order.
    private(set) var blobs: [GitObjectID] = []

    /// The same blobs as a set.
    private(set) var blobSet: Set<GitObjectID> = []
    private var partial: [UInt8] = []
    private var lineNumber = 0
    private var currentID = ""
    private var parentCount = 0
    /// Which parent's diff the raw lines belong to (0-based); merges repeat the commit line per parent.
    private var section = 0
    /// For a merge: per new path, its blob and the previous blob in each parent section seen.
    private var mergePaths: [String: (blob: GitObjectID, sections: Int, previous: [GitObjectID])] = [:]
    private var mergeOrder: [String] = []

    /// Feeds a chunk of git's output.
    /// - Throws: `ScanError(.git)` naming the line when it is too long or malformed.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        var start = 0
        for index in 0..<chunk.count where chunk[index] == 0x0a {
            if partial.isEmpty {
                try line(UnsafeBufferPointer(rebasing: chunk[start..<index]))
            } else {
                try append(UnsafeBufferPointer(rebasing: chunk[start..<index]))
                let whole = partial
                partial.removeAll(keepingCapacity: true)
                try whole.withUnsafeBufferPointer { try line($0) }
            }
            start = index + 1
        }
        if start < chunk.count { try append(UnsafeBufferPointer(rebasing: chunk[start...])) }
    }

    /// Ends the input.
    mutating func finish() throws {
        if !partial.isEmpty {
            let whole = partial
            partial = []
            try whole.withUnsafeBufferPointer { try line($0) }
        }
        endCommit()
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard partial.count + bytes.count <= Self.maximumLineBytes else {
            throw ScanError(.git, "git log output line \(lineNumber + 1) is longer than \(Self.maximumLineBytes) bytes")
        }
        partial.append(contentsOf: bytes)
    }

    private mutating func line(_ text: UnsafeBufferPointer<UInt8>) throws {
        lineNumber += 1
        guard text.count <= Self.maximumLineBytes else {
            throw ScanError(.git, "git log output line \(lineNumber) is longer than \(Self.maximumLineBytes) bytes")
        }
        if text.starts(with: Self.commitMarker) {
            try commitLine(UnsafeBufferPointer(rebasing: text[Self.commitMarker.count...]))
        } else if text.first == UInt8(ascii: ":") {
            guard !commits.isEmpty else { throw malformed("a file before any commit") }
            try rawLine(text)
        } else if !text.isEmpty {
            throw malformed("an unexpected line")
        }
    }

    private func malformed(_ what: String) -> ScanError {
        ScanError(.git, "git log output line \(lineNumber): \(what)")
    }

    private mutating func commitLine(_ text: UnsafeBufferPointer<UInt8>) throws {
        let parts = text.split(separator: 0, omittingEmptySubsequences: false)
        guard parts.count == 4, GitObjectID(hex: UnsafeBufferPointer(rebasing: parts[0])) != nil else {
            throw malformed("a commit line without id, parents, author and date")
        }
        let id = String(decoding: parts[0], as: UTF8.self)
        if id == currentID, section + 1 < parentCount {
            section += 1
            return
        }
        endCommit()
        let parents = parts[1].split(separator: UInt8(ascii: " "))
        guard parents.count <= Self.maximumParents else {
            throw malformed("a merge of \(parents.count) parents, more than \(Self.maximumParents)")
        }
        currentID = id
        parentCount = parents.count
        section = 0
        commits.append(CommitInfo(id: id, author: String(decoding: parts[2], as: UTF8.self),
                                  date: String(decoding: parts[3], as: UTF8.self)))
    }

    /// `:old-mode new-mode old-blob new-blob status<TAB>path[<TAB>new-path]`
    private mutating func rawLine(_ text: UnsafeBufferPointer<UInt8>) throws {
        guard let tab = text.firstIndex(of: 0x09) else { throw malformed("a file line without a path") }
        let fields = UnsafeBufferPointer(rebasing: text[1..<tab]).split(separator: UInt8(ascii: " "))
        guard fields.count == 5,
              let old = GitObjectID(hex: UnsafeBufferPointer(rebasing: fields[2])),
              let new = GitObjectID(hex: UnsafeBufferPointer(rebasing: fields[3])),
              let status = fields[4].first
        else { throw malformed("a file line that is not git's raw format") }
        let paths = UnsafeBufferPointer(rebasing: text[(tab + 1)...]).split(separator: 0x09, omittingEmptySubsequences: false)
        let renamed = status == UInt8(ascii: "R") || status == UInt8(ascii: "C")
        guard paths.count == (renamed ? 2 : 1), let last = paths.last, !last.isEmpty else {
            throw malformed("a file line with \(paths.count) paths")
        }
        // Regular files and links only: 160000 is a submodule's commit, 000000 a deletion.
        let mode = fields[1]
        guard !new.isNull, mode.starts(with: "100".utf8) || mode.starts(with: "120".utf8) else { return }
        let path = Self.path(ArraySlice(last))
        if parentCount <= 1 {
            add(Change(commit: commits.count - 1, path: path, blob: new, previous: old.isNull ? [] : [old]))
            return
        }
        if section == 0 {
            mergePaths[path] = (new, 1, old.isNull ? [] : [old])
            mergeOrder.append(path)
        } else if var entry = mergePaths[path], entry.sections == section, entry.blob == new {
            entry.sections += 1
            if !old.isNull { entry.previous.append(old) }
            mergePaths[path] = entry
        }
    }

    private static func path(_ raw: ArraySlice<UInt8>) -> String {
        if raw.first == UInt8(ascii: "\""), raw.count >= 2, raw.last == UInt8(ascii: "\"") {
            return String(decoding: DiffParser.unquote(raw.dropFirst().dropLast()), as: UTF8.self)
        }
        return String(decoding: raw, as: UTF8.self)
    }

    private mutating func add(_ change: Change) {
        changes.append(change)
        if blobSet.insert(change.blob).inserted { blobs.append(change.blob) }
    }

    /// A merge's own content: paths that differ from every parent.
    private mutating func endCommit() {
        defer {
            mergePaths.removeAll(keepingCapacity: true)
            mergeOrder.removeAll(keepingCapacity: true)
        }
        guard parentCount > 1 else { return }
        for path in mergeOrder {
            guard let entry = mergePaths[path], entry.sections == parentCount else { continue }
            add(Change(commit: commits.count - 1, path: path, blob: entry.blob, previous: entry.previous))
        }
    }
}
