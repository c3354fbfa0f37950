import Foundation

/// Exponential backoff with full jitter for throttling and server errors:
/// attempt *n* waits a random time in `0...min(maximumDelay, baseDelay * 2^n)`.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The delay scale of the first retry, in seconds.
    public var baseDelay: Double
    /// The ceiling of any one delay, in seconds.
    public var maximumDelay: Double

    /// Creates a policy.
    public init(maximumAttempts: Int = 5, baseDelay: Double = 0.2, maximumDelay: Double = 20) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The delay before retry number `retry` (0 for the first retry), jittered.
    public func delay(beforeRetry retry: Int) -> Double {
        let ceiling = min(maximumDelay, baseDelay * pow(2, Double(min(retry, 30))))
        return Double.random(in: 0...max(ceiling, 0))
    }

    /// AWS error codes that mean "slow down" or "try again".
    static let retryableCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "ServiceUnavailable", "InternalFailure",
        "InternalError", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]

    /// Whether a failed response should be retried.
    static func isRetryable(status: Int, code: String?) -> Bool {
        if let code, retryableCodes.contains(code) { return true }
        return status == 429 || (500...599).contains(status)
    }
}
