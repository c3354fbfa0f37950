/// The recursive matcher PathGlob used before it became an automaton (exponential on
/// `*a*a*a…b`), kept to check on small random inputs that the automaton answers the same.
enum RecursiveGlobReference {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var bytes = Array(pattern.utf8)
        while bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        if bytes.starts(with: Array("./".utf8)) { bytes.removeFirst(2) }
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        let anchored = bytes.contains(UInt8(ascii: "/"))
        var text = Array(path.utf8)
        if text.starts(with: Array("./".utf8)) { text.removeFirst(2) }
        var ends = [text.count]
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "/") { ends.append(index) }
        var starts = [0]
        if !anchored {
            for (index, byte) in text.enumerated() where byte == UInt8(ascii: "/") { starts.append(index + 1) }
        }
        for start in starts {
            for end in ends where end > start {
                if match(bytes[...], text[start..<end]) { return true }
            }
        }
        return false
    }

    static let slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*")

    static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        while p < pattern.endIndex {
            let c = pattern[p]
            if c == star {
                if p + 1 < pattern.endIndex, pattern[p + 1] == star {
                    // `**/` matches zero or more whole segments; a trailing `**` matches the rest.
                    var rest = p + 2
                    if rest < pattern.endIndex, pattern[rest] == slash { rest += 1 }
                    let tail = pattern[rest...]
                    var candidate = t
                    while true {
                        if match(tail, text[candidate...]) { return true }
                        guard candidate < text.endIndex else { return false }
                        if rest == p + 2 {
                            candidate += 1
                        } else if let next = text[candidate...].firstIndex(of: slash) {
                            candidate = next + 1
                        } else {
                            return false
                        }
                    }
                }
                let tail = pattern[(p + 1)...]
                var candidate = t
                while true {
                    if match(tail, text[candidate...]) { return true }
                    guard candidate < text.endIndex, text[candidate] != slash else { return false }
                    candidate += 1
                }
            }
            guard t < text.endIndex else { return false }
            switch c {
            case UInt8(ascii: "?"):
                guard text[t] != slash else { return false }
                p += 1
            case UInt8(ascii: "["):
                guard let (matched, next) = matchClass(pattern, from: p, text[t]) else {
                    guard text[t] == c else { return false }
                    p += 1
                    break
                }
                guard matched, text[t] != slash else { return false }
                p = next
            case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                guard text[t] == pattern[p + 1] else { return false }
                p += 2
            default:
                guard text[t] == c else { return false }
                p += 1
            }
            t += 1
        }
        return t == text.endIndex
    }

    /// Matches `byte` against the class starting at `start` (`[`); nil when the class is not closed.
    static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var p = start + 1
        var negate = false
        if p < pattern.endIndex, pattern[p] == UInt8(ascii: "!") || pattern[p] == UInt8(ascii: "^") {
            negate = true
            p += 1
        }
        var matched = false
        var first = true
        while p < pattern.endIndex {
            let c = pattern[p]
            if c == UInt8(ascii: "]"), !first { return (matched != negate, p + 1) }
            first = false
            if p + 2 < pattern.endIndex, pattern[p + 1] == UInt8(ascii: "-"), pattern[p + 2] != UInt8(ascii: "]") {
                if c <= byte && byte <= pattern[p + 2] { matched = true }
                p += 3
            } else {
                if c == byte { matched = true }
                p += 1
            }
        }
        return nil
    }
}
