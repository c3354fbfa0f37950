/// Tells text from random values: how many characters of a value belong to dictionary words.
///
/// The value is cut into tokens at every byte that is not a letter and at camel-case
/// boundaries (`AmazonRDS` -> `Amazon`, `RDS`; `MFAProtectedAPI` -> `MFA`, `Protected`, `API`).
/// A token of 3 letters or more counts when it is a chain of words from `wordList`, each
/// perhaps with an inflection (`user` `guide`, `deploy` `ing`). Identifiers, URL runs and class
/// paths are nearly all words (`EnablePropagateAdditionalUserContextData`: 40 of 40
/// characters); random 40-character secrets almost never hold a word at a token boundary
/// (at most 10 characters in 200,000 draws).
enum WordSegmentation {
    /// Tokens shorter than this are never words (random values are full of 1- and 2-letter runs).
    static let minimumTokenLength = 3
    /// Tokens longer than this are not looked at (no value is made of one such token).
    static let maximumTokenLength = 40
    /// Endings a word may carry within a token.
    static let inflections: Set<String> = ["s", "es", "d", "ed", "ing", "er", "ers", "ion", "ions", "ly"]

    /// The words, parsed once (split as bytes: the list is ASCII, and splitting Characters
    /// cost a millisecond and a half of the first secret candidate's scan).
    static let words: Set<String> = Set(wordList.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0a })
        .map { String(decoding: $0, as: UTF8.self) })
    /// Pieces longer than these are not looked up: no word or inflection is that long.
    private static let longestWord = words.map(\.utf8.count).max() ?? 0
    private static let longestInflection = inflections.map(\.utf8.count).max() ?? 0

    /// The number of characters of `value` that belong to dictionary words.
    static func wordCharacters<Bytes: RandomAccessCollection>(_ value: Bytes) -> Int where Bytes.Element == UInt8, Bytes.Index == Int {
        var covered = 0
        forEachToken(value) { token in
            if token.count >= minimumTokenLength, token.count <= maximumTokenLength, isWordChain(token) { covered += token.count }
        }
        return covered
    }

    /// Calls `body` with each token, in lowercase.
    private static func forEachToken<Bytes: RandomAccessCollection>(_ value: Bytes, _ body: ([UInt8]) -> Void) where Bytes.Element == UInt8, Bytes.Index == Int {
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5a }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7a }
        var token: [UInt8] = []
        let bytes = Array(value)
        for (index, byte) in bytes.enumerated() {
            guard isUpper(byte) || isLower(byte) else {
                if !token.isEmpty { body(token); token.removeAll(keepingCapacity: true) }
                continue
            }
            if isUpper(byte), let previous = index > 0 ? bytes[index - 1] : nil, !token.isEmpty {
                // `aB`: a new word starts; `ABc`: the last capital starts the next word.
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if isLower(previous) || (isUpper(previous) && isLower(next)) {
                    body(token)
                    token.removeAll(keepingCapacity: true)
                }
            }
            token.append(byte | 0x20)
        }
        if !token.isEmpty { body(token) }
    }

    /// Whether `token` (lowercase) splits into words of 3 letters or more, each perhaps
    /// followed by an inflection.
    static func isWordChain(_ token: [UInt8]) -> Bool {
        let n = token.count
        var reachable = [Bool](repeating: false, count: n + 1)
        reachable[0] = true
        let longest = max(longestWord, longestInflection)
        for start in 0..<n where reachable[start] {
            for end in (start + 1)...min(n, start + longest) where !reachable[end] {
                let length = end - start
                let mayBeWord = length >= minimumTokenLength && length <= longestWord
                let mayBeInflection = start > 0 && length <= longestInflection
                guard mayBeWord || mayBeInflection else { continue }
                let piece = String(decoding: token[start..<end], as: UTF8.self)
                if mayBeWord, words.contains(piece) {
                    reachable[end] = true
                } else if mayBeInflection, inflections.contains(piece) {
                    reachable[end] = true
                }
            }
        }
        return reachable[n]
    }
}
