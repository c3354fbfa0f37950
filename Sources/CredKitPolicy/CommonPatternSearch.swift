/// Generates passwords people actually pick (a common word, capitalised or in leetspeak, then
/// digits, a year and a symbol, padded out by repetition), keeps those a policy accepts and
/// scores them with zxcvbn, to find how weak a compliant password can be.
public struct CommonPatternSearch: Sendable {
    /// The words patterns start from: the most common password bases and keyboard walks.
    public static let baseWords = [
        "password", "welcome", "qwerty", "letmein", "admin", "monkey", "dragon", "iloveyou",
        "sunshine", "football", "princess", "summer", "winter", "spring", "autumn", "changeme",
        "secret", "master", "1qaz2wsx", "abc",
    ]
    static let digitSuffixes = ["1", "12", "123", "1234", "2024", "2025", "2026", "01", ""]
    static let symbolSuffixes = ["!", "@", "#", "$", "!!", ""]

    /// The estimator used to score candidates.
    public let estimator: StrengthEstimator
    /// Extra base words (a company or product name): the same as `estimator`'s user inputs.
    public let extraWords: [String]

    /// Creates a search; `userInputs` become base words and zxcvbn user-dictionary words.
    public init(userInputs: [String] = []) {
        estimator = StrengthEstimator(userInputs: userInputs)
        extraWords = userInputs.map { $0.lowercased() }.filter { !$0.isEmpty && $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// Every distinct candidate of at least `length` characters (and at most IAM's 128).
    public func candidates(minimumLength length: Int) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        func add(_ candidate: String) {
            guard candidate.count >= length, candidate.count <= PasswordPolicy.maximumLength,
                  seen.insert(candidate).inserted else { return }
            result.append(candidate)
        }
        let words = Self.baseWords + extraWords
        for word in words {
            for stem in Self.variants(of: word) {
                for digits in Self.digitSuffixes {
                    for symbol in Self.symbolSuffixes {
                        let tail = digits + symbol
                        let short = length - tail.count
                        // Repeat the word until long enough: "PasswordPassword1!".
                        add(String(repeating: stem, count: max(1, Self.ceilingDivide(short, stem.count))) + tail)
                        // Run the digits on: "Password1234567!".
                        if !digits.isEmpty {
                            add(stem + Self.digitRun(from: digits, length: max(digits.count, length - stem.count - symbol.count)) + symbol)
                        }
                        // Repeat the symbol: "Password1!!!!!!".
                        if let mark = symbol.first {
                            add(stem + digits + String(repeating: String(mark), count: max(symbol.count, length - stem.count - digits.count)))
                        }
                        // Two words: "SummerWinter2025!".
                        if let second = words.first(where: { $0 != word && $0.count >= short - stem.count }) {
                            add(stem + Self.capitalised(second) + tail)
                        }
                    }
                }
            }
        }
        return result
    }

    /// Candidates up to this many characters are scored whole. zxcvbn's time grows with the
    /// square of the length (a 128-character policy took 15 s of CPU), so longer ones are ranked
    /// by the estimate of their first `maximumScoredLength` characters, and only the weakest
    /// `finalistCount` of those are scored whole to pick the example. Today's policies (up to
    /// about 30 characters) never reach it, so their results are unchanged.
    public static let maximumScoredLength = 40
    /// How many of the lowest-ranked long candidates are scored whole.
    public static let finalistCount = 8

    /// Finds the weakest candidate `policy` accepts; nil if it accepts none of them.
    /// Candidates longer than `maximumScoredLength` are counted and ranked by the estimate of
    /// their first `maximumScoredLength` characters; the example's estimate is always of the whole.
    public func weakestCompliant(for policy: PasswordPolicy) -> WeakestCompliantPassword? {
        let all = candidates(minimumLength: policy.minimumLength)
        var ranked: [(candidate: String, estimate: StrengthEstimate)] = []
        var weak = 0
        for candidate in all where policy.accepts(candidate) {
            guard let estimate = rankingEstimate(of: candidate) else { continue }
            if estimate.score < 3 { weak += 1 }
            ranked.append((candidate, estimate))
        }
        // Weakest first; equal estimates: the shorter, then the earlier (a stable sort).
        ranked.sort { ($0.estimate.bits, $0.candidate.count) < ($1.estimate.bits, $1.candidate.count) }
        guard var best = ranked.first else { return nil }
        if best.candidate.count > Self.maximumScoredLength {
            var finalists: [(candidate: String, estimate: StrengthEstimate)] = []
            for (candidate, estimate) in ranked.prefix(Self.finalistCount) {
                let whole = candidate.count > Self.maximumScoredLength ? (try? estimator.estimate(candidate)) : estimate
                if let whole { finalists.append((candidate, whole)) }
            }
            finalists.sort { ($0.estimate.bits, $0.candidate.count) < ($1.estimate.bits, $1.candidate.count) }
            best = finalists.first ?? best
        }
        return WeakestCompliantPassword(example: best.candidate, estimate: best.estimate, candidatesTried: all.count,
                                        compliantCandidates: ranked.count, weakCompliantCandidates: weak)
    }

    /// The estimate a candidate is counted and ranked by: of the whole when it has at most
    /// `maximumScoredLength` characters, else of its first `maximumScoredLength`.
    func rankingEstimate(of candidate: String) -> StrengthEstimate? {
        // Generated candidates never contain NUL, so estimating cannot fail.
        try? estimator.estimate(String(candidate.prefix(Self.maximumScoredLength)))
    }

    /// The word as typed: lower case, Capitalised, UPPER CASE, and Capitalised leetspeak.
    static func variants(of word: String) -> [String] {
        let leet = String(capitalised(word).map { character -> Character in
            switch character {
            case "a": "@"
            case "o": "0"
            case "s": "$"
            case "e": "3"
            case "i": "1"
            default: character
            }
        })
        var result: [String] = []
        for variant in [word, capitalised(word), word.uppercased(), leet] where !result.contains(variant) {
            result.append(variant)
        }
        return result
    }

    static func capitalised(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Digits counting on from `start`'s first digit: "1" to length 7 is "1234567".
    static func digitRun(from start: String, length: Int) -> String {
        guard let first = start.first?.wholeNumberValue else { return start }
        return String((0..<length).map { Character(String((first + $0) % 10)) })
    }

    static func ceilingDivide(_ numerator: Int, _ denominator: Int) -> Int {
        denominator == 0 ? 1 : (numerator + denominator - 1) / denominator
    }
}
