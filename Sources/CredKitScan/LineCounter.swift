#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line numbers for offsets in a document, counted lazily: only up to the offsets that
/// need one, so files without candidates are never counted.
struct LineCounter {
    /// Absolute offset up to which newlines have been counted.
    private(set) var position = 0
    /// 1-based line number at `position`.
    private(set) var line = 1
    /// Absolute offset where that line starts.
    private(set) var lineStart = 0

    /// Counts newlines up to absolute offset `target`, reading them from `window`,
    /// which starts at absolute offset `base` and must cover `position..<target`.
    mutating func advance(to target: Int, in window: UnsafePointer<UInt8>, base: Int) {
        guard target > position else { return }
        precondition(position >= base, "line counter fell behind the window")
        var cursor = window + (position - base)
        let end = window + (target - base)
        while cursor < end {
            guard let found = memchr(cursor, 0x0a, end - cursor) else { break }
            let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
            line += 1
            lineStart = base + (newline - window) + 1
            cursor = newline + 1
        }
        position = target
    }
}
