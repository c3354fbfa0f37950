import ArgumentParser

struct HOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hotp", abstract: "(in progress)")
}
