import CredKitCrypto

extension SigV4Signer {
    /// The canonical request text and the signed-headers list.
    static func canonicalRequest(_ request: SigV4Request) -> (text: String, signedHeaders: String) {
        let headers = canonicalHeaders(request.headers)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        let payloadHash = Hex.encode(Digest.hash(.sha256, request.body))
        let text = "\(request.method.uppercased())\n\(canonicalURI(request.path))\n\(canonicalQuery(request.query))\n" +
            "\(headerLines)\n\(signedHeaders)\n\(payloadHash)"
        return (text, signedHeaders)
    }

    /// The path with dot segments and repeated slashes removed, each byte outside the
    /// unreserved set percent-encoded once (`/example space/` → `/example%20space/`).
    static func canonicalURI(_ path: String) -> String {
        let normalized = normalizePath(path)
        return percentEncode(normalized, keepSlash: true)
    }

    /// RFC 3986 section 5.2.4 dot-segment removal, plus collapsing `//`, as AWS does outside S3.
    static func normalizePath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        var result = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/"), !segments.isEmpty { result += "/" }
        return result
    }

    /// Parameters encoded, sorted by encoded name then encoded value, joined with `&`.
    static func canonicalQuery(_ query: [SigV4Request.QueryParameter]) -> String {
        query
            .map { (percentEncode($0.name, keepSlash: false), percentEncode($0.value, keepSlash: false)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lower-case names, sorted; values trimmed with inner runs of spaces collapsed; repeated
    /// names joined with commas in the order given.
    static func canonicalHeaders(_ headers: [SigV4Request.Header]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased().trimmingSpaces()
            if unsignedHeaders.contains(name) { continue }
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(collapseSpaces(header.value))
        }
        return order.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            .map { ($0, values[$0, default: []].joined(separator: ",")) }
    }

    /// Trims and collapses runs of spaces and tabs (and folded line breaks) into one space.
    static func collapseSpaces(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    /// Percent-encodes UTF-8 bytes outside `A-Z a-z 0-9 - _ . ~` (and `/` when `keepSlash`), upper-case hex.
    static func percentEncode(_ text: String, keepSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
