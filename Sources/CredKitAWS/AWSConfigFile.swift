import Foundation

/// An AWS shared credentials file (`~/.aws/credentials`) or config file (`~/.aws/config`),
/// parsed into profiles of `key = value` settings.
///
/// In the config file, profiles are written `[profile name]` (and `[default]`); in the
/// credentials file, `[name]`. Both are stored under the bare name. Indented lines (nested
/// settings such as `s3 =` blocks) are skipped. Error messages name the file and line but
/// never a value.
public struct AWSConfigFile: Sendable {
    /// Which of the two files this is; it decides how section names are read.
    public enum Kind: Sendable {
        /// `~/.aws/credentials`: `[name]`.
        case credentials
        /// `~/.aws/config`: `[profile name]` and `[default]`.
        case config
    }

    /// The file's path, for messages.
    public let path: String
    /// The kind of file.
    public let kind: Kind
    /// Settings by profile name, keys lower-cased.
    public let profiles: [String: [String: String]]
    /// Profile names in the order they appear.
    public let profileNames: [String]
    /// `[sso-session name]` sections of a config file, by name, keys lower-cased.
    public let ssoSessions: [String: [String: String]]

    /// The largest file read, in bytes: an organization's config with a thousand profiles is
    /// well under 1 MiB, so 4 MiB leaves room and keeps a hostile or mistaken file (a device,
    /// a log) from being read whole.
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Parses the text of a file.
    /// - Throws: `AWSError.invalidInput` naming the path and line of a line that is neither a
    ///   section, a setting, a comment nor blank.
    public init(path: String, kind: Kind, contents: String) throws {
        self.path = path
        self.kind = kind
        var profiles: [String: [String: String]] = [:]
        var names: [String] = []
        var sessions: [String: [String: String]] = [:]
        var currentSession: String?
        var current: String?
        var sawSection = false
        var lineNumber = 0
        for rawLine in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = String(line).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if line.first == " " || line.first == "\t" { continue } // nested setting or continuation
            if trimmed.hasPrefix("[") {
                sawSection = true
                guard trimmed.hasSuffix("]") else {
                    throw AWSError(.invalidInput, "\(path):\(lineNumber): section header is missing its closing ']'")
                }
                var name = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if kind == .config, name.hasPrefix("profile ") || name.hasPrefix("profile\t") {
                    name = String(name.dropFirst(8)).trimmingCharacters(in: .whitespaces)
                }
                guard !name.isEmpty else {
                    throw AWSError(.invalidInput, "\(path):\(lineNumber): empty section name")
                }
                currentSession = nil
                if kind == .config, name.hasPrefix("sso-session ") {
                    current = nil // not a profile
                    currentSession = String(name.dropFirst(12)).trimmingCharacters(in: .whitespaces)
                    continue
                }
                if kind == .config, name.hasPrefix("services ") {
                    current = nil // not a profile
                    continue
                }
                current = name
                if profiles[name] == nil {
                    profiles[name] = [:]
                    names.append(name)
                }
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw AWSError(.invalidInput, "\(path):\(lineNumber): expected 'key = value' or '[section]'")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw AWSError(.invalidInput, "\(path):\(lineNumber): setting has no name before '='")
            }
            if let currentSession {
                sessions[currentSession, default: [:]][key] = value
                continue
            }
            guard let section = current else {
                if !sawSection {
                    throw AWSError(.invalidInput, "\(path):\(lineNumber): setting '\(key)' comes before any [profile] section")
                }
                continue // inside an [sso-session] or [services] block
            }
            profiles[section, default: [:]][key] = value
        }
        self.profiles = profiles
        self.profileNames = names
        self.ssoSessions = sessions
    }

    /// Loads a file, or returns nil when it does not exist.
    /// - Throws: `AWSError.invalidInput` when it exists but cannot be read or parsed, or is
    ///   larger than `maximumFileSize`.
    public static func load(path: String, kind: Kind) throws -> AWSConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // FileHandle rather than Data(contentsOf:), which refuses devices such as /dev/null.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AWSError(.invalidInput, "\(path): cannot read the file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw AWSError(.invalidInput, "\(path): cannot read the file")
        }
        guard data.count <= maximumFileSize else {
            throw AWSError(.invalidInput, "\(path): larger than \(maximumFileSize) bytes; not an AWS config or credentials file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSError(.invalidInput, "\(path): not UTF-8 text")
        }
        return try AWSConfigFile(path: path, kind: kind, contents: text)
    }

    /// The settings of one profile, if present.
    public func profile(_ name: String) -> [String: String]? { profiles[name] }
}
