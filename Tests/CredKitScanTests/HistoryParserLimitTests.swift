@testable import CredKitScan
import Foundation
import Testing

/// The readers of git's output in `--history`: `git log --raw` listings and `cat-file --batch`
/// streams, with their limits tested at and one past.
@Suite struct HistoryParserLimitTests {
    private let commitID = String(repeating: "c", count: 40)
    private let zero = String(repeating: "0", count: 40)
    private let blobA = String(repeating: "a", count: 40)
    private let blobB = String(repeating: "b", count: 40)

    private func commitLine(_ id: String, parents: [String]) -> String {
        "\u{1}credkit-commit \(id)\u{0}\(parents.joined(separator: " "))\u{0}A <a@example.invalid>\u{0}2024-01-01T00:00:00Z\n"
    }

    private func listing(_ text: String, cut: Int? = nil) throws -> HistoryListing {
        var listing = HistoryListing()
        let bytes = Array(text.utf8)
        let split = min(cut ?? bytes.count, bytes.count)
        try bytes[..<split].withUnsafeBufferPointer { try listing.feed($0) }
        try bytes[split...].withUnsafeBufferPointer { try listing.feed($0) }
        try listing.finish()
        return listing
    }

    @Test("raw lines: additions, edits, renames and quoted names; deletions and submodules bring no blob")
    func rawLines() throws {
        let text = commitLine(commitID, parents: [blobB]) + "\n"
            + ":000000 100644 \(zero) \(blobA) A\tnew.txt\n"
            + ":100644 100644 \(blobB) \(blobA) M\t\"tab\\there.txt\"\n"
            + ":100644 100644 \(blobB) \(blobA) R090\told name\tnew name\n"
            + ":100644 000000 \(blobB) \(zero) D\tgone.txt\n"
            + ":000000 160000 \(zero) \(blobB) A\tsubmodule\n"
        for cut in [0, 5, 60, 130, text.utf8.count] {
            let parsed = try listing(text, cut: cut)
            #expect(parsed.commits.map(\.id) == [commitID])
            #expect(parsed.changes.map(\.path) == ["new.txt", "tab\there.txt", "new name"])
            #expect(parsed.changes.map(\.previous.count) == [0, 1, 1])
            #expect(parsed.blobs.map(\.description) == [blobA])
        }
    }

    @Test("a merge keeps only paths that differ from every parent, with each parent's blob")
    func mergeSections() throws {
        let other = String(repeating: "d", count: 40)
        let parents = [blobB, other]
        let text = commitLine(commitID, parents: parents)
            + ":100644 100644 \(blobB) \(blobA) M\tboth.txt\n"
            + ":000000 100644 \(zero) \(other) A\tfrom-second.txt\n"
            + commitLine(commitID, parents: parents)
            + ":100644 100644 \(other) \(blobA) M\tboth.txt\n"
            + ":000000 100644 \(zero) \(blobB) A\tfrom-first.txt\n"
        let parsed = try listing(text)
        #expect(parsed.commits.count == 1)
        #expect(parsed.changes.map(\.path) == ["both.txt"])
        #expect(parsed.changes.first?.previous.map(\.description) == [blobB, other])
    }

