import ArgumentParser

// Stub: replaced by the work on its issue.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "(not yet available)")
}
