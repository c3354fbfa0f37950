#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds values hidden under encodings: Base64 (and base64url, for JWT payloads), percent
/// encoding and backslash escapes, up to `maximumLayers` deep, as gitleaks does.
///
/// Each decoder only starts where its encoding shows: Base64 on runs long enough to hold a key
/// ID, percent decoding where `%` is followed by two hex digits, escapes where a backslash
/// stands inside a Base64-shaped value. The decoded text is scanned with the same shape
/// scanners and rules as plain text, with the bytes around the encoded run kept as context
/// (`AWS_SECRET_ACCESS_KEY: <base64>`), and every value it reveals is reported at the place
/// of its encoded form, with the decoders that revealed it.
/// One per document scan; not thread-safe.
struct ContentDecoder {
    /// A decoder, named as reports show it.
    enum Layer: String, Sendable {
        case base64
        case percent
        case escape
    }

    /// Encodings inside encodings are decoded this deep and no deeper.
    static let maximumLayers = 5
    /// Encoded bytes of one run that are decoded; the rest of a longer run is not.
    static let maximumRunBytes = 64 << 10
    /// Decoded bytes per document; past it, the rest of the document is scanned as plain text only.
    static let maximumDocumentBytes = 4 << 20
    /// The shortest Base64 run tried: 27 characters (before `=` padding) decode to 20 bytes,
    /// one key ID.
    static let base64Minimum = 27
    /// Plain bytes kept on each side of a decoded run, so context words still count.
    static let contextBytes = 256
    /// Decoded text with fewer printable bytes than this share is binary data, not scanned.
    static let printableShare = 0.9

    /// A value revealed by decoding, located in the scanned text.
    struct Revealed {
        var candidate: Candidate
        /// Offset in the scanned text of the start of the encoded form.
        var offset: Int
    }

    /// Decoded bytes of the run at hand, reused from run to run.
    private var scratch = Decoded()
    /// Decoded bytes spent in this document.
    private(set) var spent = 0
    /// Whether a run was left undecoded because the document's budget ran out.
    private(set) var exhausted = false
    private let plan: MatchPlan

    init(plan: MatchPlan) {
        self.plan = plan
    }

    /// Calls `reveal` with every value decoding reveals in encoded runs that start in
    /// `from..<to` of `text`, in no particular order, with `offset` in `text`.
    /// - Parameter runs: the Base64 runs of at least `base64Minimum` bytes in `from..<to`, when
    ///   the plain scan found them already (`MatchPlan.scan(encoded:)`).
    mutating func scan(_ text: UnsafePointer<UInt8>, count: Int, from: Int, to: Int, runs: [ShapeScanner.Span]?,
                       reveal: (Revealed) -> Void) {
        scan(text, count: count, from: from, to: to, runs: runs, path: [], origins: nil, reveal: reveal)
    }

