import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rules and allowlists compiled for the hot path, shared read-only by worker threads.
final class MatchPlan: @unchecked Sendable {
    let keyRule: Rule?
    let uniqueRule: Rule?
    let secretRule: Rule?
    let tokenRule: Rule?
    let bedrockLongTermRule: Rule?
    let bedrockShortTermRule: Rule?
    /// Lines closer than this pair a key ID with a secret or session token, blank lines or not.
    let pairingDistance = 5
    /// A block (lines up to a blank line or a closing brace or bracket) pairs its values when
    /// it is at most this many lines long; longer blocks count from this many lines up.
    static let maximumBlockLines = 25
    /// Whether encoded values are decoded and scanned (`ContentDecoder`).
    let decodes: Bool
    /// Session tokens are at least this long.
    let tokenMinimum = 100

    private let allowedValues: Set<String>
    private let ruleAllowedValues: [String: Set<String>]
    private let allowedPatternSources: [String]
    private let ruleAllowedPatternSources: [String: [String]]
    /// The allowlist regexes, compiled at the first candidate: ICU's compiler is a visible
    /// part of a whole scan's time, and most scans never need it.
    /// NSRegularExpression is immutable once built and documented as thread-safe.
    private let compiledPatterns = Mutex<CompiledPatterns?>(nil)

    private struct CompiledPatterns: @unchecked Sendable {
        let shared: [NSRegularExpression]
        let byRule: [String: [NSRegularExpression]]
    }

    static let allowMarker = Array("credkit:allow".utf8)

    init(rules: [Rule], configuration: ScanConfiguration) {
        keyRule = rules.first { $0.detector == .accessKeyID }
        uniqueRule = rules.first { $0.detector == .uniqueID }
        secretRule = rules.first { $0.detector == .secretAccessKey }
        tokenRule = rules.first { $0.detector == .sessionToken }
        bedrockLongTermRule = rules.first { $0.detector == .bedrockLongTermKey }
        bedrockShortTermRule = rules.first { $0.detector == .bedrockShortTermKey }
        needsKeyScan = keyRule != nil || uniqueRule != nil
        needsLongRuns = tokenRule != nil || bedrockLongTermRule != nil || bedrockShortTermRule != nil
        needsSecrets = secretRule != nil
        needsBase64Scan = needsSecrets || needsLongRuns
        decodes = configuration.decodes
        allowedValues = configuration.allowedValues
        allowedPatternSources = configuration.allowedPatterns
        var patterns: [String: [String]] = [:]
        var values: [String: Set<String>] = [:]
        for rule in rules {
            patterns[rule.id] = rule.allowedPatterns
            values[rule.id] = Set(rule.allowedValues)
        }
        ruleAllowedPatternSources = patterns
        ruleAllowedValues = values
    }

    private func patterns() -> CompiledPatterns {
        compiledPatterns.withLock { cached in
            if let cached { return cached }
            let compile = { (sources: [String]) in sources.compactMap { try? NSRegularExpression(pattern: $0) } }
            let compiled = CompiledPatterns(shared: compile(allowedPatternSources),
                                            byRule: ruleAllowedPatternSources.mapValues(compile))
            cached = compiled
            return compiled
        }
    }

    /// Which scans the rules need, decided once: asking `keyRule != nil` per window copies a rule.
    let needsKeyScan: Bool
    let needsBase64Scan: Bool
    private let needsLongRuns: Bool
    private let needsSecrets: Bool

    /// Whether a value is allowed by the rule's own allowlist or the configuration.
    func isAllowed(_ value: String, rule: Rule) -> Bool {
        if allowedValues.contains(value) || ruleAllowedValues[rule.id]?.contains(value) == true { return true }
        let range = NSRange(value.startIndex..., in: value)
        let compiled = patterns()
        for regex in compiled.byRule[rule.id] ?? [] where regex.firstMatch(in: value, range: range) != nil { return true }
        for regex in compiled.shared where regex.firstMatch(in: value, range: range) != nil { return true }
        return false
    }

