/// The weakest password found that a policy accepts: proof of the policy's realistic floor.
public struct WeakestCompliantPassword: Hashable, Sendable {
    /// The example: a generated, well-known pattern, not anyone's password.
    public let example: String
    /// zxcvbn's estimate for it.
    public let estimate: StrengthEstimate
    /// How many distinct candidates were generated.
    public let candidatesTried: Int
    /// How many of them the policy accepts.
    public let compliantCandidates: Int
    /// How many compliant candidates zxcvbn scores below 3.
    public let weakCompliantCandidates: Int
}
