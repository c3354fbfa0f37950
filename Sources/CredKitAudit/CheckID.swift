/// The checks credkit runs on IAM credentials, each with a stable id, a severity and the
/// CIS AWS Foundations Benchmark (v3.0) / AWS Security Hub control it implements.
public enum CheckID: String, Sendable, Hashable, Codable, CaseIterable {
    /// An active access key is older than the maximum age.
    case keyAge = "key-age"
    /// An active access key reaches the maximum age within the warning window.
    case keyDueSoon = "key-due-soon"
    /// An active access key has not been used (or never, since creation) for the unused-days threshold.
    case keyUnused = "key-unused"
    /// A user has more than one active access key.
    case multipleActiveKeys = "multiple-active-keys"
    /// A console user's access key was created with the user at setup and never used.
    case keyAtSetup = "key-at-setup"
    /// The root user has an access key.
    case rootAccessKey = "root-access-key"
    /// The root user has no MFA.
    case rootMFA = "root-mfa"
    /// The root user signed in or used a key recently.
    case rootRecentUse = "root-recent-use"
    /// A user with a console password has no MFA device.
    case consoleWithoutMFA = "console-without-mfa"
    /// A console password has not been used for the unused-days threshold.
    case consoleUnused = "console-unused"
    /// A user has policies attached directly instead of through groups (live mode).
    case directPolicies = "direct-policies"
    /// An active service-specific credential (CodeCommit, Keyspaces, Bedrock, ...) is older than the maximum age (live mode).
    case serviceCredentialAge = "service-credential-age"
    /// An active service-specific credential reaches the maximum age within the warning window (live mode).
    case serviceCredentialDueSoon = "service-credential-due-soon"
    /// An inactive or expired service-specific credential was left behind (live mode).
    case serviceCredentialInactive = "service-credential-inactive"
    /// A user has an active long-term Amazon Bedrock API key (live mode).
    case bedrockLongTermKey = "bedrock-long-term-key"
    /// An active SSH public key for CodeCommit is older than the maximum age (live mode).
    case sshKeyAge = "ssh-key-age"
    /// An active SSH public key reaches the maximum age within the warning window (live mode).
    case sshKeyDueSoon = "ssh-key-due-soon"
    /// An inactive SSH public key was left behind (live mode).
    case sshKeyInactive = "ssh-key-inactive"
    /// A user has an active X.509 signing certificate (live mode).
    case signingCertificateActive = "signing-certificate-active"
    /// An active signing certificate is older than the maximum age (live mode).
    case signingCertificateAge = "signing-certificate-age"
    /// An active signing certificate reaches the maximum age within the warning window (live mode).
    case signingCertificateDueSoon = "signing-certificate-due-soon"
    /// An inactive signing certificate was left behind (live mode).
    case signingCertificateInactive = "signing-certificate-inactive"

    /// The default severity.
    public var severity: Severity {
        switch self {
        case .rootAccessKey, .rootMFA: .critical
        case .keyAge, .consoleWithoutMFA, .serviceCredentialAge, .sshKeyAge, .signingCertificateAge: .error
        case .keyDueSoon, .keyUnused, .multipleActiveKeys, .keyAtSetup, .rootRecentUse, .consoleUnused, .directPolicies: .warning
        // A Bedrock key that never expires, or lasts longer than the maximum age, is raised to error per finding.
        case .serviceCredentialDueSoon, .serviceCredentialInactive, .bedrockLongTermKey, .sshKeyDueSoon, .sshKeyInactive,
             .signingCertificateActive, .signingCertificateDueSoon, .signingCertificateInactive: .warning
        }
    }

    /// The benchmark and Security Hub references.
    public var reference: String {
        switch self {
        case .keyAge, .keyDueSoon: "CIS 1.14, Security Hub IAM.3"
        case .keyUnused: "CIS 1.12, Security Hub IAM.22"
        case .multipleActiveKeys: "CIS 1.13"
        case .keyAtSetup: "CIS 1.11"
        case .rootAccessKey: "CIS 1.4, Security Hub IAM.4"
        case .rootMFA: "CIS 1.5, Security Hub IAM.9"
        case .rootRecentUse: "CIS 1.7, Security Hub IAM.20"
        case .consoleWithoutMFA: "CIS 1.10, Security Hub IAM.5"
        case .consoleUnused: "CIS 1.12, Security Hub IAM.22"
        case .directPolicies: "CIS 1.15, Security Hub IAM.2"
        case .serviceCredentialAge, .serviceCredentialDueSoon, .sshKeyAge, .sshKeyDueSoon, .signingCertificateAge, .signingCertificateDueSoon:
            "IAM best practices: rotate long-term credentials"
        case .serviceCredentialInactive, .sshKeyInactive, .signingCertificateInactive, .signingCertificateActive:
            "IAM best practices: remove unneeded credentials"
        case .bedrockLongTermKey: "Bedrock User Guide: API keys (short-term preferred)"
        }
    }

    /// One line saying what to do about it.
    public var fix: String {
        switch self {
        case .keyAge, .keyDueSoon: "create a new key, switch to it, then deactivate and delete the old one"
        case .keyUnused: "deactivate the key, and delete it if nothing breaks"
        case .multipleActiveKeys: "finish the rotation: deactivate the key no longer in use"
        case .keyAtSetup: "delete the key; create keys only when the user needs programmatic access"
        case .rootAccessKey: "delete the root user's access keys; use IAM roles or users"
        case .rootMFA: "activate MFA (preferably hardware) on the root user"
        case .rootRecentUse: "stop using the root user for daily tasks; use IAM Identity Center or IAM users"
        case .consoleWithoutMFA: "assign an MFA device to the user, or remove the console password"
        case .consoleUnused: "remove the unused console password"
        case .directPolicies: "move the user's permissions to a group and detach the direct policies"
        case .serviceCredentialAge, .serviceCredentialDueSoon:
            "create a second credential for the service, switch to it, then deactivate and delete the old one"
        case .serviceCredentialInactive: "delete the credential (aws iam delete-service-specific-credential)"
        case .bedrockLongTermKey: "use short-term Bedrock API keys or role credentials; if a long-term key must stay, give it a short expiry"
        case .sshKeyAge, .sshKeyDueSoon: "upload a new SSH public key, switch to it, then deactivate and delete the old one"
        case .sshKeyInactive: "delete the key (aws iam delete-ssh-public-key)"
        case .signingCertificateActive: "deactivate the certificate unless a tool still signs with it"
        case .signingCertificateAge, .signingCertificateDueSoon: "upload a new certificate, switch to it, then deactivate and delete the old one"
        case .signingCertificateInactive: "delete the certificate (aws iam delete-signing-certificate)"
        }
    }
}