    /// Finds candidates in `window` and hands each to `emit` in document order.
    /// - Parameters:
    ///   - base: absolute offset of the window's first byte in the document.
    ///   - scanFrom: candidates starting earlier were decided by the previous window.
    ///   - acceptLimit: candidates starting here or later are left to the next window.
    ///   - keepLoneValues: keep secrets without context even when the window holds no key ID
    ///     (decoded text, whose key may stand outside it).
    ///   - encoded: with decoding on, receives the Base64 runs the decoder tries, found in the
    ///     same pass as secrets (nil: the decoder finds them itself).
    ///   - emit: takes each candidate and the offset in the window where it starts.
    func scan(window: UnsafePointer<UInt8>, count: Int, base: Int, scanFrom: Int, acceptLimit: Int, isFinal: Bool,
              keepLoneValues: Bool = false, counter: inout LineCounter, spans: inout [ShapeScanner.Span],
              encoded: inout [ShapeScanner.Span]?, emit: (Candidate, Int) -> Void) {
        spans.removeAll(keepingCapacity: true)
        var runs: [ShapeScanner.Span] = []
        if var found = encoded {
            swap(&runs, &found)
            runs.removeAll(keepingCapacity: true)
        }
        defer { if encoded != nil { encoded = runs } }
        if !needsBase64Scan { encoded = nil }
        var keyCount = 0
        if needsKeyScan, needsBase64Scan {
            keyCount = ShapeScanner.keyIDsAndBase64Runs(
                window, count: count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal, secrets: needsSecrets,
                tokens: needsLongRuns, tokenMinimum: tokenMinimum, into: &spans,
                encodedMinimum: encoded == nil ? nil : ContentDecoder.base64Minimum, encoded: &runs)
        } else if needsKeyScan {
            ShapeScanner.keyIDs(window, count: count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal, into: &spans)
            keyCount = spans.count
        } else if needsBase64Scan {
            ShapeScanner.base64Runs(window, count: count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal,
                                    secrets: needsSecrets, tokens: needsLongRuns, tokenMinimum: tokenMinimum,
                                    into: &spans, encodedMinimum: encoded == nil ? nil : ContentDecoder.base64Minimum,
                                    encoded: &runs)
        }
        guard !spans.isEmpty else { return }
        if keyCount > 0, keyCount < spans.count {
            spans.sort { $0.start < $1.start }
        }
        // A value without context only matters next to a key ID. When the window is the whole
        // document and holds no key ID shape, such values can be dropped before any more work.
        let wholeDocument = base == 0 && isFinal
        let loneValuesMatter = keepLoneValues || !wholeDocument || keyCount > 0
        for span in spans {
            let bytes = UnsafeBufferPointer(start: window + span.start, count: span.end - span.start)
            // Cheap rejections before line numbers and strings.
            let rule: Rule
            var keyKind: AWSKeyID.Kind?
            switch span.kind {
            case .keyID:
                guard let kind = AWSKeyID.kind(of: UnsafeRawBufferPointer(bytes)) else { continue }
                guard let chosen = kind == .uniqueID ? uniqueRule : keyRule else { continue }
                rule = chosen
                keyKind = kind
            case .secret:
                guard let chosen = secretRule else { continue }
                if ByteClass.all(bytes, ByteClass.lowerHex) || ByteClass.all(bytes, ByteClass.upperHex) { continue }
                rule = chosen
            case .token:
                if let bedrock = BedrockAPIKey.kind(window, count: count, span: span) {
                    guard let chosen = bedrock == .longTerm ? bedrockLongTermRule : bedrockShortTermRule else { continue }
                    if let value = bedrockCandidate(window, count: count, span: span, kind: bedrock, rule: chosen, base: base,
                                                    counter: &counter) {
                        emit(value, span.start)
                    }
                    continue
                }
                guard let chosen = tokenRule else { continue }
                rule = chosen
            }
            let measured = span.kind == .keyID ? UnsafeBufferPointer(rebasing: bytes[4...]) : bytes
            if ShannonEntropy.bitsPerByte(measured) < rule.entropyFloor { continue }

            let lineStartInWindow = lineStart(window, before: span.start, floor: 0)
            let lineEndInWindow = lineEnd(window, count: count, after: span.end)
            let line = UnsafeBufferPointer(start: window + lineStartInWindow, count: lineEndInWindow - lineStartInWindow)

            var kind: Candidate.Kind
            switch span.kind {
            case .keyID:
                kind = .keyID(keyKind ?? .longTerm)
            case .secret:
                let above = linesAbove(window, lineStart: lineStartInWindow, lines: 3)
                let contextual = secretContext(line: line, above: above, keywords: rule.keywords)
                if !contextual, !loneValuesMatter { continue }
                // Last of the secret's checks: the word count is the dearest.
                if Self.looksLikeText(bytes, rule: rule) { continue }
                kind = .secret(contextual: contextual)
            case .token:
                let contextual = rule.prefixes.contains { bytes.starts(with: $0.utf8) } || hasKeyword(line: line, rule.keywords)
                if !contextual, !loneValuesMatter { continue }
                kind = .token(contextual: contextual)
            }
            let allowedByMarker = contains(line, Self.allowMarker)
            if allowedByMarker, span.kind != .keyID { continue }
            let value = String(decoding: bytes, as: UTF8.self)
            if isAllowed(value, rule: rule) { continue }
            counter.advance(to: base + span.start, in: window, base: base)
            let column = base + span.start - counter.lineStart + 1
            let block = blockStart(window, lineStart: lineStartInWindow, line: counter.line)
            emit(Candidate(kind: kind, value: value, line: counter.line, column: column, allowed: allowedByMarker,
                           blockStart: block), span.start)
        }
    }

