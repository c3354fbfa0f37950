/// Cuts the history stream into batches at commit boundaries.
struct HistoryBatcher {
    /// Batches aim at this size: large enough to amortise hand-offs, small enough to spread.
    static let target = 1 << 20
    /// A single commit larger than this is cut between files.
    static let limit = 64 << 20

    private var pending: [UInt8] = []
    private var searchedUpTo = 0
    private var next = 0
    private var continuing = false
    private static let boundary: [UInt8] = [0x0a] + DiffParser.commitMarker
    private static let fileBoundary = Array("\ndiff --git ".utf8)

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>, emit: (HistoryBatch) -> Void) {
        pending.append(contentsOf: chunk)
        guard pending.count >= Self.target else { return }
        if let cut = lastIndex(of: Self.boundary) {
            let batch = Array(pending[...cut])
            pending.removeFirst(cut + 1)
            emit(HistoryBatch(index: next, bytes: batch, continuesCommit: continuing))
            next += 1
            continuing = false
        } else if pending.count >= Self.limit, let cut = lastIndex(of: Self.fileBoundary), cut > 0 {
            // One huge commit: cut between files, repeating the commit line.
            let header = commitLine()
            let batch = Array(pending[...cut])
            pending.removeFirst(cut + 1)
            pending.insert(contentsOf: header, at: 0)
            emit(HistoryBatch(index: next, bytes: batch, continuesCommit: continuing))
            next += 1
            continuing = true
        }
    }

    mutating func finish(emit: (HistoryBatch) -> Void) {
        if !pending.isEmpty { emit(HistoryBatch(index: next, bytes: pending, continuesCommit: continuing)) }
        pending = []
    }

    /// The commit line pending starts with, newline included.
    private func commitLine() -> [UInt8] {
        guard pending.starts(with: DiffParser.commitMarker), let end = pending.firstIndex(of: 0x0a) else { return [] }
        return Array(pending[...end])
    }

    private func lastIndex(of needle: [UInt8]) -> Int? {
        pending.withUnsafeBufferPointer { buffer -> Int? in
            var index = buffer.count - needle.count
            while index >= 0 {
                if buffer[index] == needle[0], buffer[index + 1] == needle[1] {
                    var matched = true
                    for k in 2..<needle.count where buffer[index + k] != needle[k] { matched = false; break }
                    if matched { return index }
                }
                index -= 1
            }
            return nil
        }
    }
}
