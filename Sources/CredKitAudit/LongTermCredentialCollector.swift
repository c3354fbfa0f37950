import CredKitAWS
import Foundation

/// Lists each user's service-specific credentials, SSH public keys and signing certificates for
/// the live inventory. These calls are extras: one that fails (an endpoint without the action,
/// a policy that denies it) is noted, not tried again for later users, and the other checks go on.
public actor LongTermCredentialCollector {
    /// One IAM list call that failed, and how many more users went without it.
    struct Failure {
        let kind: LongTermCredential.Kind
        let action: String
        let firstUser: String
        let reason: String
        var skippedUsers = 0
    }

    private let iam: IAMClient
    private var failures: [LongTermCredential.Kind: Failure] = [:]

    /// Creates a collector over one IAM client.
    public init(iam: IAMClient) { self.iam = iam }

    /// The credentials of the kinds that could be listed for `userName`.
    public func credentials(of userName: String) async -> [LongTermCredential] {
        var found: [LongTermCredential] = []
        for kind in LongTermCredential.Kind.allCases {
            if failures[kind] != nil {
                failures[kind]?.skippedUsers += 1
                continue
            }
            do {
                found += try await list(kind, userName)
            } catch {
                record(kind, userName, reason: (error as? AWSError)?.reason ?? String(describing: error))
            }
        }
        return found
    }

    /// One line per kind that could not be listed: which call, why, and that its checks did not run.
    public var notes: [String] {
        LongTermCredential.Kind.allCases.compactMap { kind in
            guard let failure = failures[kind] else { return nil }
            let skipped = failure.skippedUsers == 0 ? "" : " and \(failure.skippedUsers) more user\(failure.skippedUsers == 1 ? "" : "s")"
            // Service errors already start with the action's name.
            let reason = failure.reason.hasPrefix(failure.action) ? failure.reason : "\(failure.action): \(failure.reason)"
            return "could not list \(kind.rawValue)s for \(failure.firstUser)\(skipped): \(reason); their checks were not run"
        }
    }

    /// Keeps the first failure of a kind; with calls in flight for several users at once, a
    /// later one counts as a user gone without.
    private func record(_ kind: LongTermCredential.Kind, _ userName: String, reason: String) {
        if failures[kind] == nil {
            failures[kind] = Failure(kind: kind, action: Self.action(kind), firstUser: userName, reason: reason)
        } else {
            failures[kind]?.skippedUsers += 1
        }
    }

    static func action(_ kind: LongTermCredential.Kind) -> String {
        switch kind {
        case .serviceSpecific: "ListServiceSpecificCredentials"
        case .sshPublicKey: "ListSSHPublicKeys"
        case .signingCertificate: "ListSigningCertificates"
        }
    }

    private func list(_ kind: LongTermCredential.Kind, _ userName: String) async throws -> [LongTermCredential] {
        switch kind {
        case .serviceSpecific: try await iam.listServiceSpecificCredentials(userName: userName).map(LongTermCredential.init)
        case .sshPublicKey: try await iam.listSSHPublicKeys(userName: userName).map(LongTermCredential.init)
        case .signingCertificate: try await iam.listSigningCertificates(userName: userName).map(LongTermCredential.init)
        }
    }
}
