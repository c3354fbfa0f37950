import CredKitPolicy
import CredKitTestSupport
import Foundation
import Testing

/// The password-space count, against two independent computations: Python's big integers
/// with a dynamic programme over the set of character types seen, and brute force.
@Suite("Password space")
struct PasswordSpaceTests {
    /// Python: count strings by the set of types they contain, one character at a time.
    static let dynamicProgramme = """
    import sys, math
    sizes = [26, 26, 10, 20]  # uppercase, lowercase, number, symbol
    for line in sys.stdin:
        length, required, minimum = (int(x) for x in line.split())
        states = {0: 1}
        for _ in range(length):
            following = {}
            for mask, count in states.items():
                for index, size in enumerate(sizes):
                    key = mask | (1 << index)
                    following[key] = following.get(key, 0) + count * size
            states = following
        total = sum(c for m, c in states.items() if m & required == required and bin(m).count("1") >= minimum)
        print(total, "%.9f" % math.log2(total))
    """

    static let cases: [(Int, Set<CharacterType>, Int)] = [
        (8, [], 0), (8, [], 3), (6, [.number], 0), (14, [.uppercase, .lowercase, .number, .symbol], 0),
        (12, [.symbol], 2), (7, [.lowercase, .number], 0), (15, [], 0), (20, [.uppercase], 4),
        (128, [.uppercase, .lowercase, .number, .symbol], 0), (128, [], 3), (1, [], 0), (3, [.symbol, .number], 0),
    ]

    static func mask(_ types: Set<CharacterType>) -> Int {
        CharacterType.allCases.enumerated().reduce(0) { types.contains($1.element) ? $0 | (1 << $1.offset) : $0 }
    }

    @Test func matchesPythonDynamicProgramme() throws {
        try #require(ProcessRunner.isAvailable("python3"))
        let input = Self.cases.map { "\($0.0) \(Self.mask($0.1)) \($0.2)" }.joined(separator: "\n") + "\n"
        let result = try ProcessRunner.run("python3", ["-c", Self.dynamicProgramme], stdin: Data(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == Self.cases.count)
        for (index, (length, required, minimum)) in Self.cases.enumerated() {
            let parts = lines[index].split(separator: " ")
            let space = PasswordSpace(length: length, required: required, minimumTypes: minimum)
            #expect(space.count == String(parts[0]), "length \(length) required \(required) minimum \(minimum)")
            let bits = try #require(Double(parts[1]))
            #expect(abs(space.bits - bits) < 1e-9, "bits \(space.bits) vs \(bits)")
        }
    }

    /// Every string of up to three characters over IAM's 82, classified one by one.
    @Test(arguments: [
        (Set<CharacterType>(), 0), ([.uppercase], 0), ([.number, .symbol], 0), ([], 2), ([.lowercase], 3),
        ([.uppercase, .lowercase, .number], 0),
    ] as [(Set<CharacterType>, Int)])
    func matchesBruteForce(_ required: Set<CharacterType>, _ minimum: Int) {
        let alphabet = (0...127).map(UInt8.init).filter { CharacterType(byte: $0) != nil }
        #expect(alphabet.count == PasswordSpace.alphabetSize)
        #expect(alphabet.count == 82)
        let typeBits = alphabet.map { 1 << CharacterType.allCases.firstIndex(of: CharacterType(byte: $0)!)! }
        let requiredBits = Self.mask(required)
        for length in 1...3 {
            var count = 0
            var indices = [Int](repeating: 0, count: length)
            outer: while true {
                let present = indices.reduce(0) { $0 | typeBits[$1] }
                if present & requiredBits == requiredBits, present.nonzeroBitCount >= minimum { count += 1 }
                var position = length - 1
                while position >= 0 {
                    indices[position] += 1
                    if indices[position] < alphabet.count { continue outer }
                    indices[position] = 0
                    position -= 1
                }
                break
            }
            #expect(PasswordSpace(length: length, required: required, minimumTypes: minimum).count == String(count),
                    "length \(length)")
        }
    }

    @Test func noRulesIsAPlainPower() {
        // 82^8 = 2,044,140,858,654,976.
        let space = PasswordSpace(length: 8, required: [])
        #expect(space.count == "2044140858654976")
        #expect(abs(space.bits - 8 * log2(82.0)) < 1e-9)
    }

    @Test func compositionRulesShrinkTheSpace() throws {
        let plain = PasswordSpace(length: 14, required: [])
        let strict = PasswordSpace(policy: try PolicyVectorTests.policy("cis-compliant.json"))
        #expect(strict.length == 14)
        #expect(strict.bits < plain.bits)
        // ...but one more character is worth far more than all four rules.
        #expect(PasswordSpace(length: 15, required: []).bits > strict.bits + 6)
        // AWS's default: 8 characters, three of four types.
        #expect(PasswordSpace(policy: .awsDefault).bits < PasswordSpace(length: 8, required: []).bits)
    }
}
