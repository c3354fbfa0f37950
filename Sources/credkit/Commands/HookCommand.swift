import ArgumentParser

// Stub: replaced by the work on its issue.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hook", abstract: "(not yet available)")
}
