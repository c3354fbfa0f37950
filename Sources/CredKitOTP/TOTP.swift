import CredKitCrypto

/// Time-based one-time passwords (RFC 6238): HOTP over the number of `period`-second
/// steps since the start time T0.
public struct TOTP: Sendable {
    /// The underlying HOTP generator (algorithm, digits, key).
    public let hotp: HOTP
    /// The time step X in seconds.
    public let period: Int
    /// The Unix time T0 at which step 0 starts.
    public let startTime: Int64

    /// The periods credkit supports: one second to one day.
    public static let periodRange = 1...86_400

    /// Creates a generator.
    /// - Throws: `OTPError` for a period outside 1...86400 seconds or invalid HOTP parameters.
    public init(secret: SecretBytes, algorithm: HashAlgorithm = .sha1, digits: Int = 6,
                period: Int = 30, startTime: Int64 = 0) throws {
        guard Self.periodRange.contains(period) else {
            throw OTPError(.invalidParameter, "period must be between 1 and 86400 seconds, not \(period)")
        }
        self.hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
        self.period = period
        self.startTime = startTime
    }

    /// The algorithm.
    public var algorithm: HashAlgorithm { hotp.algorithm }
    /// The number of digits.
    public var digits: Int { hotp.digits }

    /// The step counter T = floor((time - T0) / X) for a Unix time.
    /// - Throws: `OTPError.invalidTime` for a time before T0: RFC 6238 defines no step there.
    ///   (oathtool rounds towards zero and wraps, giving step 0 for the period before T0.)
    public func step(at time: Int64) throws -> UInt64 {
        guard time >= startTime else {
            throw OTPError(.invalidTime, "time \(time) is before the start time \(startTime): RFC 6238 defines no time step before T0 " +
                           "(oathtool prints step 0's code for the period before T0, and wraps around earlier)")
        }
        return Self.elapsed(from: startTime, to: time) / UInt64(period)
    }

    /// `time - startTime` for `time >= startTime`: it always fits in 64 unsigned bits, even when
    /// the signed subtraction would overflow (T0 far in the past, a time far in the future).
    private static func elapsed(from start: Int64, to time: Int64) -> UInt64 {
        UInt64(bitPattern: time) &- UInt64(bitPattern: start)
    }

    /// The code at a Unix time.
    public func code(at time: Int64) throws -> String {
        hotp.code(counter: try step(at: time))
    }

    /// The code for a step counter.
    public func code(step: UInt64) -> String { hotp.code(counter: step) }

    /// Seconds left before the code at `time` changes.
    public func secondsRemaining(at time: Int64) -> Int {
        let elapsed = UInt64(bitPattern: time) &- UInt64(bitPattern: startTime)
        let intoStep = time >= startTime ? elapsed % UInt64(period) : (UInt64(period) - (0 &- elapsed) % UInt64(period)) % UInt64(period)
        return period - Int(intoStep)
    }
}
