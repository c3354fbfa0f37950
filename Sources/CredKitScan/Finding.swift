import CredKitCrypto

/// One leaked credential: where it is, which rule found it, and how to recognise it again.
///
/// `description` is redacted; the full value is only in `secret`.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// The rule that found the primary value.
    public let ruleID: String
    /// Whether it fails the scan.
    public let severity: Severity
    /// The file, relative to where the scan started (`-` for standard input).
    public let file: String
    /// 1-based line of the primary value.
    public let line: Int
    /// 1-based column (in bytes) of the primary value.
    public let column: Int
    /// The primary value in full (a key ID, or a secret found alone).
    public let secret: String
    /// The 12-digit AWS account decoded from a key ID, when it carries one (13 digits for a
    /// key ID that cannot be real; see `note`).
    public let account: String?
    /// Why an informational finding is not an error (`not a valid AWS key: impossible account`).
    public let note: String?
    /// The secret access key found with a key ID.
    public let pairedSecret: PairedSecret?
    /// The session token found with a temporary key ID.
    public let sessionToken: PairedSecret?
    /// The commit that added it, for history scans.
    public let commit: CommitInfo?
    /// How the value was encoded where it was found, outermost decoder first
    /// (`base64 > percent`); nil when it stood in plain text. `line` and `column` are those
    /// of the encoded run.
    public let decoding: String?
    /// Hex SHA-256 of `ruleID:secret`: stable across line moves, used by baselines.
    public let fingerprint: String
    /// What AWS said about the pair, when the user asked (`--verify`); nil otherwise.
    public var verification: Verification?

    /// Creates a finding and computes its fingerprint.
    public init(
        ruleID: String, severity: Severity, file: String, line: Int, column: Int, secret: String,
        account: String? = nil, pairedSecret: PairedSecret? = nil, sessionToken: PairedSecret? = nil,
        commit: CommitInfo? = nil, note: String? = nil, decoding: String? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.secret = secret
        self.account = account
        self.note = note
        self.pairedSecret = pairedSecret
        self.sessionToken = sessionToken
        self.commit = commit
        self.decoding = decoding
        self.fingerprint = Finding.fingerprint(ruleID: ruleID, secret: secret)
    }

    /// The fingerprint of a secret under a rule in one file: hex SHA-256 of
    /// `ruleID:secret:path`, the path as reported without a leading `./`. Baselines record it,
    /// so a value accepted in one file is still reported in any other.
    public var pathFingerprint: String { Finding.fingerprint(ruleID: ruleID, secret: secret, path: file) }

    /// Hex SHA-256 of `ruleID:secret:path` (`path` without a leading `./`).
    public static func fingerprint(ruleID: String, secret: String, path: String) -> String {
        let normalized = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return Hex.encode(Digest.hash(.sha256, ruleID + ":" + secret + ":" + normalized))
    }

    /// The fingerprint of a secret under a rule: hex SHA-256 of `ruleID:secret`.
    public static func fingerprint(ruleID: String, secret: String) -> String {
        Hex.encode(Digest.hash(.sha256, ruleID + ":" + secret))
    }

    /// The primary value masked for display.
    public var redacted: String { Redaction.redact(secret) }

    /// Every rule that contributed to the finding: the primary one and those of paired values.
    public var ruleIDs: [String] { [ruleID] + [pairedSecret?.ruleID, sessionToken?.ruleID].compactMap { $0 } }

    /// The same finding attributed to a commit and a file name.
    func with(file: String, commit: CommitInfo?) -> Finding {
        Finding(ruleID: ruleID, severity: severity, file: file, line: line, column: column, secret: secret,
                account: account, pairedSecret: pairedSecret, sessionToken: sessionToken, commit: commit, note: note,
                decoding: decoding)
    }

    public var description: String {
        var text = "\(file):\(line):\(column): \(ruleID) \(redacted)"
        if let account { text += " (account \(account))" }
        if let note { text += " (\(note))" }
        if let decoding { text += " (decoded: \(decoding))" }
        if let pairedSecret { text += " with \(pairedSecret)" }
        if let sessionToken { text += " with \(sessionToken)" }
        return text
    }
}
