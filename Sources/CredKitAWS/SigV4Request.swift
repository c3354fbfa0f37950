/// An HTTP request as SigV4 sees it: method, host, path and query before percent-encoding,
/// headers and body.
public struct SigV4Request: Sendable, Hashable {
    /// One header line. Names compare case-insensitively when signing.
    public struct Header: Sendable, Hashable {
        /// The header name as sent.
        public var name: String
        /// The header value as sent.
        public var value: String
        /// Creates a header.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One query parameter, not percent-encoded.
    public struct QueryParameter: Sendable, Hashable {
        /// The parameter name.
        public var name: String
        /// The parameter value.
        public var value: String
        /// Creates a parameter.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `GET`, `POST`, ...
    public var method: String
    /// The host (and `:port` when not the scheme's default), signed as the `host` header
    /// unless a `Host` header is given.
    public var host: String
    /// The path, not percent-encoded (`/example space/`); dot segments and repeated slashes are
    /// normalised when signing, as AWS does for every service except S3.
    public var path: String
    /// Query parameters, not percent-encoded.
    public var query: [QueryParameter]
    /// Headers to send and sign.
    public var headers: [Header]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, host: String, path: String = "/", query: [QueryParameter] = [],
                headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        let folded = name.lowercased()
        return headers.first { $0.name.lowercased() == folded }?.value
    }
}
