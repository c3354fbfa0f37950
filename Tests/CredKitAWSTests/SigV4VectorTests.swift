import CredKitAWS
import CredKitCrypto
import CredKitTestSupport
import Foundation
import Testing

/// One request of `Vectors/sigv4/aws-sigv4-test-suite.json` with its expected texts.
struct SigV4Vector: Codable, Sendable, CustomTestStringConvertible {
    let name: String
    let method: String
    let host: String
    let path: String
    let query: [[String]]
    let headers: [[String]]
    let body: String
    let region: String
    let service: String
    let date: String
    var sessionToken: String?
    var canonicalRequest: String?
    var stringToSign: String?
    var signature: String?
    var authorization: String?
    var published: Bool?

    var testDescription: String { name }

    var request: SigV4Request {
        SigV4Request(
            method: method, host: host, path: path,
            query: query.map { SigV4Request.QueryParameter($0[0], $0[1]) },
            headers: headers.map { SigV4Request.Header($0[0], $0[1]) },
            body: Array(body.utf8))
    }
}

struct SigV4VectorFile: Decodable {
    let source: String
    let accessKeyId: String
    let secretAccessKey: String
    let cases: [SigV4Vector]
}

@Suite("SigV4 against the AWS test suite and the IAM ListUsers example")
struct SigV4VectorTests {
    static let file = try? Fixtures.load(SigV4VectorFile.self, "sigv4/aws-sigv4-test-suite.json")
    static let vectors = file?.cases ?? []

    static func signer(_ vector: SigV4Vector) throws -> SigV4Signer {
        let file = try #require(Self.file)
        let credentials = AWSCredentials(
            accessKeyID: file.accessKeyId, secretAccessKey: file.secretAccessKey,
            sessionToken: vector.sessionToken, source: "test vector")
        return SigV4Signer(credentials: credentials, region: vector.region, service: vector.service)
    }

    /// credkit's own variants of suite requests and the IAM example, checked against botocore's
    /// signer (the suite itself, with AWS's values, is AWS4TestSuiteTests).
    @Test func vectorFileLoads() {
        let variants = ["get-header-value-trim", "get-vanilla-query-order-value", "get-header-key-duplicate",
                        "post-sts-header-before", "iam-listusers"]
        let names = Set(Self.vectors.map(\.name))
        #expect(variants.allSatisfy(names.contains))
    }

    @Test(arguments: vectors)
    func everyStepMatches(_ vector: SigV4Vector) throws {
        let signer = try Self.signer(vector)
        let date = try #require(AWSTimestamp.parseAmzDate(vector.date))
        let result = signer.sign(vector.request, at: date)
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(result.signature == vector.signature)
        #expect(result.authorization == vector.authorization)
    }

    /// The documented example: AWS General Reference, "Examples of the complete Signature Version 4
    /// signing process" (IAM ListUsers, GET with the parameters in the query string).
    @Test func iamListUsersDocumentedSignature() throws {
        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: "AWS docs")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
        let request = SigV4Request(
            method: "GET", host: "iam.amazonaws.com", path: "/",
            query: [.init("Action", "ListUsers"), .init("Version", "2010-05-08")],
            headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        let date = try #require(AWSTimestamp.parseAmzDate("20150830T123600Z"))
        let result = signer.sign(request, at: date)
        #expect(result.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        #expect(result.stringToSign.hasSuffix("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"))
        #expect(result.addedHeaders.map(\.name) == ["X-Amz-Date", "Authorization"])
        #expect(result.addedHeaders.first?.value == "20150830T123600Z")
    }

    @Test func aChangedSecretChangesTheSignature() throws {
        let vector = try #require(Self.vectors.first { $0.name == "get-vanilla" })
        let date = try #require(AWSTimestamp.parseAmzDate(vector.date))
        let other = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", source: "test"),
            region: vector.region, service: vector.service)
        #expect(other.sign(vector.request, at: date).signature != vector.signature)
    }

    @Test func descriptionsNeverShowTheSecret() {
        let credentials = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN", source: "test")
        let texts = [credentials.description, "\(credentials)", String(reflecting: credentials)]
        for text in texts {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("FQoGZXIv"))
            #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
            #expect(text.contains("AKIA************MPLE"))
        }
    }
}

