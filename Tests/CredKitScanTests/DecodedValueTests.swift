@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

/// Values under encodings (issue 13): where they are reported, the decoding path, and the
/// decoder's limits at and one past.
@Suite struct DecodedValueTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func scan(_ text: String, decodes: Bool = true) -> [Finding] {
        var configuration = ScanConfiguration()
        configuration.decodes = decodes
        return SecretScanner(configuration: configuration).scan(text: text, file: "f")
    }

    @Test("a Kubernetes Secret's data is decoded and reported at its line and column")
    func kubernetesSecret() throws {
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        let text = """
        apiVersion: v1
        kind: Secret
        data:
          AWS_ACCESS_KEY_ID: \(Self.base64(key))
          AWS_SECRET_ACCESS_KEY: \(Self.base64(secret))
        """
        let findings = Self.scan(text)
        let finding = try #require(findings.first { $0.ruleID == "aws-access-key-id" })
        #expect(finding.secret == key)
        #expect(finding.line == 4 && finding.column == 22)
        #expect(finding.decoding == "base64")
        #expect(finding.pairedSecret?.secret == secret)
        #expect(finding.pairedSecret?.line == 5)
        #expect(finding.pairedSecret?.decoding == "base64")
        #expect(Self.scan(text, decodes: false).isEmpty, "--no-decode scans plain text only")
    }

    @Test("a whole credentials file in Base64 gives its pair")
    func credentialsFileBlob() throws {
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        let file = "[default]\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\n"
        let findings = Self.scan("setup:\n  credentials: \"\(Self.base64(file))\"\n")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.secret == key && finding.pairedSecret?.secret == secret)
        #expect(finding.line == 2 && finding.column == 17 && finding.decoding == "base64")
    }

    @Test("a key inside a JWT payload (base64url, no padding)")
    func jwtPayload() throws {
        let key = KeyFactory.keyID()
        let findings = Self.scan("Authorization: Bearer \(KeyFactory.jwt(carrying: key))\n")
        let finding = try #require(findings.first)
        #expect(finding.secret == key && finding.decoding == "base64" && finding.line == 1)
    }

    @Test("percent-encoded key and secret (%3D, %2B, %2F) pair, reported at their own columns")
    func percentEncoded() throws {
        let key = KeyFactory.keyID()
        let secret = "ab/" + KeyFactory.secret().dropFirst(6) + "+cd"
        let encoded = secret.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
        let prefix = "url: https://b.example.invalid/o?AWSAccessKeyId%3D"
        let text = "\(prefix)\(key)%26Signature%3Dx%26aws_secret_access_key%3D\(encoded)\n"
        let finding = try #require(Self.scan(text).first)
        #expect(finding.secret == key && finding.decoding == "percent")
        #expect(finding.column == prefix.utf8.count + 1)
        #expect(finding.pairedSecret?.secret == secret)
    }

    @Test("JSON escapes: \\n before a key, \\/ inside a secret")
    func escapes() throws {
        let key = KeyFactory.keyID()
        let secret = "ab/" + KeyFactory.secret().dropFirst(3)
        let text = #"{"log": "id\n\#(key)\n", "SecretAccessKey": "\#(secret.replacingOccurrences(of: "/", with: #"\/"#))"}"#
        let finding = try #require(Self.scan(text).first)
        #expect(finding.secret == key && finding.decoding == nil, "the key stands in plain text")
        #expect(finding.column == 14)
        #expect(finding.pairedSecret?.secret == secret && finding.pairedSecret?.decoding == "escape")
    }

    @Test("percent encoding inside Base64 reports both layers, outermost first")
    func nestedPath() throws {
        let key = KeyFactory.keyID()
        let finding = try #require(Self.scan("blob = \(Self.base64("u=x%3D\(key)%26y=1 and some padding text"))\n").first)
        #expect(finding.secret == key && finding.decoding == "base64 > percent")
    }

    @Test("maximumLayers Base64 layers are decoded; one more is not")
    func layerLimit() {
        let key = KeyFactory.keyID()
        func wrapped(_ layers: Int) -> String {
            var text = "aws_access_key_id = \(key)"
            for _ in 0..<layers { text = "v: " + Self.base64(text) }
            return text + "\n"
        }
        let atLimit = Self.scan(wrapped(ContentDecoder.maximumLayers))
        #expect(atLimit.first?.secret == key)
        #expect(atLimit.first?.decoding == Array(repeating: "base64", count: ContentDecoder.maximumLayers).joined(separator: " > "))
        #expect(Self.scan(wrapped(ContentDecoder.maximumLayers + 1)).isEmpty)
    }

    @Test("a key ending at maximumRunBytes of a run is decoded; one byte later is not")
    func runLimit() {
        let key = KeyFactory.keyID()
        // Base64 maps 3 bytes to 4 characters: a key ending at decoded byte 3n ends at
        // encoded byte 4n, so `maximumRunBytes` encoded bytes hold exactly `3/4` of it decoded.
        let decodedLimit = ContentDecoder.maximumRunBytes / 4 * 3
        func text(keyEndsAt end: Int) -> String {
            let line = " aws_access_key_id = \(key)"
            let filler = String(repeating: "word ", count: (end - line.utf8.count) / 5)
                + String(repeating: "x", count: (end - line.utf8.count) % 5)
            return "v: " + Self.base64(filler + line + " and after it some more words to read") + "\n"
        }
        #expect(Self.scan(text(keyEndsAt: decodedLimit)).first?.secret == key)
        #expect(Self.scan(text(keyEndsAt: decodedLimit + 3)).isEmpty)
    }

    @Test("a run starting just before a window's edge is decoded as far as in one piece")
    func runAtWindowEdge() throws {
        let key = KeyFactory.keyID()
        // One long line: the first window accepts values starting before its end less
        // `overlap`, at `windowSize + contextSize`; the run starts just before that and holds
        // the key near `maximumRunBytes`, past the window's end were `overlap` shorter.
        let line = " aws_access_key_id = \(key)"
        let filler = String(repeating: "word ", count: (ContentDecoder.maximumRunBytes / 4 * 3 - line.utf8.count - 100) / 5)
        let start = DocumentScanner.windowSize + DocumentScanner.contextSize - 10
        let text = String(repeating: "x", count: start - 1) + " " + Self.base64(filler + line + " and more")
            + " " + String(repeating: "y", count: 100_000) + "\n"
        let whole = Self.scan(text)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("credkit-edge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        let streamed = try SecretScanner().scan(paths: [url.path]).findings.map { $0.with(file: "f", commit: nil) }
        #expect(whole.first?.secret == key)
        #expect(streamed == whole)
    }

    @Test("decoding stops after maximumDocumentBytes decoded bytes in a document")
    func documentLimit() {
        let key = KeyFactory.keyID()
        let chunk = 3 * 1024
        let runs = ContentDecoder.maximumDocumentBytes / chunk
        let keyRun = "v: " + Self.base64("aws_access_key_id = \(key)") + "\n"
        func text(spent: Int) -> String {
            var out = String(repeating: "v: " + Self.base64(String(repeating: "some words ", count: chunk / 11)
                + String(repeating: ".", count: chunk % 11)) + "\n", count: spent / chunk)
            let rest = spent % chunk
            if rest > 0 { out += "v: " + Self.base64(String(repeating: "z", count: rest)) + "\n" }
            return out + keyRun
        }
        #expect(runs * chunk <= ContentDecoder.maximumDocumentBytes)
        #expect(Self.scan(text(spent: ContentDecoder.maximumDocumentBytes - 1)).first?.secret == key)
        #expect(Self.scan(text(spent: ContentDecoder.maximumDocumentBytes)).isEmpty)
        // A file scan says when the budget ran out, and only then.
        let folder = try? TemporaryDirectory("credkit-decode-budget")
        defer { folder?.remove() }
        for (spent, warns) in [(ContentDecoder.maximumDocumentBytes - 1, false), (ContentDecoder.maximumDocumentBytes, true)] {
            guard let folder else { Issue.record("no temporary directory"); return }
            try? text(spent: spent).write(toFile: folder.path("encoded.yaml"), atomically: true, encoding: .utf8)
            let result = try? SecretScanner().scan(paths: [folder.url.path])
            let warnings = result?.warnings.map(\.description) ?? []
            #expect(warnings.contains { $0.hasSuffix("encoded.yaml: decoded 4 MiB of encoded text, the limit per file; "
                + "the rest was scanned as plain text only (--no-decode silences this)") } == warns, "\(warnings)")
            #expect(result?.findings.isEmpty == warns)
        }
    }

    @Test("decoded text that is not a key is no finding", arguments: [
        "blob: " + Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }).base64EncodedString(),
        "doc: " + Data("The quick brown fox jumps over the lazy dog, again and again.".utf8).base64EncodedString(),
        "url: https://example.invalid/search?q=aws%20secret%20access%20key%3D&lang=en",
        #"{"path": "aws\/secret\/access\/key\/rotation\/guide\/for\/teams"}"#,
        "example: " + Data("aws_access_key_id = AKIAIOSFODNN7EXAMPLE".utf8).base64EncodedString(),
        "digest: " + String(repeating: "0123456789abcdef", count: 4),
    ])
    func negativeSamples(_ text: String) {
        #expect(Self.scan(text).isEmpty)
    }

    @Test("a secret pairs with a key up to maximumBlockLines - 1 lines below in one block; not further")
    func blockLimit() {
        let key = KeyFactory.keyID(), secret = KeyFactory.secret()
        func text(_ gap: Int) -> String {
            "id = \(key)\n" + (1..<gap).map { "field\($0) = \($0)\n" }.joined() + "value = \(secret)\n"
        }
        let within = Self.scan(text(MatchPlan.maximumBlockLines - 1))
        #expect(within.first?.pairedSecret?.secret == secret)
        #expect(within.first?.pairedSecret?.line == MatchPlan.maximumBlockLines)
        #expect(Self.scan(text(MatchPlan.maximumBlockLines)).first?.pairedSecret == nil)
        // A blank line or a closing brace ends the block.
        let split = "id = \(key)\na = 1\nb = 2\nc = 3\nd = 4\ne = 5\n}\nvalue = \(secret)\n"
        #expect(Self.scan(split).first?.pairedSecret == nil)
    }

    @Test("every report format names the decoding path")
    func reporters() throws {
        let key = KeyFactory.keyID()
        let findings = Self.scan("data:\n  AWS_ACCESS_KEY_ID: \(Self.base64(key))\n")
        #expect(findings.count == 1)
        #expect(TextReporter().render(findings).contains("(decoded: base64)"))
        #expect(JSONReporter().render(findings).contains(#""decoding": "base64""#))
        #expect(SARIFReporter().render(findings).contains(#""decoding": "base64""#))
        #expect(GitHubReporter().render(findings).contains("(decoded: base64)"))
        #expect(!JSONReporter().render(findings).contains(key), "redacted unless asked")
    }

    @Test("Amazon Bedrock API keys: long-term and short-term, structurally checked")
    func bedrock() throws {
        let long = KeyFactory.bedrockLongTermKey()
        let found = Self.scan("AWS_BEARER_TOKEN_BEDROCK=\(long)\n")
        #expect(found.map(\.ruleID) == ["aws-bedrock-api-key"])
        #expect(found.first?.secret == long && found.first?.column == 26)
        let short = "bedrock-api-key-" + KeyFactory.bedrockShortTermBody()
        let shortFindings = Self.scan("token = \"\(short)\"\n")
        #expect(shortFindings.contains { $0.ruleID == "aws-bedrock-short-term-api-key" && $0.secret == short && $0.column == 10 })
        // Random Base64 after ABSK is not a key.
        #expect(Self.scan("k=ABSK" + KeyFactory.random(KeyFactory.base64, count: 120) + "\n").isEmpty)
    }
}
