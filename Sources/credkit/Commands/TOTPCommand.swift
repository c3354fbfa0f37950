import ArgumentParser

/// `credkit totp`: time-based one-time passwords (RFC 6238).
struct TOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp",
        abstract: "Generate and verify time-based one-time codes (RFC 6238).",
        discussion: """
        The secret is read from --secret-file FILE or standard input: a Base32 seed (white space \
        and line breaks allowed), a whole otpauth:// URI whose algorithm, digits and period become \
        the defaults (one with an encoder, such as Steam's, is refused), a hex key as oathtool \
        takes it (--hex, or hex:KEY), or a ~/.google_authenticator file (its first line; a warning \
        names the options credkit does not honour). A secret under RFC 4226's 128 bits is used \
        with a warning. It is never taken from the command line.
        """,
        subcommands: [Code.self, Verify.self, New.self]
    )
}
