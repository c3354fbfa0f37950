/// A detection rule, as data: what it looks for, how a match is confirmed, and samples that
/// pin its behaviour.
///
/// `pattern` is the specification of a match (an ICU regular expression whose first capture
/// group is the secret). The scanner runs hand-written byte scanners with the same meaning,
/// which tests cross-check against `pattern`.
///
/// Samples are templates: `{AKIA}`, `{ASIA}`, `{ABIA}`, `{ACCA}`, `{A3T}` and `{AIDA}`-style
/// placeholders stand for a freshly generated ID with that prefix, `{SECRET}` for a generated
/// 40-character secret access key, `{TOKEN}` for a generated session token and `{HEX40}` for
/// 40 random hex digits. Nothing key-shaped is written into the source.
public struct Rule: Sendable, Hashable, Identifiable {
    /// A stable identifier: `aws-access-key-id`.
    public let id: String
    /// One line for humans.
    public let description: String
    /// Whether a finding fails the scan.
    public let severity: Severity
    /// Whether the rule runs without being enabled in the configuration.
    public let enabledByDefault: Bool
    /// The regular expression a match satisfies; capture group 1 is the secret.
    public let pattern: String
    /// Context words, compared with the line folded to lowercase letters and digits
    /// (`AWS_SECRET_ACCESS_KEY` folds to `awssecretaccesskey`): a value whose line holds one
    /// stands in context. For secret access keys the first word is enough on its own and
    /// the others also need an AWS word (`aws`, `amazon`) on the line, or on a heading line
    /// (one without `key`, `secret` or `token`) up to 3 lines above.
    public let keywords: [String]
    /// Literal starts that mark a value without any context (key ID prefixes, the
    /// Base64 headers of STS session tokens).
    public let prefixes: [String]
    /// Minimum Shannon entropy of the secret in bits per character (for key IDs, of the 16
    /// characters after the prefix); lower values are placeholders (`AKIAXXXXXXXXXXXXXXXX`).
    /// Floors sit far below what random values reach (16 random Base32 characters: 2.4 at
    /// the lowest in 200,000 draws; 40 random Base64 characters: 4.2 in 50,000).
    public let entropyFloor: Double
    /// Whether a value needs both an uppercase and a lowercase letter. A random 40-character
    /// Base64 value lacks one with probability 2 x (38/64)^40, about 2 in a billion;
    /// lowercase paths and upper-case constants always do.
    public let requiresMixedCase: Bool
    /// A value with at least this many characters in dictionary words is text, not a secret
    /// (`EnablePropagateAdditionalUserContextData`, `com/AmazonRDS/latest/AuroraUserGuide/rds`);
    /// see `WordSegmentation`. nil: not checked.
    public let textWordCharacters: Int?
    /// Exact values that are never findings (documented examples).
    public let allowedValues: [String]
    /// Regular expressions: a secret that contains a match is never a finding.
    public let allowedPatterns: [String]
    /// Sample templates that must produce a finding of this rule.
    public let samples: [String]
    /// Sample templates that must not produce a finding of this rule.
    public let falseAlarms: [String]
    /// How the scanner finds candidates for the rule.
    let detector: RuleDetector

    init(
        id: String, description: String, severity: Severity, enabledByDefault: Bool,
        pattern: String, keywords: [String] = [], prefixes: [String] = [], entropyFloor: Double,
        requiresMixedCase: Bool = false, textWordCharacters: Int? = nil,
        allowedValues: [String] = [], allowedPatterns: [String] = [],
        samples: [String], falseAlarms: [String], detector: RuleDetector
    ) {
        self.id = id
        self.description = description
        self.severity = severity
        self.enabledByDefault = enabledByDefault
        self.pattern = pattern
        self.keywords = keywords
        self.prefixes = prefixes
        self.entropyFloor = entropyFloor
        self.requiresMixedCase = requiresMixedCase
        self.textWordCharacters = textWordCharacters
        self.allowedValues = allowedValues
        self.allowedPatterns = allowedPatterns
        self.samples = samples
        self.falseAlarms = falseAlarms
        self.detector = detector
    }
}
