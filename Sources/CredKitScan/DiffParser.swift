/// Reads git's unified diffs (`git diff --cached -U0`, `git log -p -U0`) and collects, for
/// each file of each commit, the lines the change adds, with their line numbers in the new
/// file. Hunk headers give the line counts, so an added line whose text looks like a header
/// (`+++ x`, `diff --git`) is still read as text. Quoted file names (spaces, newlines,
/// non-ASCII) are unquoted; deleted files, binary files and pure renames add no lines.
struct DiffParser {
    /// The added lines of one file in one change.
    struct Document {
        let file: String
        let commit: CommitInfo?
        /// Added lines, each followed by a newline.
        var text: [UInt8]
        /// The new-file line number of each line of `text`.
        var lineMap: [Int]
    }

    /// Lines starting with this byte sequence carry commit facts (`git log --format`).
    static let commitMarker = Array("\u{1}credkit-commit ".utf8)
    /// The `--format` that writes the marker: id, author and date separated by NUL bytes.
    static let commitFormat = "--format=%x01credkit-commit %H%x00%an <%ae>%x00%aI"

    private(set) var commit: CommitInfo?
    private(set) var commits = 0
    /// Whether git said of a file that it is binary (`Binary files a/x and b/x differ`): its
    /// content is not in the diff and must be read another way.
    private(set) var sawBinary = false
    private var document: Document?
    private var file: String?
    private var newLine = 0
    private var oldRemaining = 0
    private var newRemaining = 0

    /// Feeds one line without its newline; completed documents go to `emit`.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, emit: (Document) -> Void) {
        if oldRemaining > 0 || newRemaining > 0, let first = line.first {
            switch first {
            case UInt8(ascii: "+"):
                if newRemaining > 0 {
                    added(UnsafeBufferPointer(rebasing: line[1...]))
                    newRemaining -= 1
                    return
                }
            case UInt8(ascii: "-"):
                if oldRemaining > 0 { oldRemaining -= 1; return }
            case UInt8(ascii: " "):
                if oldRemaining > 0, newRemaining > 0 {
                    oldRemaining -= 1
                    newRemaining -= 1
                    newLine += 1
                    return
                }
            case UInt8(ascii: "\\"):
                return // "\ No newline at end of file"
            default:
                break
            }
            // A line that does not fit the hunk ends it.
            oldRemaining = 0
            newRemaining = 0
        }
        if line.starts(with: Self.commitMarker) {
            flush(emit)
            commits += 1
            commit = Self.parseCommit(UnsafeBufferPointer(rebasing: line[Self.commitMarker.count...]))
            file = nil
        } else if line.starts(with: "diff --git ".utf8) {
            flush(emit)
            file = nil
        } else if line.starts(with: "+++ ".utf8) {
            flush(emit)
            file = Self.path(UnsafeBufferPointer(rebasing: line[4...]), prefix: "b/")
        } else if line.starts(with: "@@ ".utf8) {
            parseHunkHeader(line)
        } else if line.starts(with: "Binary files ".utf8) {
            sawBinary = true
        }
    }

    /// Emits the document in progress; call at the end of the input.
    mutating func finish(emit: (Document) -> Void) {
        flush(emit)
    }

    private mutating func added(_ text: UnsafeBufferPointer<UInt8>) {
        guard let file else { newLine += 1; return }
        if document == nil { document = Document(file: file, commit: commit, text: [], lineMap: []) }
        document?.text.append(contentsOf: text)
        document?.text.append(0x0a)
        document?.lineMap.append(newLine)
        newLine += 1
    }

    private mutating func flush(_ emit: (Document) -> Void) {
        if let document, !document.text.isEmpty { emit(document) }
        document = nil
    }

    /// `@@ -a,b +c,d @@`: counts default to 1 when omitted.
    private mutating func parseHunkHeader(_ line: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: line, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count >= 3, fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else { return }
        func range(_ field: Substring) -> (Int, Int)? {
            let parts = field.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let start = Int(parts[0]) else { return nil }
            let count = parts.count > 1 ? Int(parts[1]) : 1
            guard let count else { return nil }
            return (start, count)
        }
        guard let old = range(fields[1]), let new = range(fields[2]) else { return }
        oldRemaining = old.1
        newRemaining = new.1
        newLine = new.0
    }

    private static func parseCommit(_ text: UnsafeBufferPointer<UInt8>) -> CommitInfo {
        let parts = text.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        return CommitInfo(id: parts.first ?? "", author: parts.count > 1 ? parts[1] : "", date: parts.count > 2 ? parts[2] : "")
    }

    /// A file name from a `+++` line: unquoted, without its `b/` prefix; nil for `/dev/null`.
    static func path(_ raw: UnsafeBufferPointer<UInt8>, prefix: String) -> String? {
        var bytes = Array(raw)
        // git ends the name with a tab when it contains a space, for patch(1).
        if bytes.last == 0x09 { bytes.removeLast() }
        if bytes.first == UInt8(ascii: "\""), bytes.count >= 2, bytes.last == UInt8(ascii: "\"") {
            bytes = unquote(bytes[1..<(bytes.count - 1)])
        }
        if bytes == Array("/dev/null".utf8) { return nil }
        if bytes.starts(with: prefix.utf8) { bytes.removeFirst(prefix.utf8.count) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Undoes git's C-style quoting: `\n`, `\t`, `\"`, `\\`, `\a`..`\v` and octal `\303`.
    static func unquote(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < text.endIndex else {
                out.append(byte)
                continue
            }
            let escape = text[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "v"): out.append(0x0b)
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                var value = Int(escape - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < text.endIndex, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "7") {
                    value = value * 8 + Int(text[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            default: out.append(escape)
            }
        }
        return out
    }
}
