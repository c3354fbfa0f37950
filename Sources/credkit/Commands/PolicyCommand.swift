import ArgumentParser

// Stub: replaced by the work on its issue.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "(not yet available)")
}
