import CredKitCrypto
import Foundation

/// Generates key-shaped values for tests: never real keys, always freshly random.
enum KeyFactory {
    static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func random(_ alphabet: [Character], count: Int) -> String {
        String((0..<count).map { _ in alphabet[Int(try! SecureRandom.uniform(below: UInt64(alphabet.count)))] })
    }

    /// A key ID with `prefix` (for `A3T`, a random fourth character) and a body that does not
    /// end in EXAMPLE, is not a legacy I/J ID unless asked, and decodes to a 12-digit account
    /// (one random body in eleven decodes to 13 digits, which the scanner reports as a note).
    static func keyID(_ prefix: String = "AKIA", legacy: Bool = false) -> String {
        var head = prefix
        if head.count == 3 { head += random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), count: 1) }
        while true {
            var body = random(base32, count: 16)
            if legacy {
                body = String(body.dropFirst()); body = (Bool.random() ? "I" : "J") + body
            } else if body.hasPrefix("I") || body.hasPrefix("J") || impossibleAccount(body) {
                continue
            }
            return head + body
        }
    }

    /// Whether a 16-character body decodes to an account of 13 digits.
    static func impossibleAccount(_ body: String) -> Bool {
        guard let decoded = try? Base32.decode(Array(body.utf8)), decoded.count >= 6 else { return false }
        let value = decoded.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (value & 0x7fff_ffff_ff80) >> 7 > 999_999_999_999
    }

    /// A key ID whose body encodes `account` (12 digits) with random filler bits.
    static func keyID(prefix: String = "AKIA", account: UInt64) throws -> String {
        while true {
            var bytes = try SecureRandom.bytes(count: 10)
            let random7 = UInt64(bytes[5] & 0x7f)
            let top = UInt64(bytes[0] & 0x80) << 40
            let value = top | (account << 7) | random7
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (5 - index))) }
            let body = Base32.encode(bytes)
            if body.hasPrefix("I") || body.hasPrefix("J") { continue }
            return prefix + body
        }
    }

    /// A 40-character secret access key with high entropy.
    static func secret() -> String {
        while true {
            let value = random(base64, count: 40)
            if ShannonEntropyProbe.ok(value, floor: 4.3) { return value }
        }
    }

    /// An STS-style session token: a known header and a long Base64 body.
    static func sessionToken() -> String { "IQoJb3JpZ2luX2Vj" + random(base64, count: 300) }

    /// Base64 text without a session token header.
    static func base64Blob() -> String { "Zm9v" + random(base64, count: 200) }

    /// A JWT (unsigned test header, random signature) whose payload holds `value`.
    static func jwt(carrying value: String) -> String {
        func url(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let header = url(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = url(Data(#"{"sub":"ci","aws_access_key_id":"\#(value)","iat":1700000000}"#.utf8))
        return header + "." + payload + "." + random(base64, count: 43).replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    /// A long-term Bedrock API key in AWS's documented shape: `ABSK` + Base64 of
    /// `BedrockAPIKey-<id>-at-<account>:<secret>`, every part random.
    static func bedrockLongTermKey() -> String {
        let user = "BedrockAPIKey-" + random(Array("abcdefghijklmnopqrstuvwxyz0123456789"), count: 4)
        let account = random(Array("0123456789"), count: 12)
        return "ABSK" + Data("\(user)-at-\(account):\(random(base64, count: 44))".utf8).base64EncodedString()
    }

    /// The Base64 of a presigned `CallWithBearerToken` URL with a generated temporary key, as
    /// short-term Bedrock API keys carry after `bedrock-api-key-`.
    static func bedrockShortTermBody() -> String {
        let url = "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=\(keyID("ASIA"))%2F20260101%2Fus-east-1%2Fbedrock%2Faws4_request"
            + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=\(sessionToken())"
            + "&X-Amz-Signature=\(random(Array("0123456789abcdef"), count: 64))&X-Amz-SignedHeaders=host&Version=1"
        return Data(url.utf8).base64EncodedString()
    }

    static func hex40() -> String { random(Array("0123456789abcdef"), count: 40) }

    /// Expands a rule sample template: `{AKIA}`, `{SECRET}`, `{TOKEN}`, `{HEX40}`, `{BASE64}`...
    /// Each placeholder occurrence gets a new value, except `{SECRET}` within one sample.
    static func expand(_ template: String) -> String {
        var text = template
        var secretValue = secret()
        if text.contains("{SECRET:") {
            // Escaped and percent-encoded forms need a `/` and a `+` to encode.
            secretValue = String(secretValue.prefix(10)) + "/" + secretValue.dropFirst(11).prefix(10) + "+"
                + secretValue.dropFirst(22)
        }
        text = text.replacingOccurrences(of: "{SECRET}", with: secretValue)
        text = text.replacingOccurrences(of: "{SECRET:ESCAPED}", with: secretValue.replacingOccurrences(of: "/", with: "\\/"))
        text = text.replacingOccurrences(
            of: "{SECRET:PERCENT}",
            with: secretValue.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F"))
        text = text.replacingOccurrences(of: "{ABSK}", with: bedrockLongTermKey())
        text = text.replacingOccurrences(of: "{BEDROCK}", with: "bedrock-api-key-" + bedrockShortTermBody())
        text = text.replacingOccurrences(of: "{BEDROCK_BODY}", with: bedrockShortTermBody())
        text = text.replacingOccurrences(of: "{TOKEN}", with: sessionToken())
        text = text.replacingOccurrences(of: "{HEX40}", with: hex40())
        text = text.replacingOccurrences(of: "{BASE64}", with: base64Blob())
        for prefix in ["AKIA", "ASIA", "ABIA", "ACCA", "A3T", "AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA"] {
            while let range = text.range(of: "{\(prefix)}") {
                text.replaceSubrange(range, with: keyID(prefix))
            }
        }
        // `{BASE64:...}` and `{JWT:...}` wrap what they hold once it is expanded, innermost first.
        while let open = [text.range(of: "{BASE64:", options: .backwards), text.range(of: "{JWT:", options: .backwards)]
            .compactMap({ $0 }).max(by: { $0.lowerBound < $1.lowerBound }),
            let close = text.range(of: "}", range: open.upperBound..<text.endIndex) {
            let inner = String(text[open.upperBound..<close.lowerBound])
            let encoded = text[open].hasPrefix("{JWT") ? jwt(carrying: inner) : Data(inner.utf8).base64EncodedString()
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: encoded)
        }
        precondition(text.range(of: #"\{[A-Z0-9_]+(:[^}]*)?\}"#, options: .regularExpression) == nil,
                     "unknown placeholder in sample template: \(template)")
        return text
    }
}

/// Keeps generated values clear of the scanner's entropy floors, which random values pass
/// with overwhelming probability anyway.
enum ShannonEntropyProbe {
    static func ok(_ value: String, floor: Double = 3.3) -> Bool {
        var counts: [Character: Int] = [:]
        for c in value { counts[c, default: 0] += 1 }
        let total = Double(value.count)
        let entropy = counts.values.reduce(0.0) { $0 - Double($1) / total * log2(Double($1) / total) }
        return entropy >= floor
    }
}