    /// - Parameter origins: for decoded text, the offset in the scanned text of each byte's
    ///   encoded form; nil for the scanned text itself.
    private mutating func scan(_ text: UnsafePointer<UInt8>, count: Int, from: Int, to: Int, runs: [ShapeScanner.Span]?,
                               path: [Layer], origins parent: [Int]?, reveal: (Revealed) -> Void) {
        guard path.count < Self.maximumLayers, from < to else { return }
        var regions: [Region] = []
        base64Regions(text, count: count, from: from, to: to, runs: runs, into: &regions)
        triggeredRegions(text, count: count, from: from, to: to, trigger: UInt8(ascii: "%"), layer: .percent, into: &regions)
        triggeredRegions(text, count: count, from: from, to: to, trigger: UInt8(ascii: "\\"), layer: .escape, into: &regions)
        for region in regions {
            guard spent < Self.maximumDocumentBytes else { exhausted = true; return }
            // Most runs decode to binary noise: find out in a reused buffer, before any copy.
            scratch.removeAll()
            let ok: Bool
            switch region.layer {
            case .base64: ok = Self.decodeBase64(text, region, into: &scratch)
            case .percent: ok = Self.decodePercent(text, region, into: &scratch)
            case .escape: ok = Self.decodeEscapes(text, region, into: &scratch)
            }
            let produced = scratch.bytes.count
            guard ok, produced >= 16, Self.isText(scratch.bytes[...]) else { continue }
            spent += produced
            var decoded = Decoded()
            let prefixStart = max(0, region.start - Self.contextBytes)
            // Context before and after: the plain bytes around the run.
            decoded.append(text + prefixStart, count: region.start - prefixStart, from: prefixStart)
            let before = decoded.bytes.count
            decoded.bytes += scratch.bytes
            decoded.origins += scratch.origins
            let suffixEnd = min(count, region.end + Self.contextBytes)
            decoded.append(text + region.end, count: suffixEnd - region.end, from: region.end)
            let layers = path + [region.layer]
            let origins = parent.map { parent in decoded.origins.map { parent[$0] } } ?? decoded.origins
            decoded.bytes.withUnsafeBufferPointer { buffer in
                guard let start = buffer.baseAddress else { return }
                var counter = LineCounter()
                var spans: [ShapeScanner.Span] = []
                var encoded: [ShapeScanner.Span]? = []
                plan.scan(window: start, count: buffer.count, base: 0, scanFrom: 0, acceptLimit: buffer.count,
                          isFinal: true, keepLoneValues: true, counter: &counter, spans: &spans,
                          encoded: &encoded) { candidate, offset in
                    // Values wholly in the plain context were seen by the plain scan.
                    guard offset >= before, offset < before + produced else { return }
                    var revealed = candidate
                    revealed.decoding = layers
                    reveal(Revealed(candidate: revealed, offset: origins[offset]))
                }
                let inner = encoded?.filter { $0.start >= before && $0.start < before + produced }
                scan(start, count: buffer.count, from: before, to: before + produced, runs: inner, path: layers,
                     origins: origins, reveal: reveal)
            }
        }
    }

    // MARK: Where to decode

    private struct Region {
        var start: Int
        var end: Int
        var layer: Layer
        var urlSafe = false
    }

    /// Base64-shaped runs long enough to hold a key ID, not all hex (digests and commit IDs),
    /// extended over `-` and `_` when they start like a JSON object in base64url (`eyJ`).
    private func base64Regions(_ text: UnsafePointer<UInt8>, count: Int, from: Int, to: Int, runs found: [ShapeScanner.Span]?,
                               into regions: inout [Region]) {
        var runs = found ?? []
        if found == nil {
            ShapeScanner.encodedRuns(text, count: count, from: from, to: to, minimum: Self.base64Minimum, into: &runs)
        }
        let table = ByteClass.table
        var covered = from
        for run in runs where run.start >= covered {
            var region = Region(start: run.start, end: run.end, layer: .base64)
            // base64url only where its alphabet shows next to the run, or a JWT starts.
            let dash = UInt8(ascii: "-"), underscore = UInt8(ascii: "_")
            if (run.end < count && (text[run.end] == dash || text[run.end] == underscore))
                || (run.start > 0 && (text[run.start - 1] == dash || text[run.start - 1] == underscore)),
               Self.isURLSafe(text, count: count, at: &region, floor: from) {
                region.urlSafe = true
            }
            // Padding belongs to the run, not to the text after it.
            while region.end < count, region.end - run.end < 2, text[region.end] == UInt8(ascii: "=") { region.end += 1 }
            guard region.start >= covered else { continue }
            let body = UnsafeBufferPointer(start: text + region.start, count: region.end - region.start)
            if ByteClass.all(body, ByteClass.lowerHex) || ByteClass.all(body, ByteClass.upperHex) { continue }
            // A run glued to a word character is part of an identifier, not an encoded value.
            if region.start > 0, table[Int(text[region.start - 1])] & ByteClass.word != 0, !region.urlSafe { continue }
            regions.append(region)
            covered = region.end
        }
    }

