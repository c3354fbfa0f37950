import ArgumentParser

/// `credkit totp`: time-based one-time passwords (RFC 6238).
struct TOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp",
        abstract: "Generate and verify time-based one-time codes (RFC 6238).",
        discussion: """
        The secret is read from --secret-file FILE or standard input: a Base32 seed, or a whole \
        otpauth:// URI whose algorithm, digits and period become the defaults. It is never taken \
        from the command line.
        """,
        subcommands: [Code.self, Verify.self, New.self]
    )
}
