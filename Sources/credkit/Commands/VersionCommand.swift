import ArgumentParser

/// `credkit version`: the version, as `credkit --version` prints it, for scripts and bug reports.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print credkit's version (the same as --version).")

    func run() throws {
        try Console.write(CredkitVersion.current + "\n")
        try Console.flush()
    }
}
