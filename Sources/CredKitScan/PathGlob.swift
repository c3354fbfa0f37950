/// A gitignore-style path pattern for allowlists: `*` and `?` stay within one path segment,
/// `**` spans segments, `[a-z]` and `[!a-z]` are classes, `\` escapes. A pattern without `/`
/// matches the file name in any folder (`*.pem`); one with `/` matches from the root
/// (`Vectors/scan/**`, a leading `/` is ignored). A pattern that matches a folder matches
/// everything in it.
///
/// Matching takes time linear in the path (times the pattern length / 64), whatever the
/// pattern: the pattern is compiled to a nondeterministic automaton with one state per
/// element, and all states are simulated at once as a bit set, so `*a*a*a*a*b` cannot
/// backtrack exponentially as a recursive matcher does.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// The longest pattern accepted, in UTF-8 bytes: longer than any path (`PATH_MAX` is 4096),
    /// and it bounds the automaton at 65 words a state set.
    public static let maximumPatternLength = 4096

    /// The pattern as written.
    public let pattern: String
    private let program: Program

    /// Creates a glob. Every string up to `maximumPatternLength` bytes is a valid pattern; an
    /// unclosed `[` is a literal.
    /// - Throws: `ScanError.invalidConfiguration` for a longer pattern, naming the limit.
    public init(_ pattern: String) throws {
        let length = pattern.utf8.count
        guard length <= Self.maximumPatternLength else {
            throw ScanError(.invalidConfiguration,
                            "path pattern '\(pattern.prefix(40))…' is \(length) bytes long; the limit (maximumPatternLength) is \(Self.maximumPatternLength)")
        }
        self.pattern = pattern
        var bytes = Array(pattern.utf8)
        while bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        if bytes.starts(with: Array("./".utf8)) { bytes.removeFirst(2) }
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        program = Program(bytes)
    }

    public var description: String { pattern }

    public static func == (lhs: PathGlob, rhs: PathGlob) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether `path` (relative, `/`-separated) or one of its parent folders matches.
    public func matches(_ path: String) -> Bool {
        var text = Array(path.utf8)
        if text.starts(with: Array("./".utf8)) { text.removeFirst(2) }
        return program.matches(text)
    }
}

extension PathGlob {
    /// The compiled pattern: element `i` of the pattern is state `i`, the state after the last
    /// element accepts. A single-byte element (a literal, `?`, a class) moves from its state to
    /// the next on the bytes it accepts; `*` (any bytes but `/`) and `**` (any bytes) stay in
    /// their state and may be left without reading; `**/` (zero or more whole segments) stays in
    /// its state and may be left without reading or just after reading a `/`.
    struct Program: Sendable {
        /// Words in a state set: one bit per state, plus the accepting state.
        let words: Int
        /// The accepting state.
        let final: Int
        /// Whether the pattern holds a `/`: it then matches from the root only.
        let anchored: Bool
        /// For each byte, the states that move to the next state on reading it (`256 * words`).
        let advance: [UInt64]
        /// States that stay put on reading a byte other than `/`.
        let loopOnByte: [UInt64]
        /// States that stay put on reading `/`.
        let loopOnSlash: [UInt64]
        /// States that may be left without reading (the star elements).
        let skippable: [UInt64]
        /// The start state with everything reachable from it without reading.
        let start: [UInt64]

        private static let slash = UInt8(ascii: "/")
        private static let star = UInt8(ascii: "*")

        private enum Element {
            case byte(accepts: (UInt8) -> Bool)
            case star
            case anyStar
            case segments
        }

        init(_ pattern: [UInt8]) {
            anchored = pattern.contains(Self.slash)
            var elements: [Element] = []
            var p = 0
            while p < pattern.count {
                let c = pattern[p]
                switch c {
                case Self.star:
                    if p + 1 < pattern.count, pattern[p + 1] == Self.star {
                        if p + 2 < pattern.count, pattern[p + 2] == Self.slash {
                            elements.append(.segments)
                            p += 3
                        } else {
                            elements.append(.anyStar)
                            p += 2
                        }
                    } else {
                        elements.append(.star)
                        p += 1
                    }
                case UInt8(ascii: "?"):
                    elements.append(.byte { $0 != Self.slash })
                    p += 1
                case UInt8(ascii: "["):
                    if let next = Self.classEnd(pattern, from: p) {
                        let members = Self.classMembers(pattern, from: p)
                        elements.append(.byte { $0 != Self.slash && members[Int($0)] })
                        p = next
                    } else {
                        elements.append(.byte { $0 == c })
                        p += 1
                    }
                case UInt8(ascii: "\\") where p + 1 < pattern.count:
                    let escaped = pattern[p + 1]
                    elements.append(.byte { $0 == escaped })
                    p += 2
                default:
                    elements.append(.byte { $0 == c })
                    p += 1
                }
            }

            final = elements.count
            words = final / 64 + 1
            var advance = [UInt64](repeating: 0, count: 256 * words)
            var loopOnByte = [UInt64](repeating: 0, count: words)
            var loopOnSlash = [UInt64](repeating: 0, count: words)
            var skippable = [UInt64](repeating: 0, count: words)
            for (state, element) in elements.enumerated() {
                let word = state / 64, bit = UInt64(1) << UInt64(state % 64)
                switch element {
                case .byte(let accepts):
                    for byte in 0...255 where accepts(UInt8(byte)) { advance[byte * words + word] |= bit }
                case .star:
                    loopOnByte[word] |= bit
                    skippable[word] |= bit
                case .anyStar:
                    loopOnByte[word] |= bit
                    loopOnSlash[word] |= bit
                    skippable[word] |= bit
                case .segments:
                    loopOnByte[word] |= bit
                    loopOnSlash[word] |= bit
                    skippable[word] |= bit
                    advance[Int(Self.slash) * words + word] |= bit
                }
            }
            self.advance = advance
            self.loopOnByte = loopOnByte
            self.loopOnSlash = loopOnSlash
            self.skippable = skippable
            var start = [UInt64](repeating: 0, count: words)
            start[0] = 1
            Self.close(&start, skippable: skippable)
            self.start = start
        }