@Suite("SigV4 cross-checked against botocore's SigV4Auth")
struct SigV4BotocoreCrossCheckTests {
    /// Random requests: UTF-8 and reserved characters in paths and query, repeated names,
    /// odd header spacing, bodies, session tokens, random secrets.
    static func randomCases(count: Int) throws -> [[String: Any]] {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019-_.~ !$&'()*+,;=:@/%?#ሴé€😀")
        func text(_ range: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: range, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        var cases: [[String: Any]] = []
        for index in 0..<count {
            let secret = Base32.encode(try SecureRandom.bytes(count: 25))
            var headers: [[String]] = [["X-Amz-Date", "2024021\(index % 10)T0\(index % 10)1530Z"]]
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let name = "X-Test-" + ["Alpha", "beta", "GAMMA"].randomElement(using: &generator)!
                headers.append([name, "  " + text(0...8).replacingOccurrences(of: "\n", with: "") + "   x  y "])
            }
            var path = "/" + text(0...12)
            path = path.replacingOccurrences(of: "?", with: "").replacingOccurrences(of: "#", with: "").replacingOccurrences(of: "%", with: "")
            var entry: [String: Any] = [
                "name": "random-\(index)",
                "method": index % 2 == 0 ? "GET" : "POST",
                "host": "iam.amazonaws.com",
                "path": path,
                "query": (0..<Int.random(in: 0...4, using: &generator)).map { _ in [text(1...6), text(0...6)] },
                "headers": headers,
                "body": index % 2 == 0 ? "" : "Action=ListUsers&Version=2010-05-08&Marker=" + text(0...20),
                "accessKeyId": "AKIA" + Base32.encode(try SecureRandom.bytes(count: 10)),
                "secretAccessKey": secret,
                "region": ["us-east-1", "eu-west-3", "cn-north-1"][index % 3],
                "service": ["iam", "sts", "service"][index % 3],
                "date": "2024021\(index % 10)T0\(index % 10)1530Z",
            ]
            if index % 4 == 3 { entry["sessionToken"] = "IQoJb3JpZ2luX2VjE" + text(5...20) }
            cases.append(entry)
        }
        return cases
    }

    @Test func randomRequestsAgreeWithBotocore() throws {
        let cases = try Self.randomCases(count: 60)
        let input = try JSONSerialization.data(withJSONObject: ["cases": cases])
        let script = Fixtures.vectors.appendingPathComponent("sigv4/botocore_sigv4.py").path
        let result = try ProcessRunner.run("python3", [script], stdin: input)
        try #require(result.status == 0, "botocore failed: \(result.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let results = try #require(decoded?["results"] as? [[String: String]])
        #expect(results.count == cases.count)
        for (entry, expected) in zip(cases, results) {
            let vector = try JSONDecoder().decode(SigV4Vector.self, from: JSONSerialization.data(withJSONObject: entry))
            let credentials = AWSCredentials(
                accessKeyID: entry["accessKeyId"] as? String ?? "", secretAccessKey: entry["secretAccessKey"] as? String ?? "",
                sessionToken: vector.sessionToken, source: "random")
            let signer = SigV4Signer(credentials: credentials, region: vector.region, service: vector.service)
            let date = try #require(AWSTimestamp.parseAmzDate(vector.date))
            let mine = signer.sign(vector.request, at: date)
            #expect(mine.canonicalRequest == expected["canonicalRequest"], "\(vector.name): path \(vector.path)")
            #expect(mine.signature == expected["signature"], "\(vector.name)")
            #expect(mine.authorization == expected["authorization"], "\(vector.name)")
        }
    }
}
