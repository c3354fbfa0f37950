import CredKitCrypto

/// A local Have I Been Pwned-style list of breached passwords: lines of `SHA1:COUNT`, 40
/// hex digits then the number of times the password was seen, sorted by hash. Looked up
/// by binary search over a memory-mapped file, so a list of any size opens at once.
///
/// Every line a lookup reads is checked; ``verify()`` checks the whole file.
public struct BreachList: Sendable {
    /// The file's path, for messages.
    public let path: String
    private let file: MappedFile

    /// Opens and maps the list, checking its first and last lines.
    /// - Throws: `PolicyError` when the file cannot be read or a checked line is malformed.
    public init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        let bytes = file.bytes
        if !bytes.isEmpty {
            _ = try entry(lineAt: 0)
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            _ = try entry(lineAt: start)
        }
    }

    /// Whether the file has no entries.
    public var isEmpty: Bool { file.bytes.isEmpty }

    /// How many times the password with this SHA-1 digest was seen; nil when it is not listed.
    /// - Throws: `PolicyError.invalidBreachList` naming the line when a line it reads is malformed.
    public func count(forSHA1 digest: [UInt8]) throws -> Int? {
        precondition(digest.count == 20, "a SHA-1 digest is 20 bytes")
        var target = [UInt8](repeating: 0, count: 40)
        defer { wipe(&target) }
        let digits = Array("0123456789ABCDEF".utf8)
        for (index, byte) in digest.enumerated() {
            target[2 * index] = digits[Int(byte >> 4)]
            target[2 * index + 1] = digits[Int(byte & 0x0F)]
        }
        let bytes = file.bytes
        // lo is always the start of a line; hi the start of a line or the end of the file.
        var lo = 0, hi = bytes.count
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            var start = mid
            while start > lo, bytes[start - 1] != 0x0A { start -= 1 }
            var end = mid
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if start == end, end == bytes.count - 1 || end == bytes.count {
                // The empty remainder after a final newline.
                hi = start
                continue
            }
            let line = try entry(lineAt: start)
            switch Self.compare(bytes, line.hash, target) {
            case 0: return line.count
            case ..<0: lo = end + 1
            default: hi = start
            }
        }
        return nil
    }

    /// How many times a password (its UTF-8 bytes) was seen; nil when it is not listed.
    public func count(forPassword password: UnsafeRawBufferPointer) throws -> Int? {
        var digest = Digest.hash(.sha1, password)
        defer { wipe(&digest) }
        return try count(forSHA1: digest)
    }

    /// Checks every line's format and that hashes strictly increase.
    /// - Returns: the number of entries.
    /// - Throws: `PolicyError.invalidBreachList` naming the first bad line.
    public func verify() throws -> Int {
        let bytes = file.bytes
        var start = 0, lineNumber = 0
        var previous: Range<Int>?
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = try entry(lineAt: start, knownLineNumber: lineNumber)
            if let previous, Self.compareHashes(bytes, previous, line.hash) >= 0 {
                throw PolicyError(.invalidBreachList,
                                  "\(path): line \(lineNumber): hash is not after line \(lineNumber - 1)'s; the list must be sorted by hash without duplicates")
            }
            previous = line.hash
            start = end + 1
        }
        return lineNumber
    }

    /// Parses the line starting at `start`.
    private func entry(lineAt start: Int, knownLineNumber: Int? = nil) throws -> (hash: Range<Int>, count: Int) {
        let bytes = file.bytes
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        func fail(_ what: String) -> PolicyError {
            let number = knownLineNumber ?? Self.lineNumber(of: start, in: bytes)
            return PolicyError(.invalidBreachList, "\(path): line \(number): \(what); expected SHA1:COUNT (40 hex digits, a colon, a number)")
        }
        guard end - start >= 42 else { throw fail(end == start ? "empty line" : "line too short") }
        for index in start..<(start + 40) where Hex.value(bytes[index]) == nil {
            throw fail("hash field: character \(index - start + 1) is not a hex digit")
        }
        guard bytes[start + 40] == UInt8(ascii: ":") else { throw fail("no colon after the 40-digit hash") }
        var count = 0
        for index in (start + 41)..<end {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw fail("count field is not a number") }
            let (times, overflow1) = count.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw fail("count field is too large") }
            count = sum
        }
        return (start..<(start + 40), count)
    }

    /// The 1-based number of the line starting at `offset` (only computed for messages).
    private static func lineNumber(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var number = 1
        for index in 0..<offset where bytes[index] == 0x0A { number += 1 }
        return number
    }

    /// Compares a hash in the file with the uppercase target, ignoring the file's case.
    private static func compare(_ bytes: UnsafeRawBufferPointer, _ hash: Range<Int>, _ target: [UInt8]) -> Int {
        for (offset, index) in hash.enumerated() {
            let left = upper(bytes[index]), right = target[offset]
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    private static func compareHashes(_ bytes: UnsafeRawBufferPointer, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        for (left, right) in zip(a, b) {
            let x = upper(bytes[left]), y = upper(bytes[right])
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") ? byte - 32 : byte
    }
}
