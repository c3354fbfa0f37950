import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Installs and removes the git `pre-commit` hook that runs `credkit scan --staged`.
///
/// An existing hook is never overwritten silently: it is kept beside ours as
/// `pre-commit.credkit-saved`, run first by our hook, and put back by `uninstall()`.
public struct PreCommitHook: Sendable {
    /// The line that marks a hook as credkit's.
    public static let marker = "# credkit pre-commit hook"
    /// The name an existing hook is kept under.
    public static let savedName = "pre-commit.credkit-saved"
    /// What `credkit scan --staged` prints after its findings: under the pre-commit framework
    /// the findings are all the user sees, so the way out must be there too.
    public static let falseAlarmGuidance = """
        credkit: the commit is blocked. A leaked key must be revoked in IAM, not just removed.
        credkit: a false alarm? add 'credkit:allow' to its line (it covers the secret paired with a key ID),
        credkit:   or accept the current findings: credkit scan --staged --write-baseline .credkit-baseline.json
        credkit: to commit anyway once: git commit --no-verify (pre-commit framework: SKIP=credkit-scan git commit)
        """

    /// What `install` did.
    public enum InstallOutcome: Sendable, Equatable {
        /// Wrote the hook; there was none before.
        case installed(path: String)
        /// Wrote the hook and kept the existing one, which now runs first.
        case chained(path: String, saved: String)
        /// Our hook was there already and was rewritten.
        case updated(path: String)
    }

    /// What `uninstall` did.
    public enum UninstallOutcome: Sendable, Equatable {
        /// Removed our hook; there was none before it.
        case removed(path: String)
        /// Removed our hook and put the original back.
        case restored(path: String)
        /// There was no credkit hook.
        case notInstalled(path: String)
    }

    /// The hooks folder (`git rev-parse --git-path hooks`, which honours `core.hooksPath`).
    public let hooksDirectory: String

    /// Finds the hooks folder of the repository containing `directory`.
    /// - Throws: `ScanError(.git)` outside a repository.
    public init(repository directory: String = ".") throws {
        let out = try GitProcess.output(["rev-parse", "--git-path", "hooks"], in: directory)
        var path = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
        if !path.hasPrefix("/"), directory != "." { path = directory + "/" + path }
        hooksDirectory = path
    }

    /// Creates a manager for a known hooks folder.
    public init(hooksDirectory: String) {
        self.hooksDirectory = hooksDirectory
    }

    private var hookPath: String { hooksDirectory + "/pre-commit" }
    private var savedPath: String { hooksDirectory + "/" + Self.savedName }

    /// Whether the file at `path` is a hook credkit wrote.
    public static func isCredkitHook(at path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains(marker)
    }

    /// Writes the hook, keeping and chaining an existing one.
    /// - Parameter credkitPath: the credkit executable the hook runs (it falls back to `credkit` on PATH).
    /// - Throws: `ScanError(.invalidRequest)` rather than overwrite anything: when a hook is
    ///   there and a saved one from an earlier install is too.
    public func install(credkitPath: String) throws -> InstallOutcome {
        let files = FileManager.default
        try files.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        var outcome = InstallOutcome.installed(path: hookPath)
        if Self.exists(hookPath) {
            if Self.isCredkitHook(at: hookPath) {
                outcome = .updated(path: hookPath)
            } else {
                guard !Self.exists(savedPath) else {
                    throw ScanError(.invalidRequest,
                        "\(hookPath) is not credkit's and \(savedPath) already exists; refusing to overwrite either. " +
                        "Move one of them away and run 'credkit hook install' again.")
                }
                try files.moveItem(atPath: hookPath, toPath: savedPath)
                outcome = .chained(path: hookPath, saved: savedPath)
            }
        }
        let temporary = hookPath + ".credkit-new"
        try Data(Self.script(credkitPath: credkitPath).utf8).write(to: URL(fileURLWithPath: temporary))
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
        // rename(2) replaces atomically: a commit never sees half a hook.
        guard rename(temporary, hookPath) == 0 else {
            let reason = String(cString: strerror(errno))
            try? files.removeItem(atPath: temporary)
            throw ScanError(.unreadable, "cannot write \(hookPath): \(reason)")
        }
        return outcome
    }

    /// Removes credkit's hook and restores the one it replaced.
    /// - Throws: `ScanError(.invalidRequest)` when the hook there is not credkit's.
    public func uninstall() throws -> UninstallOutcome {
        guard Self.exists(hookPath) else { return .notInstalled(path: hookPath) }
        guard Self.isCredkitHook(at: hookPath) else {
            throw ScanError(.invalidRequest, "\(hookPath) was not installed by credkit; leaving it alone")
        }
        let files = FileManager.default
        try files.removeItem(atPath: hookPath)
        if Self.exists(savedPath) {
            try files.moveItem(atPath: savedPath, toPath: hookPath)
            return .restored(path: hookPath)
        }
        return .removed(path: hookPath)
    }

    private static func exists(_ path: String) -> Bool {
        // A dangling link is still something we must not overwrite.
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil || FileManager.default.fileExists(atPath: path)
    }

    /// The hook script.
    public static func script(credkitPath: String) -> String {
        let quoted = "'" + credkitPath.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return """
        #!/bin/sh
        \(marker): blocks commits that add AWS credentials.
        # Written by 'credkit hook install'; 'credkit hook uninstall' removes it and restores
        # any hook it replaced (kept as \(savedName), which runs first).
        hook_dir=$(dirname "$0")
        if [ -x "$hook_dir/\(savedName)" ]; then
          "$hook_dir/\(savedName)" "$@" || exit $?
        fi
        credkit=\(quoted)
        if [ ! -x "$credkit" ]; then
          credkit=$(command -v credkit) || {
            echo "credkit pre-commit hook: credkit is not installed (looked for \(quoted) and on PATH); commit refused." >&2
            echo "Install credkit, or run 'git commit --no-verify' to skip the check this once." >&2
            exit 1
          }
        fi
        "$credkit" scan --staged
        status=$?
        if [ "$status" -eq 1 ]; then
          cat >&2 <<'MESSAGE'
        credkit: commit blocked: the staged changes add the credentials listed above (file:line:column).
          - A real key: take it out of the change and deactivate it in IAM (it may have been copied already).
          - A false alarm: add 'credkit:allow' to that line, or a path glob to [allow] paths in .credkit.toml,
            or accept what is staged now with 'credkit scan --staged --write-baseline .credkit-baseline.json'
            and set [scan] baseline = ".credkit-baseline.json" in .credkit.toml.
          - To commit anyway, this once: git commit --no-verify
        MESSAGE
        fi
        exit "$status"

        """
    }
}
