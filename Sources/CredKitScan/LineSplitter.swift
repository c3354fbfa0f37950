/// Splits a byte stream that arrives in chunks into lines (without their newline).
struct LineSplitter {
    private var partial: [UInt8] = []

    /// Calls `body` with each complete line in `chunk`, keeping an unfinished last line.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var index = 0
        let count = chunk.count
        while index < count {
            if chunk[index] == 0x0a {
                if partial.isEmpty {
                    body(UnsafeBufferPointer(rebasing: chunk[start..<index]))
                } else {
                    partial.append(contentsOf: chunk[start..<index])
                    partial.withUnsafeBufferPointer { body($0) }
                    partial.removeAll(keepingCapacity: true)
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { partial.append(contentsOf: chunk[start..<count]) }
    }

    /// Calls `body` with a last line that had no newline.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if !partial.isEmpty { partial.withUnsafeBufferPointer { body($0) } }
        partial.removeAll()
    }
}
