import ArgumentParser
import Foundation

/// A point in time given on the command line: Unix seconds (`1234567890`, `@1234567890`),
/// ISO 8601 (`2009-02-13T23:31:30Z`, `2009-02-13T23:31:30+01:00`, fractions allowed) or `now`.
struct TimeArgument: ExpressibleByArgument, Sendable {
    /// Unix seconds.
    let seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    init?(argument: String) {
        guard let seconds = Self.parse(argument) else { return nil }
        self.seconds = seconds
    }

    static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "now" { return Int64(Date().timeIntervalSince1970.rounded(.down)) }
        let digits = trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
        if let value = Int64(digits), value >= 0 { return value }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        return nil
    }

    static var defaultValueDescription: String { "now" }
}

extension TimeArgument {
    /// The current time, or the one given.
    static func resolve(_ argument: TimeArgument?) -> Int64 {
        argument?.seconds ?? Int64(Date().timeIntervalSince1970.rounded(.down))
    }
}
