import Foundation
import Testing

/// Checks every run of the credkit binary in the test suite: it never dies by a signal, and
/// what it prints on standard error (and on standard output when it exits 2, bad input) holds
/// none of the secrets it was given: AWS secret keys and session tokens from the environment,
/// passwords in URLs on the command line, seeds and passwords on standard input, and the
/// seeds of the secret files it was pointed at. Every bad-input case of the suite goes through it.
public enum SecretLeakCheck {
    /// Secrets shorter than this are not looked for: a short one can appear by chance.
    static let minimumLength = 8

    /// Commands whose standard input is a secret a line (a seed, a URI, a password).
    static let secretInputCommands: Set<String> = ["totp", "hotp", "qr", "mfa", "password"]

    /// The secrets `arguments`, `stdin` and `environment` hand to credkit.
    public static func secrets(arguments: [String], stdin: String?, environment: [String: String]?,
                               currentDirectory: URL?) -> Set<String> {
        var found = Set<String>()
        for name in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
            if let value = environment?[name] { found.insert(value) }
        }
        for argument in arguments {
            found.formUnion(urlPasswords(in: argument))
        }
        if let command = arguments.first, secretInputCommands.contains(command), let stdin {
            for line in stdin.split(whereSeparator: \.isNewline) {
                let text = line.trimmingCharacters(in: .whitespaces)
                found.insert(text)
                found.formUnion(uriSecrets(in: text))
            }
        }
        for (index, argument) in arguments.enumerated() where argument == "--secret-file" && index + 1 < arguments.count {
            var path = arguments[index + 1]
            if !path.hasPrefix("/"), let currentDirectory { path = currentDirectory.appendingPathComponent(path).path }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("\"") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.lowercased().hasPrefix("otpauth://") {
                    found.formUnion(uriSecrets(in: trimmed))
                } else {
                    found.insert(trimmed)
                }
            }
        }
        return found.filter { $0.count >= minimumLength }
    }

    /// Records a test issue when `result` came from a signal or prints a secret.
    public static func check(_ result: ProcessResult, arguments: [String], stdin: String?, environment: [String: String]?,
                             currentDirectory: URL?, signalled: Bool) {
        let command = arguments.prefix(3).joined(separator: " ")
        if signalled {
            Issue.record("credkit \(command) died by signal \(result.status)")
        }
        let secrets = secrets(arguments: arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
        var printed = result.stderr
        if result.status == 2 { printed += result.stdout }
        for secret in secrets where printed.contains(secret) {
            Issue.record("credkit \(command) (exit \(result.status)) printed a secret it was given (\(secret.prefix(3))...)")
        }
    }

    private static func urlPasswords(in text: String) -> [String] {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return [] }
        let userInfo = text[scheme.upperBound..<at]
        guard !userInfo.contains("/"), let colon = userInfo.firstIndex(of: ":") else { return [] }
        return [String(userInfo[userInfo.index(after: colon)...])]
    }

    private static func uriSecrets(in text: String) -> [String] {
        guard text.lowercased().hasPrefix("otpauth://"), let query = text.split(separator: "?", maxSplits: 1).last else { return [] }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "secret" else { return nil }
            return String(parts[1]).removingPercentEncoding ?? String(parts[1])
        }
    }
}
