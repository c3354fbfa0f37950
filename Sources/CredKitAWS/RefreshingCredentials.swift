import Foundation

/// Caches the credentials of a source for the run and fetches fresh ones `refreshMargin`
/// seconds before they expire, so a long audit never signs with expired keys. Concurrent callers
/// share one fetch.
public actor RefreshingCredentials: CredentialProvider {
    /// Seconds before `expiration` at which credentials count as due for renewal (the SDKs' 5-minute window).
    public static let refreshMargin: TimeInterval = 300

    /// The wrapped source.
    public nonisolated let base: any CredentialProvider
    private let clock: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, Error>?

    /// Wraps a source.
    /// - Parameter clock: the time, injected so tests pin it.
    public init(_ base: any CredentialProvider, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.clock = clock
    }

    public nonisolated var sourceDescription: String { base.sourceDescription }

    /// The cached credentials while they have more than `refreshMargin` seconds left, else fresh ones.
    /// When a refresh fails but the cached credentials have not expired yet, they are used.
    public func credentials() async throws -> AWSCredentials {
        if let cached, !isDue(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let base = self.base
        let task = Task { try await base.credentials() }
        inFlight = task
        defer { inFlight = nil }
        do {
            let fresh = try await task.value
            if let expiration = fresh.expiration, expiration <= clock() {
                throw AWSError(.expiredToken, "\(base.sourceDescription) gave credentials that expired at \(Self.shown(expiration))")
            }
            cached = fresh
            return fresh
        } catch {
            if let cached, let expiration = cached.expiration, expiration > clock() { return cached }
            throw error
        }
    }

    private func isDue(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(clock()) <= Self.refreshMargin
    }

    static func shown(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
