import ArgumentParser
import CredKitScan
import Foundation

/// `credkit hook install|uninstall`: the git pre-commit hook that runs `credkit scan --staged`.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install or remove the git pre-commit hook that blocks commits adding AWS keys.",
        discussion: """
        The hook runs 'credkit scan --staged' and refuses the commit when it finds a credential, \
        naming the file and line and how to allow a false alarm. An existing pre-commit hook is \
        kept as pre-commit.credkit-saved and runs first; uninstall puts it back. \
        Exit status: 0 done, 2 usage error or refusal to overwrite.
        """,
        subcommands: [Install.self, Uninstall.self]
    )
}
