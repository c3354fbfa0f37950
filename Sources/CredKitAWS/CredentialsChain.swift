import CredKitHTTP
import CredKitCrypto
import Foundation

/// Finds credentials, region and endpoint the way the AWS CLI and SDKs do.
///
/// Order for credentials: an explicit profile (`--profile`) reads the files only; otherwise
/// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) from the environment;
/// otherwise the profile named by `AWS_PROFILE` (or `default`) in the shared credentials file
/// (`AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`) and then the config file
/// (`AWS_CONFIG_FILE`, `~/.aws/config`).
/// Region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, `us-east-1`.
/// Endpoint: `--endpoint-url`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`; per service
/// `AWS_ENDPOINT_URL_<SERVICE>` (`AWS_ENDPOINT_URL_CLOUDTRAIL`, ...) first.
/// CA bundle: `AWS_CA_BUNDLE`, the profile's `ca_bundle`. Proxies: `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`.
///
/// The environment and home directory are injected so tests pin them.
public struct CredentialsChain: Sendable {
    /// The environment variables to read.
    public let environment: [String: String]
    /// The home directory that `~` stands for.
    public let homeDirectory: String

    /// Creates a chain over an environment (by default the process's).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    /// The shared credentials file path.
    public var credentialsFilePath: String {
        expand(nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
    }

    /// The config file path.
    public var configFilePath: String {
        expand(nonEmpty("AWS_CONFIG_FILE") ?? "~/.aws/config")
    }

    /// `AWS_CA_BUNDLE` with `~` expanded, or nil.
    public var caBundle: String? {
        nonEmpty("AWS_CA_BUNDLE").map(expand)
    }

    /// The proxy variables of the environment.
    public var proxies: ProxySettings {
        ProxySettings(environment: environment)
    }

    /// Resolves credentials, region, endpoint, CA bundle and proxies.
    /// - Parameters:
    ///   - profile: `--profile`; when given, environment keys are ignored.
    ///   - region: `--region`.
    ///   - endpointURL: `--endpoint-url`.
    /// - Throws: `AWSError.credentialsNotFound` saying what was looked for; `.invalidInput` for
    ///   malformed files or URLs.
    public func resolve(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) throws -> AWSClientConfiguration {
        let profileName = profile ?? nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
        let credentialsFile = try AWSConfigFile.load(path: credentialsFilePath, kind: .credentials)
        let configFile = try AWSConfigFile.load(path: configFilePath, kind: .config)
        let configProfile = configFile?.profile(profileName)

        let credentials: AWSCredentials
        if profile == nil, let fromEnvironment = try environmentCredentials() {
            credentials = fromEnvironment
        } else {
            credentials = try profileCredentials(
                profileName, credentialsFile: credentialsFile, configFile: configFile, explicit: profile != nil)
        }

        let resolvedRegion = region ?? nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION")
            ?? configProfile?["region"] ?? credentialsFile?.profile(profileName)?["region"] ?? "us-east-1"
        guard Self.isPlausibleRegion(resolvedRegion) else {
            throw AWSError(.invalidInput, "region '\(resolvedRegion)' is not a region name like us-east-1")
        }
        var endpoint: URL?
        if let text = endpointURL ?? nonEmpty("AWS_ENDPOINT_URL") ?? configProfile?["endpoint_url"] {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host != nil else {
                let shown = URL(string: text)?.redactedForDisplay ?? Self.withoutUserInfo(text)
                throw AWSError(.invalidInput, "endpoint URL '\(shown)' is not an http(s) URL with a host")
            }
            endpoint = url
        }
        let bundle = caBundle ?? configProfile?["ca_bundle"].flatMap { $0.isEmpty ? nil : expand($0) }
        var configuration = AWSClientConfiguration(
            credentials: credentials, region: resolvedRegion, endpointURL: endpoint,
            profile: credentials.source == "environment" ? nil : profileName,
            caBundle: bundle, proxies: proxies)
        configuration.serviceEndpoints = try AWSClientConfiguration.serviceEndpoints(environment: environment)
        return configuration
    }

    /// Text that did not parse as a URL, with anything up to an `@` replaced (it may be a password).
    public static func withoutUserInfo(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return start <= at ? String(text[..<start]) + "REDACTED" + String(text[at...]) : text
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, nil when neither is set.
    /// - Throws: when only one of the two is set.
    public func environmentCredentials() throws -> AWSCredentials? {
        let id = nonEmpty("AWS_ACCESS_KEY_ID")
        let secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (id, secret) {
        case (nil, nil):
            return nil
        case let (id?, secret?):
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                  sessionToken: nonEmpty("AWS_SESSION_TOKEN"), source: "environment")
        case (_?, nil):
            throw AWSError(.credentialsNotFound, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, _?):
            throw AWSError(.credentialsNotFound, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
    }

    /// Every profile in a credentials file that holds an access key, in file order.
    /// Profiles without keys (role or SSO profiles) are skipped.
    /// - Throws: `AWSError.invalidInput` when the file is missing or malformed, or a profile has a key ID without a secret.
    public static func profilesWithKeys(in file: AWSConfigFile) throws -> [(profile: String, credentials: AWSCredentials)] {
        var result: [(String, AWSCredentials)] = []
        for name in file.profileNames {
            guard let settings = file.profile(name), settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil
            else { continue }
            result.append((name, try credentials(from: settings, profile: name, path: file.path)))
        }
        return result
    }

    private func profileCredentials(_ name: String, credentialsFile: AWSConfigFile?, configFile: AWSConfigFile?,
                                    explicit: Bool) throws -> AWSCredentials {
        for file in [credentialsFile, configFile].compactMap({ $0 }) {
            guard let settings = file.profile(name) else { continue }
            if settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil {
                return try Self.credentials(from: settings, profile: name, path: display(file.path))
            }
            for (key, what) in [("role_arn", "assumes a role"), ("sso_session", "uses IAM Identity Center (SSO)"),
                                ("sso_start_url", "uses IAM Identity Center (SSO)"), ("credential_process", "runs a credential_process"),
                                ("web_identity_token_file", "uses web identity")] where settings[key] != nil {
                throw AWSError(.credentialsNotFound,
                               "profile '\(name)' in \(display(file.path)) \(what), which credkit does not support; " +
                               "export temporary credentials (for example with 'aws configure export-credentials') or use a profile with access keys")
            }
        }
        let looked = [display(credentialsFilePath), display(configFilePath)].joined(separator: " and ")
        if explicit || credentialsFile?.profile(name) != nil || configFile?.profile(name) != nil {
            throw AWSError(.credentialsNotFound, "profile '\(name)' has no access keys in \(looked)")
        }
        throw AWSError(.credentialsNotFound,
                       "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile '\(name)' to \(looked)")
    }

    private static func credentials(from settings: [String: String], profile: String, path: String) throws -> AWSCredentials {
        guard let id = settings["aws_access_key_id"], !id.isEmpty else {
            throw AWSError(.invalidInput, "\(path): profile '\(profile)' has aws_secret_access_key but no aws_access_key_id")
        }
        guard let secret = settings["aws_secret_access_key"], !secret.isEmpty else {
            throw AWSError(.invalidInput, "\(path): profile '\(profile)' has aws_access_key_id but no aws_secret_access_key")
        }
        let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token,
                              source: "profile '\(profile)' in \(path)")
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private func expand(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }

    private func display(_ path: String) -> String {
        guard !homeDirectory.isEmpty, path.hasPrefix(homeDirectory + "/") else { return path }
        return "~" + path.dropFirst(homeDirectory.count)
    }

    static func isPlausibleRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 40 && region.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d
        }
    }
}
