import ArgumentParser

struct MFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mfa", abstract: "(in progress)")
}
