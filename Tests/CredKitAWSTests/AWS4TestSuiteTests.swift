import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

/// AWS's Signature Version 4 test suite, all 34 cases, with AWS's own expected texts
/// (`Vectors/sigv4/aws4_testsuite.json`, generated from botocore's copy of the suite by
/// `Vectors/sigv4/generate_aws4_testsuite.py`). Each case is checked by name.
@Suite struct AWS4TestSuiteTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let request: String
        let canonicalRequest: String
        let stringToSign: String
        let authorization: String
        var testDescription: String { name }
    }

    struct Suite: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let region: String
        let service: String
        let date: String
        let cases: [Case]
    }

    static let suite = try? Fixtures.load(Suite.self, "sigv4/aws4_testsuite.json")

    static let names = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-unreserved", "get-utf8", "get-vanilla-empty-query-key", "get-vanilla-query-order-encoded",
        "get-vanilla-query-order-key-case", "get-vanilla-query-order-key", "get-vanilla-query-order-value",
        "get-vanilla-query-unreserved", "get-vanilla-query", "get-vanilla-utf8-query", "get-vanilla-with-session-token",
        "get-vanilla", "normalize-path/get-relative-relative", "normalize-path/get-relative",
        "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot", "normalize-path/get-slash",
        "normalize-path/get-slashes", "normalize-path/get-space", "normalize-path/get-special-character",
        "post-header-key-case", "post-header-key-sort", "post-header-value-case", "post-sts-token/post-sts-header-after",
        "post-sts-token/post-sts-header-before", "post-vanilla-empty-query-value", "post-vanilla-query", "post-vanilla",
        "post-x-www-form-urlencoded-parameters", "post-x-www-form-urlencoded",
    ]

    @Test func everyCaseOfTheSuiteIsPresent() throws {
        let suite = try #require(Self.suite)
        #expect(suite.cases.map(\.name).sorted() == Self.names.sorted())
    }

    /// The raw request of a case as SigV4 sees it: the target is percent-decoded (the signer
    /// encodes), continuation lines join the header above them, and the session token comes from
    /// the expected canonical request, as the suite's own runner in botocore takes it.
    static func parse(_ testCase: Case) throws -> (request: SigV4Request, token: String?) {
        let parts = testCase.request.components(separatedBy: "\n\n")
        var lines = parts[0].components(separatedBy: "\n")
        let body = parts.dropFirst().joined(separator: "\n\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        var target = String(requestLine.dropFirst(method.count + 1))
        if target.hasSuffix(" HTTP/1.1") { target.removeLast(" HTTP/1.1".count) }
        var headers: [SigV4Request.Header] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", var last = headers.popLast() {
                last.value += "\n" + line
                headers.append(last)
                continue
            }
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let token = testCase.canonicalRequest.components(separatedBy: "\n")
            .first { $0.hasPrefix("x-amz-security-token:") }.map { String($0.dropFirst("x-amz-security-token:".count)) }
        if token != nil { headers.removeAll { $0.name.lowercased() == "x-amz-security-token" } }
        let pathText = String(target.prefix { $0 != "?" })
        let queryText = target.dropFirst(pathText.count + 1)
        let query: [SigV4Request.QueryParameter] = queryText.isEmpty ? [] : queryText.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pieces[0]).removingPercentEncoding ?? String(pieces[0])
            let value = pieces.count > 1 ? (String(pieces[1]).removingPercentEncoding ?? String(pieces[1])) : ""
            return SigV4Request.QueryParameter(name, value)
        }
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? ""
        let request = SigV4Request(method: method, host: host, path: pathText.removingPercentEncoding ?? pathText,
                                   query: query, headers: headers, body: Array(body.utf8))
        return (request, token)
    }

    @Test(arguments: names)
    func signsLikeTheSuite(_ name: String) throws {
        let suite = try #require(Self.suite)
        let testCase = try #require(suite.cases.first { $0.name == name })
        let (request, token) = try Self.parse(testCase)
        let credentials = AWSCredentials(accessKeyID: suite.accessKeyId, secretAccessKey: suite.secretAccessKey,
                                         sessionToken: token, source: "aws4_testsuite")
        let signer = SigV4Signer(credentials: credentials, region: suite.region, service: suite.service)
        let result = signer.sign(request, at: try #require(AWSTimestamp.parseAmzDate(suite.date)))
        #expect(result.canonicalRequest == testCase.canonicalRequest)
        #expect(result.stringToSign == testCase.stringToSign)
        #expect(result.authorization == testCase.authorization)
    }
}
