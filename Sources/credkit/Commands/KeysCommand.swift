import ArgumentParser

// Stub: replaced by the work on its issue.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "(not yet available)")
}