    /// Extends a run over the base64url alphabet when it is a JWT-style segment (`eyJ...`).
    private static func isURLSafe(_ text: UnsafePointer<UInt8>, count: Int, at region: inout Region, floor: Int) -> Bool {
        func urlByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || ByteClass.table[Int(byte)] & ByteClass.base64 != 0
        }
        var start = region.start
        while start > floor, region.start - start < maximumRunBytes, urlByte(text[start - 1]) { start -= 1 }
        var end = region.end
        while end < count, end - start < maximumRunBytes, urlByte(text[end]) { end += 1 }
        guard start != region.start || end != region.end else { return false }
        guard end - start >= 3, text[start] == UInt8(ascii: "e"), text[start + 1] == UInt8(ascii: "y"),
              text[start + 2] == UInt8(ascii: "J") else { return false }
        region.start = start
        region.end = end
        return true
    }

    /// Stretches of a line around each `%XX` (percent) or `\` escape inside a value (escape),
    /// bounded by `maximumRunBytes`; one region per stretch.
    private func triggeredRegions(_ text: UnsafePointer<UInt8>, count: Int, from: Int, to: Int, trigger: UInt8,
                                  layer: Layer, into regions: inout [Region]) {
        var position = from
        while position < to, let hit = memchr(text + position, Int32(trigger), to - position) {
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - text
            position = at + 1
            let fires = layer == .percent ? Self.isPercentEscape(text, count: count, at: at)
                                          : Self.isEscapeInValue(text, count: count, at: at)
            guard fires else { continue }
            var start = at
            while start > 0, at - start < Self.maximumRunBytes / 2, !Self.endsStretch(text[start - 1]) { start -= 1 }
            var end = at
            while end < count, end - start < Self.maximumRunBytes, !Self.endsStretch(text[end]) { end += 1 }
            regions.append(Region(start: start, end: end, layer: layer))
            position = end
        }
    }

    /// Newlines, spaces and quotes end a stretch that percent or escape decoding looks at.
    private static func endsStretch(_ byte: UInt8) -> Bool {
        byte == 0x0a || byte == 0x0d || byte == 0x20 || byte == 0x09 || byte == 0x22 || byte == 0x27
            || byte == 0x3c || byte == 0x3e || byte == 0x60
    }

    private static func isPercentEscape(_ text: UnsafePointer<UInt8>, count: Int, at: Int) -> Bool {
        at + 2 < count && hexValue(text[at + 1]) != nil && hexValue(text[at + 2]) != nil
    }

    /// `\/`, `\u00XX` or `\xXX` right after a Base64 character: an escape inside a value.
    private static func isEscapeInValue(_ text: UnsafePointer<UInt8>, count: Int, at: Int) -> Bool {
        guard at > 0, at + 1 < count, ByteClass.table[Int(text[at - 1])] & ByteClass.base64 != 0 else { return false }
        switch text[at + 1] {
        case UInt8(ascii: "/"): return true
        case UInt8(ascii: "u"): return at + 5 < count && text[at + 2] == 0x30 && text[at + 3] == 0x30
        case UInt8(ascii: "x"): return at + 3 < count && hexValue(text[at + 2]) != nil && hexValue(text[at + 3]) != nil
        default: return false
        }
    }

    // MARK: Decoding

    /// Decoded bytes and, for each, the offset of the encoded form it came from.
    private struct Decoded {
        var bytes: [UInt8] = []
        var origins: [Int] = []

        mutating func append(_ source: UnsafePointer<UInt8>, count: Int, from origin: Int) {
            guard count > 0 else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: source, count: count))
            origins.append(contentsOf: origin..<(origin + count))
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            origins.removeAll(keepingCapacity: true)
        }

        mutating func append(_ byte: UInt8, from origin: Int) {
            bytes.append(byte)
            origins.append(origin)
        }
    }

    /// Both alphabets at once (`+/` and `-_`); 0xff marks other bytes.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes a Base64 run, padded or not; every byte maps to the run's start, where a
    /// report points.
    private static func decodeBase64(_ text: UnsafePointer<UInt8>, _ region: Region, into out: inout Decoded) -> Bool {
        let end = min(region.end, region.start + maximumRunBytes)
        // Binary output is given up early: more bytes that are not text than `isText` allows.
        let allowed = Int(Double((end - region.start) * 3 / 4) * (1 - printableShare))
        // Most runs are identifiers or binary data: find out without storing anything.
        guard decodesToText(text, from: region.start, to: end, allowed: allowed) else { return false }
        var binary = 0
        var accumulator: UInt32 = 0
        var bits = 0
        for index in region.start..<end {
            if text[index] == UInt8(ascii: "=") { break }
            let value = base64Values[Int(text[index])]
            guard value != 0xff else { return false }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                let byte = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                if !isTextByte(byte) {
                    binary += 1
                    if binary > allowed { return false }
                }
                out.append(byte, from: region.start)
            }
        }
        return true
    }

    /// Whether `decodeBase64` would decode `start..<end` to the end: no byte outside both
    /// alphabets before `=`, and at most `allowed` decoded bytes that are not text.
    private static func decodesToText(_ text: UnsafePointer<UInt8>, from start: Int, to end: Int, allowed: Int) -> Bool {
        base64Values.withUnsafeBufferPointer { values in
            var binary = 0
            var accumulator: UInt32 = 0
            var bits = 0
            for index in start..<end {
                if text[index] == UInt8(ascii: "=") { break }
                let value = values[Int(text[index])]
                guard value != 0xff else { return false }
                accumulator = accumulator << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    if !isTextByte(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))) {
                        binary += 1
                        if binary > allowed { return false }
                    }
                }
            }
            return true
        }
    }

    /// Decodes `%XX`; other bytes stay as they are and keep their own offsets.
    private static func decodePercent(_ text: UnsafePointer<UInt8>, _ region: Region, into out: inout Decoded) -> Bool {
        var index = region.start
        while index < region.end {
            if text[index] == UInt8(ascii: "%"), index + 2 < region.end,
               let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) {
                out.append(high << 4 | low, from: index)
                index += 3
            } else {
                out.append(text[index], from: index)
                index += 1
            }
        }
        return true
    }

    /// Decodes JSON and C escapes (`\/`, `\\`, `\"`, `\n`, `\t`, `\r`, `\uXXXX` below 0x80, `\xXX`).
    private static func decodeEscapes(_ text: UnsafePointer<UInt8>, _ region: Region, into out: inout Decoded) -> Bool {
        var index = region.start
        while index < region.end {
            guard text[index] == UInt8(ascii: "\\"), index + 1 < region.end else {
                out.append(text[index], from: index)
                index += 1
                continue
            }
            let next = text[index + 1]
            var width = 2
            var byte: UInt8?
            switch next {
            case UInt8(ascii: "n"): byte = 0x0a
            case UInt8(ascii: "t"): byte = 0x09
            case UInt8(ascii: "r"): byte = 0x0d
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): byte = next
            case UInt8(ascii: "u") where index + 5 < region.end && text[index + 2] == 0x30 && text[index + 3] == 0x30:
                if let high = hexValue(text[index + 4]), let low = hexValue(text[index + 5]), high < 8 {
                    byte = high << 4 | low
                    width = 6
                }
            case UInt8(ascii: "x") where index + 3 < region.end:
                if let high = hexValue(text[index + 2]), let low = hexValue(text[index + 3]) {
                    byte = high << 4 | low
                    width = 4
                }
            default: break
            }
            if let byte {
                out.append(byte, from: index)
                index += width
            } else {
                out.append(text[index], from: index)
                index += 1
            }
        }
        return true
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Whether decoded bytes read as text: at least `printableShare` printable ASCII or whitespace.
    private static func isText(_ bytes: ArraySlice<UInt8>) -> Bool {
        var printable = 0
        for byte in bytes where isTextByte(byte) { printable += 1 }
        return Double(printable) >= Double(bytes.count) * printableShare
    }

    @inline(__always)
    private static func isTextByte(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x7f) || byte == 0x0a || byte == 0x0d || byte == 0x09
    }
}
