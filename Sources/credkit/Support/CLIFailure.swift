/// An error the CLI reports with a message and an exit status.
struct CLIFailure: Error {
    let message: String
    let exitCode: Int32

    /// Bad input or usage: exit 2.
    static func input(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 2) }

    /// A failed check or a finding: exit 1.
    static func failed(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 1) }
}

/// Standard output was closed by the reader (for example `| head`): not an error.
struct StandardOutputClosed: Error {}
