/// HOTP verification with a look-ahead window (RFC 4226 section 7.4).
extension HOTP {
    /// The counter whose code equals `code`, searching `counter` and the `lookAhead` counters
    /// after it, or nil. Each candidate is compared in constant time.
    public func verify(_ code: String, counter: UInt64, lookAhead: Int = 0) -> UInt64? {
        guard code.utf8.count == digits, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var candidate = counter
        for _ in 0...max(0, lookAhead) {
            if matches(code, counter: candidate) { return candidate }
            guard candidate < UInt64.max else { break }
            candidate += 1
        }
        return nil
    }
}
