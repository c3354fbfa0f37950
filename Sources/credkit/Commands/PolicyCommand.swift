import ArgumentParser

/// `credkit policy`: what an IAM password policy really guarantees.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Evaluate an IAM password policy against CIS, Security Hub, NIST and AWS's default, and harden it.",
        discussion: """
        The policy is the JSON that 'aws iam get-account-password-policy' prints, or the bare object \
        that 'aws iam update-account-password-policy --cli-input-json' takes. An account with no \
        policy (NoSuchEntity) gets AWS's default policy: use --aws-default to evaluate it.
        """,
        subcommands: [Check.self, Suggest.self]
    )
}
