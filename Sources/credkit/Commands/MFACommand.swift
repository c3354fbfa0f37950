import ArgumentParser

/// `credkit mfa`: the virtual-MFA enrollment flow of the account-security guides.
struct MFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa",
        abstract: "Enroll a virtual MFA device: new seed, QR code, and the two-consecutive-codes check.",
        subcommands: [Enroll.self, Show.self]
    )
}
