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
        let start = window + (position - base)
        let count = target - position
        let newlines = Self.countNewlines(start, count: count)
        if newlines > 0 {
            line += newlines
            // The last newline is found from the end; it is usually close.
            var cursor = start + count
            while cursor > start, cursor[-1] != 0x0a { cursor -= 1 }
            lineStart = base + (cursor - window)
        }
        position = target
    }

    /// The number of `\n` bytes in `bytes..<bytes + count`, sixteen at a time: a large file
    /// is counted window by window whether or not it holds a candidate, so this is hot.
    static func countNewlines(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        let newline = SIMD16<UInt8>(repeating: 0x0a)
        let one = SIMD16<UInt8>(repeating: 1)
        let zero = SIMD16<UInt8>()
        var total = 0
        var index = 0
        while count - index >= 16 {
            // Byte lanes count at most 255 before they are summed.
            var lanes = SIMD16<UInt8>()
            let stop = min(count - 15, index + 16 * 255)
            while index < stop {
                let block = UnsafeRawPointer(bytes + index).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &+= zero.replacing(with: one, where: block .== newline)
                index += 16
            }
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while index < count {
            if bytes[index] == 0x0a { total += 1 }
            index += 1
        }
        return total
    }
}