    /// A Bedrock API key candidate, or nil when it is allowed. The short-term key's value
    /// and column include its `bedrock-api-key-` prefix.
    private func bedrockCandidate(_ window: UnsafePointer<UInt8>, count: Int, span: ShapeScanner.Span, kind: BedrockAPIKey.Kind,
                                  rule: Rule, base: Int, counter: inout LineCounter) -> Candidate? {
        let start = kind == .shortTerm ? span.start - BedrockAPIKey.shortTermPrefix.count : span.start
        let bytes = UnsafeBufferPointer(start: window + start, count: span.end - start)
        let lineStartInWindow = lineStart(window, before: start, floor: 0)
        let lineEndInWindow = lineEnd(window, count: count, after: span.end)
        let line = UnsafeBufferPointer(start: window + lineStartInWindow, count: lineEndInWindow - lineStartInWindow)
        if contains(line, Self.allowMarker) { return nil }
        let value = String(decoding: bytes, as: UTF8.self)
        if isAllowed(value, rule: rule) { return nil }
        counter.advance(to: base + start, in: window, base: base)
        return Candidate(kind: .bedrockKey(longTerm: kind == .longTerm), value: value, line: counter.line,
                         column: base + start - counter.lineStart + 1,
                         blockStart: counter.line)
    }

    /// The first line of the block holding the line that starts at `lineStart`: the line after
    /// the nearest blank line or line that starts with `}` or `]` above, at most
    /// `maximumBlockLines` up and within the window.
    func blockStart(_ window: UnsafePointer<UInt8>, lineStart: Int, line: Int) -> Int {
        var position = lineStart
        var current = line
        while current > 1, line - current < Self.maximumBlockLines - 1, position > 0 {
            // The line above spans `above..<position - 1`.
            var above = position - 1
            while above > 0, window[above - 1] != 0x0a { above -= 1 }
            var first = above
            while first < position - 1, window[first] == 0x20 || window[first] == 0x09 || window[first] == 0x0d { first += 1 }
            if first == position - 1 || window[first] == UInt8(ascii: "}") || window[first] == UInt8(ascii: "]") { break }
            position = above
            current -= 1
        }
        return current
    }

    /// Whether a secret-shaped value is text by the rule's precision checks: a single case of
    /// letters, or mostly dictionary words.
    static func looksLikeText(_ bytes: UnsafeBufferPointer<UInt8>, rule: Rule) -> Bool {
        if rule.requiresMixedCase {
            var upper = false, lower = false
            for byte in bytes {
                if byte >= 0x41 && byte <= 0x5a { upper = true } else if byte >= 0x61 && byte <= 0x7a { lower = true }
            }
            if !(upper && lower) { return true }
        }
        if let limit = rule.textWordCharacters, WordSegmentation.wordCharacters(bytes) >= limit { return true }
        return false
    }

    // MARK: Context

