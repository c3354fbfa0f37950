/// The numbers the checks compare against, all in days.
public struct CheckThresholds: Sendable, Hashable, Codable {
    /// Active keys older than this must be rotated (`--max-age`, CIS 1.14: 90).
    public var maxAgeDays: Int
    /// Warn this many days before `maxAgeDays` (`--warn-before`).
    public var warnBeforeDays: Int
    /// Keys and passwords unused this long are findings (`--unused-days`, CIS 1.12: 45).
    public var unusedDays: Int
    /// Keys created within this many days are spared the unused, setup and two-keys checks, so a
    /// rotation in progress is not flagged (`--grace-days`).
    public var graceDays: Int
    /// Root use within this many days is a finding (`--root-use-days`).
    public var rootRecentUseDays: Int

    /// Creates thresholds; defaults follow CIS AWS Foundations v3.0.
    public init(maxAgeDays: Int = 90, warnBeforeDays: Int = 14, unusedDays: Int = 45, graceDays: Int = 7, rootRecentUseDays: Int = 90) {
        self.maxAgeDays = maxAgeDays
        self.warnBeforeDays = warnBeforeDays
        self.unusedDays = unusedDays
        self.graceDays = graceDays
        self.rootRecentUseDays = rootRecentUseDays
    }

    /// A reason the thresholds make no sense, or nil.
    public var problem: String? {
        if maxAgeDays < 1 { return "--max-age must be at least 1 day" }
        if warnBeforeDays < 0 || warnBeforeDays >= maxAgeDays { return "--warn-before must be between 0 and --max-age minus 1" }
        if unusedDays < 1 { return "--unused-days must be at least 1 day" }
        if graceDays < 0 { return "--grace-days cannot be negative" }
        if rootRecentUseDays < 1 { return "--root-use-days must be at least 1 day" }
        return nil
    }
}
