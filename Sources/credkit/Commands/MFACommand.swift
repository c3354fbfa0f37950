import ArgumentParser

/// `credkit mfa`: the virtual-MFA enrollment flow of the account-security guides.
struct MFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa",
        abstract: "Enroll a virtual MFA device (locally or assigned to an IAM user), resync it, list who has one.",
        subcommands: [Enroll.self, Show.self, Resync.self, List.self]
    )
}
