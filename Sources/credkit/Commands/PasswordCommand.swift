import ArgumentParser

// Stub: replaced by the work on its issue.
struct PasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "password", abstract: "(not yet available)")
}
