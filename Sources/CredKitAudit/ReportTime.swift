import CredKitAWS
import Foundation

/// A time column of the credential report: a timestamp or one of AWS's markers.
public enum ReportTime: Sendable, Hashable {
    /// A timestamp.
    case at(Date)
    /// `N/A`: does not apply (no password, key never created).
    case notApplicable
    /// `no_information`: AWS has no record (for example, used before tracking began).
    case noInformation
    /// `not_supported`: the column does not apply to this kind of entry (the root user's password rotation).
    case notSupported

    /// The timestamp, if there is one.
    public var date: Date? {
        if case .at(let date) = self { return date }
        return nil
    }
}