    /// Whether a secret stands in AWS context: `aws_secret_access_key`, `SecretAccessKey`,
    /// or a `secret` key name with an AWS word on its line or within three lines above.
    private func secretContext(line: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>, keywords: [String]) -> Bool {
        guard let sufficient = keywords.first, Self.containsFolded(line, Array("secret".utf8)) else { return false }
        let folded = Self.fold(line)
        if contains(folded, Array(sufficient.utf8)) { return true }
        guard keywords.dropFirst().contains(where: { contains(folded, Array($0.utf8)) }) else { return false }
        if Self.hasAWSWord(line) { return true }
        // A heading above (`[aws]`, `provider "aws" {`, `aws:`) counts; another credential's
        // line (`AWS_SECRET_ACCESS_KEY=...`) does not lend its AWS word to this one.
        var start = 0
        for index in 0...above.count where index == above.count || above[index] == 0x0a {
            let heading = UnsafeBufferPointer(rebasing: above[start..<index])
            start = index + 1
            guard Self.hasAWSWord(heading) else { continue }
            let text = Self.fold(heading)
            if !["key", "secret", "token"].contains(where: { contains(text, Array($0.utf8)) }) { return true }
        }
        return false
    }

    /// Whether the folded line holds one of `keywords`.
    private func hasKeyword(line: UnsafeBufferPointer<UInt8>, _ keywords: [String]) -> Bool {
        guard keywords.contains(where: { Self.containsFolded(line, Array($0.suffix(5).utf8)) }) else { return false }
        let folded = Self.fold(line)
        return keywords.contains { contains(folded, Array($0.utf8)) }
    }

    /// Lowercase letters and digits only, so `AWS_SECRET_ACCESS_KEY` and `SecretAccessKey` read alike.
    /// Long lines are folded only around their first 4 KiB.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(min(bytes.count, 4096))
        for byte in bytes.prefix(4096) {
            if byte >= 0x41 && byte <= 0x5a { out.append(byte | 0x20) }
            else if (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) { out.append(byte) }
        }
        return out
    }

    /// Whether `bytes` contain `needle` (lowercase ASCII letters) in any case, without allocating.
    static func containsFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, bytes.count >= n else { return false }
        let first = needle[0]
        var i = 0
        while i <= bytes.count - n {
            if bytes[i] | 0x20 == first {
                var k = 1
                while k < n, bytes[i + k] | 0x20 == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// `aws` (any case) not preceded by a letter (so not "laws"), or `amazon`.
    static func hasAWSWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 3 else { return false }
        for i in 0...(count - 3) {
            let a = bytes[i] | 0x20
            if a == UInt8(ascii: "a"), bytes[i + 1] | 0x20 == UInt8(ascii: "w"), bytes[i + 2] | 0x20 == UInt8(ascii: "s") {
                if i == 0 { return true }
                let before = bytes[i - 1] | 0x20
                if !(before >= UInt8(ascii: "a") && before <= UInt8(ascii: "z")) { return true }
            }
            if a == UInt8(ascii: "a"), i + 6 <= count {
                let word = bytes[(i + 1)..<(i + 6)].map { $0 | 0x20 }
                if word == Array("mazon".utf8) { return true }
            }
        }
        return false
    }

    // MARK: Lines

    private func lineStart(_ window: UnsafePointer<UInt8>, before offset: Int, floor: Int) -> Int {
        var position = offset
        let limit = max(floor, offset - 4096)
        while position > limit, window[position - 1] != 0x0a { position -= 1 }
        return position
    }

    private func lineEnd(_ window: UnsafePointer<UInt8>, count: Int, after offset: Int) -> Int {
        let limit = min(count, offset + 4096)
        guard offset < limit, let found = memchr(window + offset, 0x0a, limit - offset) else { return limit }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - window
    }

    private func linesAbove(_ window: UnsafePointer<UInt8>, lineStart: Int, lines: Int) -> UnsafeBufferPointer<UInt8> {
        var position = lineStart
        var remaining = lines
        let limit = max(0, lineStart - 1024)
        while position > limit, remaining > 0 {
            position -= 1
            while position > limit, window[position - 1] != 0x0a { position -= 1 }
            remaining -= 1
        }
        return UnsafeBufferPointer(start: window + position, count: lineStart - position)
    }

    private func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        let hay = Array(haystack)
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index + needle.count <= hay.count {
            if hay[index] == first, hay[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
