/// Hand-written scanners for fixed-shape values. A match is a run of at least L bytes of one
/// class (20 for key IDs, 40 for secrets), so the scanners test the L-byte window ending at a
/// position backwards from its end, sixteen bytes at a time: in ordinary text a byte outside
/// the class turns up at once and the next window starts just past it, so most bytes are
/// never looked at. Each jump depends on the one before, so four cursors work on four parts
/// of the text at once and the processor overlaps them.
/// Tests cross-check the results against the rules' regular expressions (`Rule.pattern`).
enum ShapeScanner {
    /// A span of the window that has the shape of a value.
    struct Span: Equatable {
        enum Kind { case keyID, secret, token }
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// One cursor: the end of the next window to test, and where its part of the text ends.
    private struct Cursor {
        var position: Int
        let end: Int
    }

    /// Calls `body` with every maximal run of bytes in the class that is at least `minimum`
    /// (16 or more) long and starts at or after `scanFrom`, in no particular order; a run
    /// crossing from one cursor's part into the next can be reported twice.
    @inline(__always)
    /// - Parameter reportFrom: runs starting before it are not reported (by default `scanFrom`;
    ///   0 reports runs that begin earlier but reach past `scanFrom + minimum - 1`).
    private static func runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, reportFrom: Int? = nil,
                             bits: UInt8, minimum: Int, mask: (UnsafePointer<UInt8>) -> UInt32,
                             _ body: (_ start: Int, _ end: Int) -> Void) {
        let reportFrom = reportFrom ?? scanFrom
        let first = scanFrom + minimum - 1
        guard first < n else { return }
        let part = (n - first) / 4
        if part < 64 {
            var cursor = Cursor(position: first, end: n)
            while cursor.position < cursor.end { step(&cursor, bytes, n, reportFrom, bits, minimum, mask, body) }
            return
        }
        var a = Cursor(position: first, end: first + part)
        var b = Cursor(position: first + part, end: first + 2 * part)
        var c = Cursor(position: first + 2 * part, end: first + 3 * part)
        var d = Cursor(position: first + 3 * part, end: n)
        while a.position < a.end, b.position < b.end, c.position < c.end, d.position < d.end {
            step(&a, bytes, n, reportFrom, bits, minimum, mask, body)
            step(&b, bytes, n, reportFrom, bits, minimum, mask, body)
            step(&c, bytes, n, reportFrom, bits, minimum, mask, body)
            step(&d, bytes, n, reportFrom, bits, minimum, mask, body)
        }
        while a.position < a.end { step(&a, bytes, n, reportFrom, bits, minimum, mask, body) }
        while b.position < b.end { step(&b, bytes, n, reportFrom, bits, minimum, mask, body) }
        while c.position < c.end { step(&c, bytes, n, reportFrom, bits, minimum, mask, body) }
        while d.position < d.end { step(&d, bytes, n, reportFrom, bits, minimum, mask, body) }
    }

    /// Tests the window ending at the cursor and moves the cursor past what it learned.
    @inline(__always)
    private static func step(_ cursor: inout Cursor, _ bytes: UnsafePointer<UInt8>, _ n: Int, _ reportFrom: Int,
                             _ bits: UInt8, _ minimum: Int, _ mask: (UnsafePointer<UInt8>) -> UInt32,
                             _ body: (_ start: Int, _ end: Int) -> Void) {
        let i = cursor.position
        let last16 = mask(bytes + i - 15)
        if last16 != 0xffff {
            // The last byte outside the class: no run of `minimum` can contain it.
            let outside = ~last16 & 0xffff
            cursor.position = i - 15 + (31 - outside.leadingZeroBitCount) + minimum
            return
        }
        let table = ByteClass.table
        let floor = i - minimum
        var k = i - 16
        while k > floor, table[Int(bytes[k])] & bits != 0 { k -= 1 }
        if k > floor {
            cursor.position = k + minimum
            return
        }
        var s = floor + 1
        while s > 0, table[Int(bytes[s - 1])] & bits != 0 { s -= 1 }
        var e = i + 1
        while e < n, table[Int(bytes[e])] & bits != 0 { e += 1 }
        if s >= reportFrom { body(s, e) }
        cursor.position = e + minimum
    }

