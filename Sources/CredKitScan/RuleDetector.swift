/// The byte-level scanner behind a rule.
enum RuleDetector: Sendable, Hashable {
    /// 20-character key IDs with a credential prefix (`AKIA`, `ASIA`, ...).
    case accessKeyID
    /// 20-character unique IDs (`AIDA`, `AROA`, ...).
    case uniqueID
    /// 40-character secret access keys, in AWS context or near a key ID.
    case secretAccessKey
    /// Long Base64 session tokens, in context or next to an `ASIA` key.
    case sessionToken
    /// Long-term Amazon Bedrock API keys (`ABSK` + Base64 of `BedrockAPIKey-...-at-<account>:<secret>`).
    case bedrockLongTermKey
    /// Short-term Amazon Bedrock API keys (`bedrock-api-key-` + Base64 of a presigned URL).
    case bedrockShortTermKey
}