    @Test("a line of git log at the limit is read, one byte past it is refused with its line number")
    func lineLimit() throws {
        let head = ":000000 100644 \(zero) \(blobA) A\t"
        let atLimit = head + String(repeating: "p", count: HistoryListing.maximumLineBytes - head.utf8.count)
        let parsed = try listing(commitLine(commitID, parents: []) + atLimit + "\n", cut: 100)
        #expect(parsed.changes.first?.path.utf8.count == HistoryListing.maximumLineBytes - head.utf8.count)
        for cut in [100, 1 << 19, 2 << 20] {
            #expect(throws: ScanError(.git, "git log output line 2 is longer than \(HistoryListing.maximumLineBytes) bytes")) {
                _ = try listing(commitLine(commitID, parents: []) + atLimit + "p\n", cut: cut)
            }
        }
    }

    @Test("a merge of as many parents as the limit is read, one more is refused")
    func parentLimit() throws {
        let many = (0...HistoryListing.maximumParents).map { String(format: "%040x", $0 + 1) }
        let parsed = try listing(commitLine(commitID, parents: Array(many.dropLast())))
        #expect(parsed.commits.count == 1)
        #expect(throws: ScanError(.git, "git log output line 1: a merge of \(HistoryListing.maximumParents + 1) parents, more than \(HistoryListing.maximumParents)")) {
            _ = try listing(commitLine(commitID, parents: many))
        }
    }

    @Test("malformed listings are refused with the line, never a crash")
    func malformedListing() {
        for (text, line) in [
            (":100644 100644 \(blobB) \(blobA) M\tx\n", 1),
            (commitLine(commitID, parents: []) + ":100644 100644 xyz \(blobA) M\tx\n", 2),
            (commitLine(commitID, parents: []) + ":100644 100644 \(blobB) \(blobA) M\n", 2),
            (commitLine(commitID, parents: []) + ":100644 100644 \(blobB) \(blobA) R100\tonly-one\n", 2),
            (commitLine(commitID, parents: []) + "something else\n", 2),
            ("\u{1}credkit-commit nothing\n", 1),
        ] {
            #expect(throws: ScanError.self) { _ = try listing(text) }
            do { _ = try listing(text) } catch let error as ScanError {
                #expect(error.reason.hasPrefix("git log output line \(line):"), "\(error)")
            } catch {}
        }
    }

    // MARK: cat-file --batch

    private func read(_ bytes: [UInt8], cut: Int, limit: Int = BlobBatchReader.maximumBlobBytes) throws -> [BlobBatchReader.Item] {
        var reader = BlobBatchReader(maximumBlobBytes: limit)
        var items: [BlobBatchReader.Item] = []
        let split = min(cut, bytes.count)
        try bytes[..<split].withUnsafeBufferPointer { try reader.feed($0) { items.append($0) } }
        try bytes[split...].withUnsafeBufferPointer { try reader.feed($0) { items.append($0) } }
        try reader.finish()
        return items
    }

    @Test("cat-file output: blobs whole across any cut, empty blobs, missing objects")
    func catFile() throws {
        let bytes = Array("\(blobA) blob 5\nhello\n\(blobB) blob 0\n\n\(zero) missing\n\(commitID) tree 3\nabc\n".utf8)
        for cut in 0...bytes.count {
            let items = try read(bytes, cut: cut)
            guard items.count == 4 else { Issue.record("\(items.count) items at cut \(cut)"); return }
            if case .blob(let id, let content) = items[0] {
                #expect(id.description == blobA && content == Array("hello".utf8))
            } else { Issue.record("first is not a blob") }
            if case .blob(_, let content) = items[1] { #expect(content.isEmpty) } else { Issue.record("second is not a blob") }
            if case .unavailable(let id) = items[2] { #expect(id.isNull) } else { Issue.record("third is not missing") }
            if case .unavailable = items[3] {} else { Issue.record("a tree is not a blob") }
        }
    }

    @Test("a blob at the size limit is read, one byte past it is skipped without being held")
    func blobLimit() throws {
        let limit = BlobBatchReader.maximumBlobBytes
        for size in [limit, limit + 1] {
            var bytes = Array("\(blobA) blob \(size)\n".utf8)
            bytes += [UInt8](repeating: 0x61, count: size) + [0x0a]
            let items = try read(bytes, cut: 1 << 20)
            #expect(items.count == 1)
            switch items.first {
            case .blob(_, let content)?: #expect(size == limit && content.count == limit)
            case .tooLarge(_, let reported)?: #expect(size == limit + 1 && reported == size)
            default: Issue.record("no item for \(size) bytes")
            }
        }
    }

    @Test("a cat-file header at the limit is read, one byte past it is refused")
    func headerLimit() throws {
        // A long type name fills the header: git never writes one, but its length is what counts.
        let padded = "\(blobA) " + String(repeating: "t", count: BlobBatchReader.maximumHeaderBytes - 43) + " 1"
        #expect(padded.utf8.count == BlobBatchReader.maximumHeaderBytes)
        #expect(try read(Array((padded + "\nx\n").utf8), cut: 100).count == 1)
        #expect(throws: ScanError(.git, "git cat-file output, object 1: a header longer than \(BlobBatchReader.maximumHeaderBytes) bytes")) {
            _ = try read(Array(("\(blobA) t" + String(repeating: "t", count: BlobBatchReader.maximumHeaderBytes - 43) + " 1\nx\n").utf8), cut: 100)
        }
    }

    @Test("malformed cat-file output is refused, never a crash")
    func malformedCatFile() {
        for text in ["nonsense\n", "\(blobA) blob -1\n", "\(blobA) blob 3\nabcX", "\(blobA) blob 3\nab", "\(blobA) blob\n",
                     "\(blobA) blob 99999999999999999999\n"] {
            #expect(throws: ScanError.self) { _ = try read(Array(text.utf8), cut: 3) }
        }
    }
}
