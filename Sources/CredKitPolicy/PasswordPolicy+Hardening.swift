extension PasswordPolicy {
    /// The baselines `hardened(for:)` can write a policy for.
    public static let hardenableBaselines: [Baseline] = [.cis, .nist]

    /// The policy changed as little as possible to pass `baseline`, as IAM can set it.
    ///
    /// - `cis`: length at least 14, reuse prevention 24; everything else is kept.
    /// - `nist`: length at least 15 (8 `withMFA`), no composition rules, no expiry, users may
    ///   change their own password (NIST requires a change when a password is compromised);
    ///   reuse prevention is kept, or set to 24 when absent (NIST is silent; CIS asks for it).
    ///
    /// AWS's default policy has no IAM equivalent (its three-of-four rule cannot be set), so
    /// hardening it starts from IAM's defaults with users allowed to change their password.
    /// - Returns: nil for baselines other than `cis` and `nist`.
    public func hardened(for baseline: Baseline, withMFA: Bool = false) -> PasswordPolicy? {
        var policy = self
        if isAWSDefault {
            policy = PasswordPolicy(minimumLength: minimumLength, allowUsersToChangePassword: true)
        }
        switch baseline {
        case .cis:
            policy.minimumLength = max(policy.minimumLength, 14)
            policy.passwordReusePrevention = 24
        case .nist:
            policy.minimumLength = max(policy.minimumLength, withMFA ? 8 : 15)
            policy.requireUppercase = false
            policy.requireLowercase = false
            policy.requireNumbers = false
            policy.requireSymbols = false
            policy.minimumCharacterTypes = 0
            policy.maxPasswordAge = nil
            policy.hardExpiry = false
            policy.allowUsersToChangePassword = true
            policy.passwordReusePrevention = policy.passwordReusePrevention ?? 24
        case .securityhub, .awsDefault:
            return nil
        }
        return policy
    }
}
