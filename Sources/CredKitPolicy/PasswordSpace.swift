/// How many passwords of one length satisfy a set of composition rules, over IAM's four
/// character types (26 uppercase, 26 lowercase, 10 digits, 20 symbols: 82 characters).
public struct PasswordSpace: Hashable, Sendable {
    /// The password length counted.
    public let length: Int
    /// The exact count, in decimal.
    public let count: String
    /// log2 of the count: the policy's best-case entropy in bits, if passwords were random.
    public let bits: Double

    /// The alphabet size: the four character types together.
    public static let alphabetSize = CharacterType.allCases.reduce(0) { $0 + $1.size }

    /// Counts strings of `length` characters that contain every type in `required` and at
    /// least `minimumTypes` distinct types.
    public init(length: Int, required: Set<CharacterType>, minimumTypes: Int = 0) {
        self.length = length
        let total = Self.count(length: length, required: required, minimumTypes: minimumTypes)
        count = total.decimal
        bits = total.log2
    }

    /// The smallest space a policy allows: passwords of its minimum length.
    public init(policy: PasswordPolicy) {
        self.init(length: policy.minimumLength, required: policy.requiredTypes,
                  minimumTypes: policy.minimumCharacterTypes)
    }

    /// Sums, over every set T of types a password could use exactly, the strings that use
    /// exactly T; each of those is counted by inclusion-exclusion over T's subsets.
    static func count(length: Int, required: Set<CharacterType>, minimumTypes: Int) -> UnsignedBigInt {
        let types = CharacterType.allCases
        var positive = UnsignedBigInt(), negative = UnsignedBigInt()
        for exact in 1..<(1 << types.count) {
            let exactTypes = Set(types.indices.filter { exact & (1 << $0) != 0 }.map { types[$0] })
            guard required.isSubset(of: exactTypes), exactTypes.count >= minimumTypes else { continue }
            // Subsets U of T: (-1)^(|T|-|U|) * |U's alphabet|^length.
            var subset = exact
            while true {
                let size = types.indices.filter { subset & (1 << $0) != 0 }.reduce(0) { $0 + types[$1].size }
                let term = UnsignedBigInt.power(UInt32(size), length)
                if (exact.nonzeroBitCount - subset.nonzeroBitCount) % 2 == 0 {
                    positive = positive + term
                } else {
                    negative = negative + term
                }
                if subset == 0 { break }
                subset = (subset - 1) & exact
            }
        }
        return positive - negative
    }
}
