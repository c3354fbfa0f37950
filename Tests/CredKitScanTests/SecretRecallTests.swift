import CredKitCrypto
@testable import CredKitScan
import Foundation
import Testing

/// The secret rule's precision checks (entropy floor, mixed case, dictionary words) must not
/// cost recall: every uniformly random 40-character Base64 value in AWS context is reported.
/// `CREDKIT_RECALL_SECRETS=1000000` runs the million of issue 13.
@Suite struct SecretRecallTests {
    static var count: Int { ProcessInfo.processInfo.environment["CREDKIT_RECALL_SECRETS"].flatMap(Int.init) ?? 100_000 }

    @Test("issue 13: 100% recall on random secrets (100,000 per run)")
    func randomSecretsAreAllFound() throws {
        let n = Self.count
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        // 64 symbols: the low 6 bits of a random byte pick one uniformly.
        let random = try SecureRandom.bytes(count: n * 40)
        var text = [UInt8]()
        text.reserveCapacity(n * 65)
        let prefix = Array("aws_secret_access_key = ".utf8)
        for index in 0..<n {
            text += prefix
            for offset in 0..<40 { text.append(alphabet[Int(random[index * 40 + offset] & 63)]) }
            text.append(0x0a)
        }
        let findings = SecretScanner().scan(bytes: text)
        let missed = Set(1...n).subtracting(findings.map(\.line)).sorted()
        let values = missed.prefix(5).map { line -> String in
            let start = (line - 1) * 65 + prefix.count
            return String(decoding: text[start..<(start + 40)], as: UTF8.self)
        }
        #expect(missed.isEmpty, "missed \(missed.count) of \(n), such as \(values)")
        #expect(findings.count == n)
    }

    @Test("issue 13: identifiers, URL runs and class paths are mostly words", arguments: [
        ("EnablePropagateAdditionalUserContextData", 40),
        ("com/AmazonRDS/latest/AuroraUserGuide/rds", 36),
        ("com/AmazonS3/latest/dev/ObjectOperations", 34),
        ("com/IAM/latest/UserGuide/MFAProtectedAPI", 36),
        ("com/appconfig/latest/userguide/deploying", 36),
        ("com/amazonaws/services/s3/AmazonS3Client", 32),
    ])
    func wordsAreCounted(value: String, characters: Int) {
        #expect(WordSegmentation.wordCharacters(Array(value.utf8)) == characters)
    }

    @Test("a random secret holds almost no words")
    func randomSecretsHoldFewWords() {
        for _ in 0..<2_000 {
            let value = KeyFactory.random(KeyFactory.base64, count: 40)
            #expect(WordSegmentation.wordCharacters(Array(value.utf8)) < 16, "\(value)")
        }
    }

    @Test("issue 13: a value with one case of letters is not a secret, in context or paired")
    func singleCaseIsNotASecret() {
        let lower = KeyFactory.random(Array("abcdefghijklmnopqrstuvwxyz0123456789+/"), count: 40)
        let upper = KeyFactory.random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/"), count: 40)
        for value in [lower, upper] where ShannonEntropy.bitsPerByte(value) >= 4 {
            let findings = SecretScanner().scan(text: "aws_access_key_id = \(KeyFactory.keyID())\naws_secret_access_key = \(value)\n")
            #expect(findings.count == 1)
            #expect(findings.first?.pairedSecret == nil, "\(value)")
        }
    }
}