        /// Whether the pattern matches the whole of `text`, or a prefix ending before a `/`
        /// (a parent folder); unanchored patterns may also start after any `/`.
        func matches(_ text: [UInt8]) -> Bool {
            let finalWord = final / 64, finalBit = UInt64(1) << UInt64(final % 64)
            // States reached after reading at least one byte since some start.
            var active = [UInt64](repeating: 0, count: words)
            var current = [UInt64](repeating: 0, count: words)
            for index in 0...text.count {
                let atEnd = index == text.count
                // A match must cover at least one byte, so a start's own closure is not checked here.
                if (atEnd || text[index] == Self.slash), active[finalWord] & finalBit != 0 { return true }
                if atEnd { break }
                let isStart = index == 0 || (!anchored && text[index - 1] == Self.slash)
                var any: UInt64 = 0
                for word in 0..<words {
                    current[word] = active[word] | (isStart ? start[word] : 0)
                    any |= current[word]
                }
                if any == 0 {
                    // Nothing alive: only a later start can match.
                    if anchored { return false }
                    continue
                }
                step(from: current, reading: text[index], into: &active)
            }
            return false
        }

        /// One byte: every state moves on or stays where its element allows, then takes the
        /// moves that read nothing.
        private func step(from current: [UInt64], reading byte: UInt8, into next: inout [UInt64]) {
            let row = Int(byte) * words
            let loops = byte == Self.slash ? loopOnSlash : loopOnByte
            var carry: UInt64 = 0
            for word in 0..<words {
                let moving = current[word] & advance[row + word]
                next[word] = (moving << 1) | carry | (current[word] & loops[word])
                carry = moving >> 63
            }
            Self.close(&next, skippable: skippable)
        }

        /// Adds every state reachable without reading: from a set state inside a run of
        /// skippable states, every later state of the run and the one after it. Adding the run's
        /// bits carries from the lowest set state to just past the run, which does it for all
        /// runs at once in a few word operations.
        private static func close(_ states: inout [UInt64], skippable: [UInt64]) {
            var carry: UInt64 = 0
            for word in 0..<states.count {
                let inside = states[word] & skippable[word]
                let (partial, overflow1) = inside.addingReportingOverflow(skippable[word])
                let (sum, overflow2) = partial.addingReportingOverflow(carry)
                carry = (overflow1 || overflow2) ? 1 : 0
                states[word] |= sum ^ skippable[word]
            }
        }

        /// The index just past the class starting at `start` (`[`), or nil when it is not closed.
        private static func classEnd(_ pattern: [UInt8], from start: Int) -> Int? {
            var p = start + 1
            if p < pattern.count, pattern[p] == UInt8(ascii: "!") || pattern[p] == UInt8(ascii: "^") { p += 1 }
            var first = true
            while p < pattern.count {
                if pattern[p] == UInt8(ascii: "]"), !first { return p + 1 }
                first = false
                p += p + 2 < pattern.count && pattern[p + 1] == UInt8(ascii: "-") && pattern[p + 2] != UInt8(ascii: "]") ? 3 : 1
            }
            return nil
        }

        /// The bytes a closed class accepts, indexed by byte; `[!…]` and `[^…]` negate.
        private static func classMembers(_ pattern: [UInt8], from start: Int) -> [Bool] {
            var members = [Bool](repeating: false, count: 256)
            var p = start + 1
            var negate = false
            if p < pattern.count, pattern[p] == UInt8(ascii: "!") || pattern[p] == UInt8(ascii: "^") {
                negate = true
                p += 1
            }
            var first = true
            while p < pattern.count {
                let c = pattern[p]
                if c == UInt8(ascii: "]"), !first { break }
                first = false
                if p + 2 < pattern.count, pattern[p + 1] == UInt8(ascii: "-"), pattern[p + 2] != UInt8(ascii: "]") {
                    if c <= pattern[p + 2] { for byte in c...pattern[p + 2] { members[Int(byte)] = true } }
                    p += 3
                } else {
                    members[Int(c)] = true
                    p += 1
                }
            }
            if negate { for byte in 0..<256 { members[byte].toggle() } }
            return members
        }
    }
}
