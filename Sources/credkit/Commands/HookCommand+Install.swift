import ArgumentParser
import CredKitScan
import Foundation

extension HookCommand {
    /// `credkit hook install`.
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Write .git/hooks/pre-commit, keeping and chaining an existing hook."
        )

        func run() throws {
            do {
                let hook = try PreCommitHook(repository: ".")
                switch try hook.install(credkitPath: HookCommand.executablePath()) {
                case .installed(let path):
                    Console.error("installed \(path): commits that add AWS credentials are refused")
                case .chained(let path, let saved):
                    Console.error("installed \(path); the existing hook was kept as \(saved) and runs first")
                case .updated(let path):
                    Console.error("updated the credkit hook in \(path)")
                }
            } catch let error as ScanError {
                throw CLIFailure.input(error.reason)
            }
        }
    }
}

extension HookCommand {
    /// This executable's absolute path, so the hook runs the same credkit.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        let argument = CommandLine.arguments[0]
        if argument.hasPrefix("/") { return argument }
        if argument.contains("/") { return FileManager.default.currentDirectoryPath + "/" + argument }
        return "credkit"
    }
}
