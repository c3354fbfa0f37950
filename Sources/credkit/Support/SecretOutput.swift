import CredKitCrypto
import Foundation

/// Writes files that hold secrets for the CLI: mode 0600, atomic, and an existing file kept
/// unless the user said `--force`.
enum SecretOutput {
    /// Writes `bytes` to `path`; errors become input errors (exit 2) that say what to do.
    static func write<Bytes: Collection>(_ bytes: Bytes, to path: String, replace: Bool) throws where Bytes.Element == UInt8 {
        do {
            try SecretFile.write(bytes, to: path, existing: replace ? .replace : .refuse)
        } catch {
            if error.code == .fileExists {
                throw CLIFailure.input("'\(path)' already exists; use --force to replace it")
            }
            throw CLIFailure.input(error.reason)
        }
    }

    /// Writes text as UTF-8.
    static func write(_ text: String, to path: String, replace: Bool) throws {
        try write(Array(text.utf8), to: path, replace: replace)
    }
}
