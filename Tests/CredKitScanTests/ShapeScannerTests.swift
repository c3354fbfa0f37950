@testable import CredKitScan
import Foundation
import Testing

/// The byte scanners sample one byte in 20 or 40: cross-check them against the rules'
/// regular expressions on random documents full of near misses.
@Suite struct ShapeScannerTests {
    /// Random text made of words, punctuation, planted IDs, secrets and near misses.
    static func randomDocument(pieces: Int) -> String {
        var parts: [String] = []
        let punctuation = [" ", "\n", "=", "\"", ":", ",", "/", "+", "_", "-", ".", "'", "(", ")", "\t", "=="]
        for _ in 0..<pieces {
            switch Int.random(in: 0..<12) {
            case 0: parts.append(KeyFactory.keyID(["AKIA", "ASIA", "ABIA", "ACCA", "A3T", "AIDA"].randomElement()!))
            case 1: parts.append(KeyFactory.secret())
            case 2: parts.append(KeyFactory.random(KeyFactory.base64, count: Int.random(in: 35...45)))
            case 3: parts.append("AKIA" + KeyFactory.random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), count: Int.random(in: 14...18)))
            case 4: parts.append(KeyFactory.random(Array("abcdefghijklmnopqrstuvwxyz"), count: Int.random(in: 1...12)))
            case 5: parts.append(KeyFactory.random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), count: Int.random(in: 18...22)))
            default: break
            }
            parts.append(punctuation.randomElement()!)
        }
        return parts.joined()
    }

    static func regexSpans(_ pattern: String, in text: String) throws -> Set<Int> {
        let regex = try NSRegularExpression(pattern: pattern)
        let utf8 = Array(text.utf8)
        _ = utf8
        return Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let range = Range(match.range(at: 1), in: text)!
            return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        })
    }

    @Test("key ID spans equal the regex matches", arguments: 0..<20)
    func keyIDsAgreeWithRegex(seed: Int) throws {
        let text = Self.randomDocument(pieces: 400)
        let bytes = Array(text.utf8)
        var spans: [ShapeScanner.Span] = []
        bytes.withUnsafeBufferPointer {
            ShapeScanner.keyIDs($0.baseAddress!, count: $0.count, from: 0, acceptLimit: $0.count, isFinal: true, into: &spans)
        }
        // The scanner finds shapes; prefixes are checked after. Keep credential and unique prefixes.
        let found = Set(spans.filter { span in
            bytes[span.start..<span.end].withUnsafeBytes { AWSKeyID.kind(of: $0) != nil }
        }.map(\.start))
        let expected = try Self.regexSpans(Rule.accessKeyID.pattern, in: text).union(Self.regexSpans(Rule.uniqueID.pattern, in: text))
        #expect(found == expected)
    }

    @Test("40-character runs equal the regex matches", arguments: 0..<20)
    func secretsAgreeWithRegex(seed: Int) throws {
        let text = Self.randomDocument(pieces: 400)
        let bytes = Array(text.utf8)
        var spans: [ShapeScanner.Span] = []
        bytes.withUnsafeBufferPointer {
            ShapeScanner.base64Runs($0.baseAddress!, count: $0.count, from: 0, acceptLimit: $0.count, isFinal: true,
                                    secrets: true, tokens: false, tokenMinimum: 100, into: &spans)
        }
        let found = Set(spans.map(\.start))
        #expect(found == (try Self.regexSpans(Rule.secretAccessKey.pattern, in: text)))
    }

    /// Maximal base64 runs found byte by byte, as a reference for the four-cursor scanner.
    static func naiveRuns(_ bytes: [UInt8], from scanFrom: Int, minimum: Int) -> [Range<Int>] {
        let inClass = { (b: UInt8) in ByteClass.table[Int(b)] & ByteClass.base64 != 0 }
        var runs: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard inClass(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, inClass(bytes[end]) { end += 1 }
            if end - index >= minimum, index >= scanFrom { runs.append(index..<end) }
            index = end
        }
        return runs
    }

    @Test("runs across the cursors' parts are found once", arguments: 0..<12)
    func runsAcrossParts(seed: Int) {
        // Filler, with runs of 40 to 400 bytes planted across each quarter point, and one
        // document that is a single run.
        var bytes = Array(Self.randomDocument(pieces: 300 + seed * 50).utf8)
        let lengths = [40, 41, 63, 64, 65, 100, 400]
        for quarter in 1...3 {
            let length = lengths[(seed + quarter) % lengths.count]
            let at = max(0, bytes.count * quarter / 4 - Int.random(in: 0...length))
            let run = KeyFactory.random(KeyFactory.base64, count: length).utf8
            bytes.replaceSubrange(at..<min(bytes.count, at + length), with: [0x20] + run + [0x20])
        }
        if seed == 0 { bytes = Array(KeyFactory.random(KeyFactory.base64, count: 5000).utf8) }
        let scanFrom = seed % 3 == 0 ? 0 : Int.random(in: 0..<(bytes.count / 3))
        var spans: [ShapeScanner.Span] = []
        bytes.withUnsafeBufferPointer {
            ShapeScanner.base64Runs($0.baseAddress!, count: $0.count, from: scanFrom, acceptLimit: $0.count, isFinal: true,
                                    secrets: true, tokens: true, tokenMinimum: 41, into: &spans)
        }
        // With tokenMinimum 41 every run is reported: 40 bytes (not followed by `=`) as a
        // secret, longer as a token, whose end takes up to two `=` but not a third.
        let equals = UInt8(ascii: "=")
        let expected = Self.naiveRuns(bytes, from: scanFrom, minimum: 40).filter { run in
            var end = run.upperBound
            if run.count > 40 { while end < bytes.count, end - run.upperBound < 2, bytes[end] == equals { end += 1 } }
            return end == bytes.count || bytes[end] != equals
        }
        #expect(spans.map(\.start) == expected.map(\.lowerBound))
        #expect(spans.map { $0.kind == .secret } == expected.map { $0.count == 40 })
    }

    /// Pieces glued together without separators, so key IDs end up inside longer Base64 runs,
    /// next to escapes and to each other.
    static func gluedDocument(pieces: Int) -> [UInt8] {
        var text = ""
        for _ in 0..<pieces {
            switch Int.random(in: 0..<14) {
            case 0: text += KeyFactory.keyID(["AKIA", "ASIA", "AIDA"].randomElement()!)
            case 1: text += " \(KeyFactory.keyID()) "
            case 2: text += [" \(KeyFactory.secret()) ", KeyFactory.secret()].randomElement()!
            case 3: text += KeyFactory.random(KeyFactory.base64, count: Int.random(in: 15...60))
            case 4: text += KeyFactory.random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), count: Int.random(in: 18...25))
            case 5: text += KeyFactory.random(Array("abcdefghijklmnopqrstuvwxyz"), count: Int.random(in: 1...12))
            case 6: text += ["\\n", "\\u0022", "\\u002B", "\\x22", "\\/"].randomElement()!
            case 7: text += KeyFactory.sessionToken()
            default: text += [" ", "\n", "=", "==", "/", "+", "_", "\"", ":"].randomElement()!
            }
        }
        return Array(text.utf8)
    }

    @Test("the one-pass scan finds what the key ID and Base64 passes find", arguments: 0..<40)
    func onePassAgreesWithTwoPasses(seed: Int) {
        var bytes = Self.gluedDocument(pieces: 200 + seed * 20)
        // One run filling the document, and one ending where the document ends.
        if seed == 1 { bytes = Array(KeyFactory.random(KeyFactory.base64, count: 5000 + seed).utf8) }
        if seed == 5 { bytes += Array(KeyFactory.random(KeyFactory.base64, count: 150).utf8) }
        let scanFrom = seed % 4 == 0 ? 0 : Int.random(in: 0..<(bytes.count / 2))
        let acceptLimit = seed % 3 == 0 ? bytes.count : Int.random(in: scanFrom...bytes.count)
        let isFinal = seed % 2 == 0
        for encodedMinimum in [nil, ContentDecoder.base64Minimum] {
            for tokenMinimum in [41, 100] {
                var separate: [ShapeScanner.Span] = [], separateEncoded: [ShapeScanner.Span] = []
                var joint: [ShapeScanner.Span] = [], jointEncoded: [ShapeScanner.Span] = []
                var keyCount = 0, jointKeyCount = 0
                bytes.withUnsafeBufferPointer {
                    let start = $0.baseAddress!
                    ShapeScanner.keyIDs(start, count: $0.count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal,
                                        into: &separate)
                    keyCount = separate.count
                    ShapeScanner.base64Runs(start, count: $0.count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal,
                                            secrets: true, tokens: true, tokenMinimum: tokenMinimum, into: &separate,
                                            encodedMinimum: encodedMinimum, encoded: &separateEncoded)
                    jointKeyCount = ShapeScanner.keyIDsAndBase64Runs(
                        start, count: $0.count, from: scanFrom, acceptLimit: acceptLimit, isFinal: isFinal, secrets: true,
                        tokens: true, tokenMinimum: tokenMinimum, into: &joint, encodedMinimum: encodedMinimum,
                        encoded: &jointEncoded)
                }
                #expect(joint == separate)
                #expect(jointKeyCount == keyCount)
                #expect(jointEncoded == separateEncoded)
                // The whole document accepted: its spaced key IDs and values are found.
                if scanFrom == 0, isFinal, acceptLimit == bytes.count {
                    #expect(keyCount > 0 && separate.count > keyCount)
                }
            }
        }
    }

    @Test("a document scanned in windows gives what it gives in one piece")
    func windowsAgreeWithWholeDocument() throws {
        // Lines of random length, keys near every window boundary, one very long line.
        var text = ""
        let window = DocumentScanner.windowSize
        var planted = 0
        while text.utf8.count < 3 * window + 100_000 {
            let target = (text.utf8.count / window + 1) * window
            let distance = target - text.utf8.count
            if distance < 300, distance > 0 {
                text += "aws_access_key_id=\(KeyFactory.keyID()) secret: aws_secret_access_key=\(KeyFactory.secret())\n"
                planted += 1
            } else if Int.random(in: 0..<2000) == 0 {
                text += String(repeating: "x", count: 20_000) + " \(KeyFactory.keyID()) " + String(repeating: "y", count: 30_000) + "\n"
                planted += 1
            } else {
                text += KeyFactory.random(Array("abcdefghij klmnopqrstuvwxyz=,"), count: Int.random(in: 0...120)) + "\n"
            }
        }
        text += String(repeating: "z", count: window + 5000) + " \(KeyFactory.keyID())"
        let bytes = Array(text.utf8)
        let scanner = SecretScanner()
        let whole = scanner.scan(bytes: bytes, file: "f")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("credkit-windows-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let streamed = try scanner.scan(paths: [url.path]).findings.map { $0.with(file: "f", commit: nil) }
        #expect(whole.count >= planted)
        #expect(streamed == whole)
    }
}
