import Foundation

/// A complete HTTP response: status, headers in the order received, and the decoded body
/// (chunked transfer coding removed).
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public let status: Int
    /// The reason phrase after the status code, e.g. `OK`.
    public let reasonPhrase: String
    /// Header fields in the order received, names as sent.
    public let headers: [(name: String, value: String)]
    /// The body.
    public let body: Data

    /// Creates a response.
    public init(status: Int, reasonPhrase: String, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the headers named `name` (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}