    /// Words of exactly 20 bytes of `[A-Z0-9]` bounded by non-word bytes (`\b`): key ID and
    /// unique ID candidates. Prefixes are checked by the caller.
    /// - Parameters:
    ///   - from: spans starting earlier were decided by an earlier window.
    ///   - acceptLimit: spans starting at or after it are left to the next window.
    ///   - isFinal: whether the end of the window is the end of the document.
    static func keyIDs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                       isFinal: Bool, into spans: inout [Span]) {
        let before = spans.count
        runs(bytes, count: n, from: scanFrom, bits: ByteClass.keyID, minimum: 20, mask: ByteClass.keyIDMask) { runStart, e in
            keyID(bytes, count: n, run: runStart, e, acceptLimit: acceptLimit, isFinal: isFinal, into: &spans)
        }
        inOrder(&spans, from: before)
    }

    /// The key ID candidate in a maximal `[A-Z0-9]` run of at least 20 bytes, if it is one.
    @inline(__always)
    private static func keyID(_ bytes: UnsafePointer<UInt8>, count n: Int, run runStart: Int, _ e: Int, acceptLimit: Int,
                              isFinal: Bool, into spans: inout [Span]) {
        let table = ByteClass.table
        let word = ByteClass.word
        // `\u0022AKIA...` and `\x22AKIA...`: the escape's hex digits are not part of the key.
        let s = e - runStart > 20 && runStart > 0 ? runStart + max(0, escapeLength(bytes, at: runStart - 1, end: e) - 1) : runStart
        guard e - s == 20, s < acceptLimit, bytes[s] == UInt8(ascii: "A") else { return }
        guard s == 0 || table[Int(bytes[s - 1])] & word == 0 || escapeEnds(bytes, at: s) else { return }
        guard e < n ? table[Int(bytes[e])] & word == 0 : isFinal else { return }
        spans.append(Span(start: s, end: e, kind: .keyID))
    }

    /// `base64Runs` without the decoder's runs.
    static func base64Runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                           isFinal: Bool, secrets: Bool, tokens: Bool, tokenMinimum: Int, into spans: inout [Span]) {
        var unused: [Span] = []
        base64Runs(bytes, count: n, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal, secrets: secrets,
                   tokens: tokens, tokenMinimum: tokenMinimum, into: &spans, encoded: &unused)
    }

    /// Maximal runs of `[A-Za-z0-9+/]`: exactly 40 bytes not followed by `=` (secret access
    /// key candidates), or at least `tokenMinimum` bytes with up to two `=` (session tokens).
    /// - Parameter encodedMinimum: when set, runs at least this long (under 40) also go to
    ///   `encoded`, in the same pass, for the Base64 decoder.
    static func base64Runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                           isFinal: Bool, secrets: Bool, tokens: Bool, tokenMinimum: Int,
                           into spans: inout [Span], encodedMinimum: Int? = nil, encoded: inout [Span]) {
        let before = spans.count
        let encodedBefore = encoded.count
        let minimum = min(40, encodedMinimum ?? 40)
        runs(bytes, count: n, from: scanFrom, bits: ByteClass.base64, minimum: minimum, mask: ByteClass.base64Mask) { runStart, e in
            if encodedMinimum != nil, runStart < acceptLimit { encoded.append(Span(start: runStart, end: e, kind: .token)) }
            value(bytes, count: n, run: runStart, e, acceptLimit: acceptLimit, isFinal: isFinal, secrets: secrets,
                  tokens: tokens, tokenMinimum: tokenMinimum, into: &spans)
        }
        inOrder(&spans, from: before)
        inOrder(&encoded, from: encodedBefore)
    }

    /// `keyIDs` and `base64Runs` in one pass over the text: a key ID's maximal `[A-Z0-9]` run
    /// lies inside a maximal `[A-Za-z0-9+/]` run at least as long, so the Base64 runs of 20
    /// bytes or more are found once and key IDs looked for only inside them. The spans are
    /// those of the two passes, in the same order: key IDs first, then values.
    /// - Returns: how many key ID spans were appended.
    static func keyIDsAndBase64Runs(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, acceptLimit: Int,
                                    isFinal: Bool, secrets: Bool, tokens: Bool, tokenMinimum: Int,
                                    into spans: inout [Span], encodedMinimum: Int?, encoded: inout [Span]) -> Int {
        let table = ByteClass.table
        let keyBits = ByteClass.keyID
        let before = spans.count
        let encodedBefore = encoded.count
        let valueMinimum = min(40, encodedMinimum ?? 40)
        var values: [Span] = []
        // Runs starting before `scanFrom` are reported too: a key ID inside one may start after it.
        base64Runs20(bytes, count: n, from: scanFrom) { runStart, e in
            // 20 bytes of the class from `k` on, tested from the last: a lowercase letter or a
            // `+` or `/` there moves `k` past it (identifiers rarely hold 20 capitals in a row).
            var k = max(runStart, scanFrom)
            while e - k >= 20 {
                var j = k + 19
                while j >= k, table[Int(bytes[j])] & keyBits != 0 { j -= 1 }
                if j >= k {
                    k = j + 1
                    continue
                }
                var end = k + 20
                while end < e, table[Int(bytes[end])] & keyBits != 0 { end += 1 }
                // Only a run that starts at `k` after a byte outside the class is maximal.
                if k == runStart || table[Int(bytes[k - 1])] & keyBits == 0 {
                    keyID(bytes, count: n, run: k, end, acceptLimit: acceptLimit, isFinal: isFinal, into: &spans)
                }
                k = end
            }
            guard runStart >= scanFrom, e - runStart >= valueMinimum else { return }
            if encodedMinimum != nil, runStart < acceptLimit { encoded.append(Span(start: runStart, end: e, kind: .token)) }
            value(bytes, count: n, run: runStart, e, acceptLimit: acceptLimit, isFinal: isFinal, secrets: secrets,
                  tokens: tokens, tokenMinimum: tokenMinimum, into: &values)
        }
        inOrder(&spans, from: before)
        let keyCount = spans.count - before
        inOrder(&values, from: 0)
        spans += values
        inOrder(&encoded, from: encodedBefore)
        return keyCount
    }

    /// Calls `body` with every maximal run of `[A-Za-z0-9+/]` of at least 20 bytes that ends at
    /// or after `scanFrom + 20`, in document order and once each (where it starts does not
    /// matter). Sixty-four bytes are classified at a time and runs of 20 found by shifting the
    /// bit mask onto itself, so there is no chain of dependent jumps as in `runs`.
    @inline(__always)
    private static func base64Runs20(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int,
                                     _ body: (_ start: Int, _ end: Int) -> Void) {
        let minimum = 20
        guard scanFrom + minimum <= n else { return }
        let table = ByteClass.table
        func report(_ start: Int, _ end: Int) {
            if end - start >= minimum, end >= scanFrom + minimum { body(start, end) }
        }
        // Where the run of class bytes ending at `position` starts (`position` itself when none).
        var runStart = scanFrom
        while runStart > 0, table[Int(bytes[runStart - 1])] & ByteClass.base64 != 0 { runStart -= 1 }
        var position = scanFrom
        while position < n {
            let width = min(64, n - position)
            var m: UInt64 = 0
            if width == 64 {
                let p = bytes + position
                m = UInt64(ByteClass.base64Mask(p)) | UInt64(ByteClass.base64Mask(p + 16)) << 16
                    | UInt64(ByteClass.base64Mask(p + 32)) << 32 | UInt64(ByteClass.base64Mask(p + 48)) << 48
            } else {
                for lane in 0..<width where table[Int(bytes[position + lane])] & ByteClass.base64 != 0 {
                    m |= 1 << UInt64(lane)
                }
            }
            // Bit i of `x`: bytes i..<i + 20 of the block are all in the class.
            var x = m & (m >> 1)
            x &= x >> 2
            x &= x >> 4
            x &= x >> 8
            x &= x >> 4
            if x == 0, width == 64 {
                // Most blocks: no run of 20 inside; only the run carried in can end here.
                let outside = ~m
                let lead = outside.trailingZeroBitCount
                if position &- runStart &+ lead >= minimum { report(runStart, position &+ lead) }
                runStart = position &+ 64 &- outside.leadingZeroBitCount
                position &+= 64
                continue
            }
            let lead = min(width, (~m).trailingZeroBitCount)
            if lead == width {  // the run goes on through the block
                position += width
                continue
            }
            report(runStart, position + lead)
            // The last run of a full block may go on into the next one: it is carried, not reported.
            let top = width == 64 ? (~m).leadingZeroBitCount : 0
            if top > 0 { x &= ~(UInt64.max << UInt64(64 - top)) }
            x &= UInt64.max << UInt64(lead)
            while x != 0 {
                let first = x.trailingZeroBitCount
                let zeros = ~m & ((1 << UInt64(first)) - 1)  // not empty: bit `lead` is 0
                let start = 64 - zeros.leadingZeroBitCount
                let end = first + (~(m >> UInt64(first))).trailingZeroBitCount
                report(position + start, position + end)
                x &= UInt64.max << UInt64(end)
            }
            runStart = position + width - top
            position += width
        }
        report(runStart, n)
    }

    /// The secret or session token candidate in a maximal `[A-Za-z0-9+/]` run, if it is one.
    @inline(__always)
    private static func value(_ bytes: UnsafePointer<UInt8>, count n: Int, run runStart: Int, _ e: Int, acceptLimit: Int,
                              isFinal: Bool, secrets: Bool, tokens: Bool, tokenMinimum: Int, into spans: inout [Span]) {
        let equals = UInt8(ascii: "=")
        // `\nSECRET`, `\/SECRET`, `\u002BSECRET`: the escape is not part of the value.
        let s = runStart + escapeLength(bytes, at: runStart, end: e)
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

    /// How many bytes at `start` finish a backslash escape that begins just before it:
    /// 1 for `\n` `\t` `\r` `\b` `\f` `\v` `\/`, 5 for `\uXXXX`, 3 for `\xXX`, else 0.
    @inline(__always)
    static func escapeLength(_ bytes: UnsafePointer<UInt8>, at start: Int, end: Int) -> Int {
        guard start > 0, bytes[start - 1] == UInt8(ascii: "\\") else { return 0 }
        let table = ByteClass.table
        let hex = ByteClass.lowerHex | ByteClass.upperHex
        switch bytes[start] {
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "v"), UInt8(ascii: "/"):
            return 1
        case UInt8(ascii: "u") where end - start > 5:
            for k in 1...4 where table[Int(bytes[start + k])] & hex == 0 { return 0 }
            return 5
        case UInt8(ascii: "x") where end - start > 3:
            for k in 1...2 where table[Int(bytes[start + k])] & hex == 0 { return 0 }
            return 3
        default:
            return 0
        }
    }

    /// Whether a backslash escape (`\n`, `\uXXXX`, `\xXX`) ends just before `position`: the
    /// byte before a value is then the escape's last letter, not part of a word.
    @inline(__always)
    static func escapeEnds(_ bytes: UnsafePointer<UInt8>, at position: Int) -> Bool {
        for width in [2, 6, 4] where position - width >= 0 && position > 0 {
            let start = position - width + 1
            if escapeLength(bytes, at: start, end: position + 1) == width - 1 { return true }
        }
        return false
    }

    /// Starts and ends of maximal `[A-Za-z0-9+/]` runs of at least `minimum` bytes starting
    /// in `from..<to`, in document order: the runs the Base64 decoder tries.
    static func encodedRuns(_ bytes: UnsafePointer<UInt8>, count n: Int, from scanFrom: Int, to limit: Int,
                            minimum: Int, into found: inout [Span]) {
        let before = found.count
        runs(bytes, count: n, from: scanFrom, bits: ByteClass.base64, minimum: minimum, mask: ByteClass.base64Mask) { s, e in
            guard s < limit else { return }
            found.append(Span(start: s, end: e, kind: .token))
        }
        inOrder(&found, from: before)
    }

    /// Puts the spans appended since `start` in document order and drops the ones two
    /// cursors both found.
    private static func inOrder(_ spans: inout [Span], from start: Int) {
        guard spans.count - start > 1 else { return }
        var sorted = true
        for index in (start + 1)..<spans.count where spans[index].start <= spans[index - 1].start {
            sorted = false
            break
        }
        if sorted { return }
        spans[start...].sort { $0.start < $1.start }
        var kept = start + 1
        for index in (start + 1)..<spans.count where spans[index] != spans[kept - 1] {
            spans[kept] = spans[index]
            kept += 1
        }
        spans.removeSubrange(kept...)
    }
}
