import Foundation

extension URL {
    /// The URL for messages: any `user:password@` is shown as `REDACTED@`, so a password
    /// given in `--endpoint-url` or a proxy variable never reaches a log.
    public var redactedForDisplay: String {
        guard user != nil || password != nil,
              var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return absoluteString }
        components.user = "REDACTED"
        components.password = nil
        return components.string ?? "\(scheme ?? "?")://REDACTED@\(host ?? "?")"
    }
}
