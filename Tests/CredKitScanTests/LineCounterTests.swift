@testable import CredKitScan
import Testing

/// Line numbers come from a vectorised newline count: pin it to a byte-by-byte count.
@Suite struct LineCounterTests {
    /// Random bytes where about one in `spacing` is a newline.
    static func document(count: Int, spacing: Int) -> [UInt8] {
        (0..<count).map { _ in Int.random(in: 0..<spacing) == 0 ? 0x0a : UInt8.random(in: 0x20...0xff) }
    }

    @Test("countNewlines equals a plain count at every length and offset",
          arguments: [1, 2, 40, 1000])
    func countMatches(spacing: Int) {
        // 16 * 255 * 2 + 37 bytes: crosses the lane-sum boundary and leaves a tail.
        let bytes = Self.document(count: 16 * 255 * 2 + 37, spacing: spacing)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for (start, end) in [(0, bytes.count), (3, bytes.count - 5), (0, 15), (7, 23), (0, 16 * 255), (1, 16 * 255 + 1)] {
                let expected = bytes[start..<end].filter { $0 == 0x0a }.count
                #expect(LineCounter.countNewlines(base + start, count: end - start) == expected)
            }
        }
    }

    @Test("advance gives the line and line start of every offset")
    func advanceTracksLines() {
        let bytes = Self.document(count: 10_000, spacing: 30)
        var counter = LineCounter()
        var line = 1
        var lineStart = 0
        var offset = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < bytes.count {
                let target = min(bytes.count, offset + Int.random(in: 1...200))
                for index in offset..<target where bytes[index] == 0x0a {
                    line += 1
                    lineStart = index + 1
                }
                counter.advance(to: target, in: base, base: 0)
                #expect(counter.line == line)
                #expect(counter.lineStart == lineStart)
                offset = target
            }
        }
    }
}
