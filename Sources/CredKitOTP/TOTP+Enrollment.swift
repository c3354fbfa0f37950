/// The outcome of the two-consecutive-codes check that AWS runs for `EnableMFADevice`
/// and `ResyncMFADevice`.
public enum EnrollmentResult: Sendable, Hashable {
    /// Both codes matched consecutive steps inside the window.
    /// `step` is the step of the second code, `offset` its distance from now (the device's drift).
    case accepted(step: UInt64, offset: Int)
    /// The codes are consecutive but further from now than the window allows: a clock off by `offset` steps.
    case clockDrift(offset: Int)
    /// Each code matches somewhere, but never as a consecutive pair.
    case notConsecutive(firstOffsets: [Int], secondOffsets: [Int])
    /// Neither code, or only one, matches anywhere near now: a wrong seed or mistyped codes.
    case wrongCodes(firstMatched: Bool, secondMatched: Bool)

    /// Whether the check passed.
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    /// A sentence that says which check failed, or how the codes matched.
    public var explanation: String {
        switch self {
        case let .accepted(_, offset):
            // The second code is current (0) when the user waited for it, or the next one (+1)
            // when both were typed at once: either way the clocks agree.
            (0...1).contains(offset) ? "the two codes are consecutive and current"
                : "the two codes are consecutive; the device clock is \(offset > 1 ? offset - 1 : -offset) step\(offset == 2 || offset == -1 ? "" : "s") \(offset > 0 ? "ahead" : "behind")"
        case let .clockDrift(offset):
            "the codes are consecutive but the device clock is off by \(abs(offset)) steps (\(offset > 0 ? "ahead" : "behind")): set the phone's time automatically and try again"
        case let .notConsecutive(first, second):
            "the codes are not consecutive (first code at step offset \(first.map(String.init).joined(separator: ",")), second at \(second.map(String.init).joined(separator: ","))): enter two codes in a row, waiting for the code to change"
        case let .wrongCodes(first, second):
            switch (first, second) {
            case (false, false): "neither code matches the seed near the current time: check that the app scanned this seed"
            case (true, false): "the second code does not match the seed near the current time: a typo?"
            default: "the first code does not match the seed near the current time: a typo?"
            }
        }
    }
}

extension TOTP {
    /// Checks two codes the way AWS does when enabling or resynchronising a virtual MFA device:
    /// `first` and `second` must belong to consecutive steps s and s+1 somewhere within
    /// `window` steps of `time` (default ten each side).
    ///
    /// A failure says why: wrong codes, codes that are not consecutive, or a clock drift larger
    /// than the window (looked for up to `diagnosticWindow` steps away, default four times the window).
    public func verifyConsecutive(_ first: String, _ second: String, at time: Int64,
                                  window: Int = 10, diagnosticWindow: Int? = nil) throws -> EnrollmentResult {
        let now = try step(at: time)
        let wide = max(window, diagnosticWindow ?? window * 4)
        guard isWellFormed(first), isWellFormed(second) else {
            return .wrongCodes(firstMatched: isWellFormed(first) && matchesNear(first, now, wide),
                               secondMatched: isWellFormed(second) && matchesNear(second, now, wide))
        }
        var firstOffsets: [Int] = []
        var secondOffsets: [Int] = []
        var driftOffset: Int?
        for offset in Self.offsets(window: wide) {
            guard let candidate = Self.step(now, plus: offset) else { continue }
            if hotp.matches(first, counter: candidate) { firstOffsets.append(offset) }
            if hotp.matches(second, counter: candidate) { secondOffsets.append(offset) }
        }
        // The pair's position is the second code's step: first at s-1, second at s.
        for offset in Self.offsets(window: wide) where secondOffsets.contains(offset) && firstOffsets.contains(offset - 1) {
            // window bounds both codes: s-1 and s must each lie within it.
            if offset <= window && offset - 1 >= -window {
                guard let step = Self.step(now, plus: offset) else { continue }
                return .accepted(step: step, offset: offset)
            }
            if driftOffset == nil { driftOffset = offset }
        }
        if let driftOffset { return .clockDrift(offset: driftOffset) }
        if !firstOffsets.isEmpty && !secondOffsets.isEmpty {
            return .notConsecutive(firstOffsets: firstOffsets.sorted(), secondOffsets: secondOffsets.sorted())
        }
        return .wrongCodes(firstMatched: !firstOffsets.isEmpty, secondMatched: !secondOffsets.isEmpty)
    }

    private func matchesNear(_ code: String, _ now: UInt64, _ window: Int) -> Bool {
        Self.offsets(window: window).contains { offset in
            Self.step(now, plus: offset).map { hotp.matches(code, counter: $0) } ?? false
        }
    }
}
