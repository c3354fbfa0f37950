/// Hand-written scanners for fixed-shape values. A match is a run of at least L bytes of one
/// class (20 for key IDs, 40 for secrets), so the scanners test the L-byte window ending at a
/// position backwards from its end: in ordinary text a byte outside the class turns up within
/// a few steps and the next window starts just past it, so most bytes are never looked at.
/// Tests cross-check the results against the rules' regular expressions (`Rule.pattern`).
enum ShapeScanner {
    /// A span of the window that has the shape of a value.
    struct Span {
        enum Kind { case keyID, secret, token }
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// Calls `body` with every maximal run of bytes having `bits` that is at least `minimum`
    /// long and starts at or after `scanFrom`.
    @inline(__always)
    private static func runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, bits: UInt8,
                             minimum: Int, _ body: (_ start: Int, _ end: Int) -> Void) {
        let table = ByteClass.table
        var i = scanFrom + minimum - 1
        while i < n {
            var k = i
            let floor = i - minimum
            while k > floor, table[Int(bytes[k])] & bits != 0 { k -= 1 }
            if k > floor {
                // bytes[k] is outside the class: no run of `minimum` can contain it.
                i = k + minimum
                continue
            }
            var s = floor + 1
            while s > 0, table[Int(bytes[s - 1])] & bits != 0 { s -= 1 }
            var e = i + 1
            while e < n, table[Int(bytes[e])] & bits != 0 { e += 1 }
            if s >= scanFrom { body(s, e) }
            i = e + minimum
        }
    }

    /// Words of exactly 20 bytes of `[A-Z0-9]` bounded by non-word bytes (`\b`): key ID and
    /// unique ID candidates. Prefixes are checked by the caller.
    /// - Parameters:
    ///   - from: spans starting earlier were decided by an earlier window.
    ///   - acceptLimit: spans starting at or after it are left to the next window.
    ///   - isFinal: whether the end of the window is the end of the document.
    static func keyIDs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                       isFinal: Bool, into spans: inout [Span]) {
        let table = ByteClass.table
        let word = ByteClass.word
        runs(bytes, count: n, from: scanFrom, bits: ByteClass.keyID, minimum: 20) { s, e in
            guard e - s == 20, s < acceptLimit, bytes[s] == UInt8(ascii: "A") else { return }
            guard s == 0 || table[Int(bytes[s - 1])] & word == 0 else { return }
            guard e < n ? table[Int(bytes[e])] & word == 0 : isFinal else { return }
            spans.append(Span(start: s, end: e, kind: .keyID))
        }
    }

    /// Maximal runs of `[A-Za-z0-9+/]`: exactly 40 bytes not followed by `=` (secret access
    /// key candidates), or at least `tokenMinimum` bytes with up to two `=` (session tokens).
    static func base64Runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                           isFinal: Bool, secrets: Bool, tokens: Bool, tokenMinimum: Int,
                           into spans: inout [Span]) {
        let equals = UInt8(ascii: "=")
        runs(bytes, count: n, from: scanFrom, bits: ByteClass.base64, minimum: 40) { s, e in
            guard s < acceptLimit, e < n || isFinal else { return }
            let length = e - s
            if length == 40, secrets, e == n || bytes[e] != equals {
                spans.append(Span(start: s, end: e, kind: .secret))
            } else if length >= tokenMinimum, tokens {
                var end = e
                while end < n, end - e < 2, bytes[end] == equals { end += 1 }
                if end == n || bytes[end] != equals {
                    spans.append(Span(start: s, end: end, kind: .token))
                }
            }
        }
    }
}
