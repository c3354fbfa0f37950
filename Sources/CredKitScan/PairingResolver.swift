/// Turns a document's candidates, in order, into findings: a key ID and a secret within a
/// few lines of each other, or in one block (up to a blank line or a closing brace, at most
/// `MatchPlan.maximumBlockLines` long), become one pair, a session token joins the nearest `ASIA` key,
/// and a secret or token without a key is a finding only when it stands in context.
/// A key ID on a `credkit:allow` line pairs as usual and is dropped with what it paired.
/// Only the last few lines of candidates are held, so memory stays bounded.
struct PairingResolver {
    private let plan: MatchPlan
    private let file: String
    private let lineMap: [Int]?
    private var keys: [PendingKey] = []
    private var secrets: [Candidate] = []
    private var tokens: [Candidate] = []
    private(set) var findings: [Finding] = []

    private struct PendingKey {
        var candidate: Candidate
        var secret: Candidate?
        var token: Candidate?
    }

    /// - Parameter lineMap: real line numbers for documents assembled from diff lines
    ///   (index = line in the document - 1).
    init(plan: MatchPlan, file: String, lineMap: [Int]? = nil) {
        self.plan = plan
        self.file = file
        self.lineMap = lineMap
    }

    mutating func add(_ raw: Candidate) {
        var candidate = raw
        if let lineMap, candidate.line - 1 < lineMap.count {
            candidate.line = lineMap[candidate.line - 1]
            // The block's first line, in the same numbering as the line.
            if candidate.blockStart >= 1, candidate.blockStart - 1 < lineMap.count {
                candidate.blockStart = lineMap[candidate.blockStart - 1]
            }
        }
        expire(before: candidate.line - max(plan.pairingDistance, MatchPlan.maximumBlockLines))
        switch candidate.kind {
        case .bedrockKey(let longTerm):
            let rule = longTerm ? plan.bedrockLongTermRule : plan.bedrockShortTermRule
            if let rule, !candidate.allowed { findings.append(finding(rule, candidate)) }
        case .keyID(.uniqueID):
            if let rule = plan.uniqueRule, !candidate.allowed { findings.append(finding(rule, candidate)) }
        case .keyID(let kind):
            var pending = PendingKey(candidate: candidate)
            if let index = nearest(secrets, to: candidate) {
                pending.secret = secrets.remove(at: index)
            }
            if kind == .temporary, let index = nearest(tokens, to: candidate) {
                pending.token = tokens.remove(at: index)
            }
            keys.append(pending)
        case .secret:
            if let index = keys.lastIndex(where: { $0.secret == nil && pairs($0.candidate, candidate) }) {
                keys[index].secret = candidate
            } else {
                secrets.append(candidate)
            }
        case .token:
            if let index = keys.lastIndex(where: {
                $0.token == nil && $0.candidate.kind == .keyID(.temporary) && pairs($0.candidate, candidate)
            }) {
                keys[index].token = candidate
            } else {
                tokens.append(candidate)
            }
        }
    }

    /// Reports everything still held; call once at the end of the document.
    mutating func finish() -> [Finding] {
        expire(before: Int.max)
        return findings
    }

    private func nearest(_ list: [Candidate], to later: Candidate) -> Int? {
        list.indices.last { pairs(list[$0], later) }
    }

    /// Whether `earlier` and `later` (in document order) are close enough to pair: a few
    /// lines apart, or in the same block.
    private func pairs(_ earlier: Candidate, _ later: Candidate) -> Bool {
        let distance = later.line - earlier.line
        return distance <= plan.pairingDistance || (later.blockStart <= earlier.line && distance < MatchPlan.maximumBlockLines)
    }

    /// Reports held candidates on lines before `line`: nothing later can pair with them.
    private mutating func expire(before line: Int) {
        while let first = keys.first, first.candidate.line < line {
            keys.removeFirst()
            // `credkit:allow` on the key's line covers what was paired with it.
            guard let rule = plan.keyRule, !first.candidate.allowed else { continue }
            findings.append(finding(rule, first.candidate, secret: first.secret, token: first.token))
        }
        while let first = secrets.first, first.line < line {
            secrets.removeFirst()
            if case .secret(true) = first.kind, let rule = plan.secretRule { findings.append(finding(rule, first)) }
        }
        while let first = tokens.first, first.line < line {
            tokens.removeFirst()
            if case .token(true) = first.kind, let rule = plan.tokenRule { findings.append(finding(rule, first)) }
        }
    }

    private func finding(_ rule: Rule, _ candidate: Candidate, secret: Candidate? = nil, token: Candidate? = nil) -> Finding {
        let account: String? = if case .keyID = candidate.kind { AWSKeyID.account(of: candidate.value) } else { nil }
        // A key ID whose account has 13 digits was never issued by AWS: informational.
        let impossible = account.map { $0.count > 12 } ?? false
        return Finding(
            ruleID: rule.id, severity: impossible ? .note : rule.severity, file: file, line: candidate.line,
            column: candidate.column, secret: candidate.value, account: account,
            pairedSecret: secret.flatMap { paired($0, rule: plan.secretRule) },
            sessionToken: token.flatMap { paired($0, rule: plan.tokenRule) },
            note: impossible ? AWSKeyID.impossibleAccountNote : nil,
            decoding: Self.path(candidate.decoding)
        )
    }

    private func paired(_ candidate: Candidate, rule: Rule?) -> PairedSecret? {
        guard let rule else { return nil }
        return PairedSecret(ruleID: rule.id, line: candidate.line, column: candidate.column, secret: candidate.value,
                            decoding: Self.path(candidate.decoding))
    }

    /// `base64 > percent`, or nil for plain text.
    private static func path(_ layers: [ContentDecoder.Layer]) -> String? {
        layers.isEmpty ? nil : layers.map(\.rawValue).joined(separator: " > ")
    }
}
