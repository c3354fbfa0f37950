import Foundation

/// zxcvbn's estimate of how hard a password is to guess.
public struct StrengthEstimate: Hashable, Sendable, Comparable {
    /// The bit thresholds of zxcvbn's scores 1 to 4 (10^3, 10^6, 10^8 and 10^10 guesses).
    public static let scoreThresholds: [Double] = [10, 20, 26.6, 33.2]

    /// log2 of the estimated number of guesses, as the zxcvbn C library reports it.
    public let bits: Double

    /// Creates an estimate from zxcvbn's entropy in bits.
    public init(bits: Double) {
        self.bits = max(0, bits)
    }

    /// zxcvbn's 0 (too guessable) to 4 (very unguessable) score.
    public var score: Int {
        Self.scoreThresholds.filter { bits >= $0 }.count
    }

    /// The estimated number of guesses, 2^bits.
    public var guesses: Double { pow(2, bits) }

    /// log10 of the estimated number of guesses.
    public var log10Guesses: Double { bits * log10(2.0) }

    /// Seconds to try that many guesses at `guessesPerSecond` (on average, half of them).
    public func secondsToGuess(atGuessesPerSecond rate: Double) -> Double {
        guesses / 2 / rate
    }

    public static func < (lhs: StrengthEstimate, rhs: StrengthEstimate) -> Bool { lhs.bits < rhs.bits }
}
