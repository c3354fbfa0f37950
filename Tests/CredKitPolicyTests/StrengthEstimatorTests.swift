import CredKitPolicy
import Foundation
import Testing

/// zxcvbn results come from the C library; these tests check relations, not numbers.
@Suite("zxcvbn strength")
struct StrengthEstimatorTests {
    let estimator = StrengthEstimator()

    @Test(arguments: ["Password123!", "P@ssw0rd", "Summer2025!", "qwerty123", "letmein", "PasswordPassword1!", "Welcome1!"])
    func commonPatternsScoreBelowThree(_ password: String) throws {
        let estimate = try estimator.estimate(password)
        #expect(estimate.score < 3, "\(password): \(estimate.bits) bits")
    }

    @Test(arguments: ["tundra-mosaic-lantern-quiver-obelisk", "correct horse battery staple violet", "xK9#mQ2$vL7@nR4!wT5&"])
    func longRandomPassphrasesScoreFour(_ password: String) throws {
        #expect(try estimator.estimate(password).score == 4)
    }

    @Test func longerRandomIsStronger() throws {
        let short = try estimator.estimate("kq7Rz")
        let long = try estimator.estimate("kq7Rzw2Lx9Vb")
        #expect(long > short)
        #expect(try estimator.estimate("") == StrengthEstimate(bits: 0))
    }

    @Test func userInputsMakeAPasswordWeaker() throws {
        let plain = try estimator.estimate("Zorblax2025!")
        let personal = try StrengthEstimator(userInputs: ["zorblax"]).estimate("Zorblax2025!")
        #expect(personal.bits < plain.bits)
    }

    @Test func byteAndStringFormsAgree() throws {
        let bytes = Array("Tr0ub4dor&3".utf8)
        #expect(try estimator.estimate(bytes) == estimator.estimate("Tr0ub4dor&3"))
    }

    @Test func nulByteIsRefusedNotTruncated() {
        let error = #expect(throws: PolicyError.self) { try estimator.estimate([0x61, 0x00, 0x62]) }
        #expect(error?.code == .invalidPassword)
    }

    @Test(arguments: [(0.0, 0), (9.99, 0), (10.0, 1), (19.9, 1), (20.0, 2), (26.5, 2), (26.6, 3), (33.1, 3), (33.2, 4), (80, 4)])
    func scoreThresholdsInBits(_ bits: Double, _ score: Int) {
        #expect(StrengthEstimate(bits: bits).score == score)
    }

    @Test func guessesArePowersOfTwo() {
        let estimate = StrengthEstimate(bits: 20)
        #expect(estimate.guesses == 1_048_576)
        #expect(abs(estimate.log10Guesses - 20 * log10(2.0)) < 1e-12)
        #expect(estimate.secondsToGuess(atGuessesPerSecond: 1_048_576) == 0.5)
    }
}
