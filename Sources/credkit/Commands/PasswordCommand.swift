import ArgumentParser

/// `credkit password`: check candidate passwords.
struct PasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Check passwords against a policy, zxcvbn's strength estimate and a local breach list.",
        discussion: "Passwords are read from standard input, one a line; never from the command line, and never printed.",
        subcommands: [Check.self]
    )
}
