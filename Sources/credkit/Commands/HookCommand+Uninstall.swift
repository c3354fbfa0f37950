import ArgumentParser
import CredKitScan

extension HookCommand {
    /// `credkit hook uninstall`.
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove credkit's pre-commit hook and restore the one it replaced."
        )

        func run() throws {
            do {
                switch try PreCommitHook(repository: ".").uninstall() {
                case .removed(let path): Console.error("removed \(path)")
                case .restored(let path): Console.error("removed credkit's hook and restored the original \(path)")
                case .notInstalled(let path): Console.error("no credkit hook at \(path); nothing to do")
                }
            } catch let error as ScanError {
                throw CLIFailure.input(error.reason)
            }
        }
    }
}
