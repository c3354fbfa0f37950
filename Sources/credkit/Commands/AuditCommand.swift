import ArgumentParser

// Stub: replaced by the work on its issue.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "(not yet available)")
}
