/// A code matched during TOTP verification.
public struct TOTPMatch: Sendable, Hashable {
    /// The step counter the code belongs to.
    public let step: UInt64
    /// The step relative to the verification time: negative when the code is from the past
    /// (late), positive when from the future (the device clock is ahead).
    public let offset: Int
}

extension TOTP {
    /// Verifies `code` at `time`, trying the current step first and then steps at growing
    /// distance up to `window` on each side. Each candidate is compared in constant time.
    /// - Parameter after: with replay protection, the last accepted step: it and every step
    ///   before it are refused.
    /// - Returns: the matched step and its signed offset, or nil.
    public func verify(_ code: String, at time: Int64, window: Int = 1, after lastAccepted: UInt64? = nil) throws -> TOTPMatch? {
        guard isWellFormed(code) else { return nil }
        let now = try step(at: time)
        for offset in Self.offsets(window: window) {
            guard let candidate = Self.step(now, plus: offset) else { continue }
            if let lastAccepted, candidate <= lastAccepted { continue }
            if hotp.matches(code, counter: candidate) {
                return TOTPMatch(step: candidate, offset: offset)
            }
        }
        return nil
    }

    /// Whether `code` has the right number of ASCII digits.
    public func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == digits && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// 0, -1, +1, -2, +2, ... up to `window`: the likeliest steps first.
    static func offsets(window: Int) -> [Int] {
        var result = [0]
        if window > 0 {
            for distance in 1...window { result += [-distance, distance] }
        }
        return result
    }

    static func step(_ base: UInt64, plus offset: Int) -> UInt64? {
        offset < 0 ? (base >= UInt64(-offset) ? base - UInt64(-offset) : nil)
            : base.addingReportingOverflow(UInt64(offset)).overflow ? nil : base + UInt64(offset)
    }
}
