import CredKitAWS
import CredKitAudit
import Foundation
import Testing

/// The checks on service-specific credentials, SSH public keys and signing certificates, with a
/// pinned clock and the default thresholds (maximum age 90 days, warn 14 days before).
@Suite("Service-specific credential, SSH key and signing certificate checks")
struct LongTermCredentialCheckTests {
    static let now = AWSTimestamp.parseISO8601("2026-06-01T00:00:00Z") ?? Date()

    static func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }
    static func inDays(_ days: Int) -> Date { now.addingTimeInterval(Double(days) * 86_400) }

    /// A one-user report with no access keys, audited with `credentials` as the user's live context.
    static func run(_ credentials: [LongTermCredential], exemptions: [Exemption] = []) throws -> AuditResult {
        let csv = """
        user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
        alice,arn:aws:iam::123456789012:user/alice,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
        """
        let report = try CredentialReport.parse(Data(csv.utf8), source: "test")
        let audit = CredentialAudit(exemptions: exemptions, hasLiveContext: true)
        return audit.run(report, contexts: ["alice": UserContext(groups: [], tags: [:], attachedPolicies: [], inlinePolicies: [],
                                                                  otherCredentials: credentials)], now: now)
    }

    static func service(_ name: String, created: Int, expires: Int? = nil, status: IAMCredentialStatus = .active,
                        id: String = "ACCAEXAMPLE000000001") -> LongTermCredential {
        LongTermCredential(kind: .serviceSpecific, id: id, userName: "alice", service: name, status: status,
                           created: daysAgo(created), expires: expires.map(inDays))
    }

    @Test func ageIsCheckedAtTheLimitAndWarnedBeforeIt() throws {
        let at = try Self.run([Self.service("codecommit.amazonaws.com", created: 90)]).findings
        #expect(at.map(\.check) == [.serviceCredentialAge])
        #expect(at.first?.severity == .error)
        #expect(at.first?.ageDays == 90)
        let before = try Self.run([Self.service("codecommit.amazonaws.com", created: 89)]).findings
        #expect(before.map(\.check) == [.serviceCredentialDueSoon])
        #expect(before.first?.message.contains("1 day left") == true)
        let earlier = try Self.run([Self.service("cassandra.amazonaws.com", created: 75)]).findings
        #expect(earlier.isEmpty, "\(earlier)")
        let warned = try Self.run([Self.service("cassandra.amazonaws.com", created: 76)]).findings
        #expect(warned.map(\.check) == [.serviceCredentialDueSoon])
    }

    @Test func inactiveAndExpiredCredentialsLeftBehindAreFlagged() throws {
        let findings = try Self.run([
            Self.service("codecommit.amazonaws.com", created: 200, status: .inactive),
            Self.service("bedrock.amazonaws.com", created: 40, expires: -10, status: .expired, id: "ACCAEXAMPLE000000002"),
            // Still Active in IAM but past its expiry: expired all the same.
            Self.service("bedrock.amazonaws.com", created: 40, expires: -1, id: "ACCAEXAMPLE000000003"),
        ]).findings
        #expect(findings.map(\.check) == [.serviceCredentialInactive, .serviceCredentialInactive, .serviceCredentialInactive])
        #expect(findings.map(\.message).filter { $0.hasPrefix("expired bedrock.amazonaws.com credential") }.count == 2)
        #expect(!findings.contains { $0.check == .serviceCredentialAge }, "inactive credentials are not due for rotation")
    }

    @Test func longTermBedrockKeysAreWarnedAndWorseWithoutAShortExpiry() throws {
        let short = try Self.run([Self.service("bedrock.amazonaws.com", created: 10, expires: 20)]).findings
        #expect(short.map(\.check) == [.bedrockLongTermKey])
        #expect(short.first?.severity == .warning)
        #expect(short.first?.message.contains("AWS recommends short-term API keys") == true)
        // Made to last exactly the maximum age: still a warning; one day longer: an error.
        let ninety = try Self.run([Self.service("bedrock.amazonaws.com", created: 0, expires: 90)]).findings
        #expect(ninety.first?.severity == .warning)
        let longer = try Self.run([Self.service("bedrock.amazonaws.com", created: 0, expires: 91)]).findings
        #expect(longer.first?.severity == .error)
        #expect(longer.first?.message.contains("made to last 91 days") == true)
        let never = try Self.run([Self.service("bedrock.amazonaws.com", created: 5)]).findings
        #expect(never.first?.severity == .error)
        #expect(never.first?.message.contains("never expires") == true)
        // An error-level finding sorts ahead of warnings.
        let mixed = try Self.run([Self.service("bedrock.amazonaws.com", created: 10, expires: 20, id: "ACCAEXAMPLE000000004"),
                                  Self.service("bedrock.amazonaws.com", created: 5)]).findings
        #expect(mixed.map(\.severity) == [.error, .warning])
    }

    @Test func aKeyThatExpiresBeforeItIsDueIsNotWarned() throws {
        let findings = try Self.run([Self.service("bedrock.amazonaws.com", created: 80, expires: 5)]).findings
        #expect(findings.map(\.check) == [.bedrockLongTermKey])
        let later = try Self.run([Self.service("bedrock.amazonaws.com", created: 80, expires: 30)]).findings
        #expect(Set(later.map(\.check)) == [.bedrockLongTermKey, .serviceCredentialDueSoon])
    }

    @Test func sshKeysAndSigningCertificatesHaveTheirOwnChecks() throws {
        let findings = try Self.run([
            LongTermCredential(kind: .sshPublicKey, id: "APKAEXAMPLE000000001", userName: "alice", status: .active, created: Self.daysAgo(120)),
            LongTermCredential(kind: .sshPublicKey, id: "APKAEXAMPLE000000002", userName: "alice", status: .inactive, created: Self.daysAgo(3)),
            LongTermCredential(kind: .signingCertificate, id: "CERTEXAMPLE0000000000000000000001", userName: "alice", status: .active,
                               created: Self.daysAgo(10)),
            LongTermCredential(kind: .signingCertificate, id: "CERTEXAMPLE0000000000000000000002", userName: "alice", status: .active,
                               created: Self.daysAgo(100)),
            LongTermCredential(kind: .signingCertificate, id: "CERTEXAMPLE0000000000000000000003", userName: "alice", status: .inactive,
                               created: Self.daysAgo(400)),
        ]).findings
        #expect(findings.map(\.check).sorted { $0.rawValue < $1.rawValue } == [
            .signingCertificateActive, .signingCertificateActive, .signingCertificateAge, .signingCertificateInactive,
            .sshKeyAge, .sshKeyInactive,
        ])
        let age = try #require(findings.first { $0.check == .sshKeyAge })
        #expect(age.keyID == "APKAEXAMPLE000000001")
        #expect(age.message == "active SSH public key is 120 days old (maximum 90); rotation was due 2026-05-02")
        #expect(age.keyLabel(showSecrets: false) == "APKA************0001")
    }

    @Test func exemptionsNameTheNewChecks() throws {
        let data = Data(#"[{"user": "alice", "checks": ["bedrock-long-term-key"], "reason": "prototype until July"}]"#.utf8)
        let exemptions = try Exemption.parseList(data, path: "exemptions.json")
        let result = try Self.run([Self.service("bedrock.amazonaws.com", created: 100),
                                   Self.service("codecommit.amazonaws.com", created: 1, status: .inactive, id: "ACCAEXAMPLE000000009")],
                                  exemptions: exemptions)
        #expect(result.exempted.map(\.finding.check) == [.bedrockLongTermKey])
        #expect(Set(result.findings.map(\.check)) == [.serviceCredentialAge, .serviceCredentialInactive])
    }
}
