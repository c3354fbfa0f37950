/// A value that passed the shape, entropy, allowlist and context checks, before pairing.
struct Candidate {
    enum Kind: Equatable {
        case keyID(AWSKeyID.Kind)
        /// `contextual`: stands in an AWS context, so it is a finding even without a key ID.
        case secret(contextual: Bool)
        case token(contextual: Bool)
        /// An Amazon Bedrock API key: a finding on its own.
        case bedrockKey(longTerm: Bool)
    }

    var kind: Kind
    var value: String
    var line: Int
    var column: Int
    /// A key ID on a `credkit:allow` line: it still pairs, so the secret and token reported
    /// with it are allowed along with it, but nothing is reported.
    var allowed = false
    /// The first line of the block the value stands in (after a blank line or a closing
    /// brace, at most `MatchPlan.maximumBlockLines` up): values of one block pair.
    var blockStart: Int
    /// The decoders that revealed the value, outermost first; empty for plain text.
    var decoding: [ContentDecoder.Layer] = []
}
