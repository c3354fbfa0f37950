/// A piece of `git log -p` output that starts at a commit (or, for a huge commit, at a file
/// of it, with the commit's line repeated in front).
struct HistoryBatch: Sendable {
    let index: Int
    let bytes: [UInt8]
    /// Whether the first commit line repeats one from the previous batch.
    let continuesCommit: Bool
}
