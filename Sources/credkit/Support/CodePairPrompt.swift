import CredKitCrypto
import CredKitOTP
import Foundation

/// What the check of a typed pair of codes said.
enum PairVerdict {
    /// The pair passed; the text says how (printed after "MFA device enrolled: ").
    case accepted(String)
    /// The pair failed; the text says why, and the user may try again.
    case rejected(String)
}

/// Why a code prompt ended without a good pair, as the end of a sentence that starts with what
/// stopped ("enrollment", "resync"): "stopped: no code was entered", "failed after 3 tries: ...".
struct PairPromptStopped: Error {
    let summary: String
    /// Whether the user typed codes before it ended (then the app's entry is in use).
    let codesWereTyped: Bool
}

/// The two-consecutive-codes dialogue of `mfa enroll` (local and in AWS) and `mfa resync`:
/// asks for the first and the next code, has the caller check the pair, and on a refused pair
/// offers to try again with the same seed, up to `maximumTries` pairs.
struct CodePairPrompt {
    /// Pairs of codes the user may type before the run gives up.
    static let maximumTries = 3

    let reader: CodeReader
    /// The question after a refused pair.
    var retryQuestion = "Try again with the same seed (the app's entry stays valid)? [Y/n] "

    /// Asks for pairs until `check` accepts one.
    /// - Returns: what `check` said of the accepted pair.
    /// - Throws: `PairPromptStopped` when the input ends, the user says no, or the tries run out;
    ///   whatever `check` throws.
    func run(_ check: (_ first: String, _ second: String) throws -> PairVerdict) throws -> String {
        var attempt = 1
        while true {
            let first = try reader.read("Enter the first code shown by the app: ", typedBefore: attempt > 1)
            if reader.interactive { Console.writeStandardError("Wait for the code to change (at most \(reader.period) seconds).\n") }
            let second = try reader.read("Enter the next code shown by the app: ", differentFrom: first, typedBefore: true)
            let explanation: String
            switch try check(first, second) {
            case let .accepted(how): return how
            case let .rejected(why): explanation = why
            }
            Console.error("those codes do not work: \(explanation)")
            guard attempt < Self.maximumTries else {
                throw PairPromptStopped(summary: "failed after \(Self.maximumTries) tries: \(explanation)", codesWereTyped: true)
            }
            attempt += 1
            Console.writeStandardError(retryQuestion)
            guard let answer = reader.answer(), !answer.hasPrefix("n") else {
                throw PairPromptStopped(summary: "stopped: \(explanation)", codesWereTyped: true)
            }
            Console.writeStandardError("Try \(attempt) of \(Self.maximumTries).\n")
        }
    }
}

/// Reads codes from the authenticator app, refusing at once a code that cannot be right and asking again.
struct CodeReader {
    /// The seed's generator when credkit knows the seed (enroll); nil when only AWS does (resync).
    let totp: TOTP?
    let interactive: Bool
    let window: Int

    /// Digits of a code (the seed's, else AWS's six).
    var digits: Int { totp?.digits ?? 6 }
    /// Seconds per code (the seed's, else AWS's thirty).
    var period: Int { totp?.period ?? 30 }

    /// Reads a code after `prompt`; nil `differentFrom` for the first code of a pair.
    /// - Throws: `PairPromptStopped` when the input ends first.
    func read(_ prompt: String, differentFrom first: String? = nil, typedBefore: Bool = false) throws -> String {
        while true {
            Console.writeStandardError(prompt)
            guard var line = SecretInput.readLineOrEnd(fd: 0) else {
                if !interactive { Console.writeStandardError("\n") }
                throw PairPromptStopped(summary: "stopped: no code was entered", codesWereTyped: typedBefore)
            }
            defer { wipe(&line) }
            if !interactive { Console.writeStandardError("\n") }
            let typed = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0d }
            if let problem = problem(with: typed, differentFrom: first) {
                Console.error("refused: \(problem)")
                continue
            }
            return String(decoding: typed, as: UTF8.self)
        }
    }

    /// Why a typed code cannot be right, or nil.
    private func problem(with typed: [UInt8], differentFrom first: String?) -> String? {
        if typed.isEmpty { return "no code was typed; type the \(digits) digits the app shows" }
        if let bad = typed.first(where: { !(0x30...0x39).contains($0) }) {
            let shown = (0x21..<0x7f).contains(bad) ? "'\(Character(Unicode.Scalar(bad)))'" : "a character that"
            return "\(shown) is not a digit; a code is \(digits) digits (spaces are allowed)"
        }
        if typed.count != digits {
            return "that is \(typed.count) digit\(typed.count == 1 ? "" : "s"); the app shows \(digits)"
        }
        let code = String(decoding: typed, as: UTF8.self)
        if let first {
            if ConstantTime.equals(code, first) {
                return "that is the first code again: wait until the app shows a new code (at most \(period) seconds), then type that one"
            }
            return nil
        }
        guard let totp else { return nil }
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        // Far wider than the check's window, so a phone clock that is off is told apart from a typo.
        let diagnostic = max(window, 10) * 4
        let match = try? totp.verify(code, at: now, window: diagnostic)
        if match == nil {
            return "that code does not match this seed near the current time: check it for a typo, and that the app shows the account you just added"
        }
        return nil
    }

    /// Reads a yes/no answer, lowercased; nil when the input ended.
    func answer() -> String? {
        let answer = Self.readAnswer()
        if !interactive { Console.writeStandardError("\n") }
        return answer
    }

    /// Reads one line from standard input, trimmed and lowercased; nil at the end of input.
    static func readAnswer() -> String? {
        guard let line = SecretInput.readLineOrEnd(fd: 0) else { return nil }
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
