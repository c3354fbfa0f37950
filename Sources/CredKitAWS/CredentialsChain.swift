import CredKitHTTP
import CredKitCrypto
import Foundation

/// Finds credentials, region and endpoint the way the AWS CLI and SDKs do.
///
/// Order for credentials, the AWS CLI's: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`
/// (+ `AWS_SESSION_TOKEN`) from the environment, unless `--profile` is given; then the profile
/// (`--profile`, `AWS_PROFILE`, else `default`) of the shared credentials file
/// (`AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`) and the config file (`AWS_CONFIG_FILE`,
/// `~/.aws/config`): `role_arn` (assume role), web identity (the profile's, else
/// `AWS_WEB_IDENTITY_TOKEN_FILE`), IAM Identity Center, keys in the credentials file,
/// `credential_process`, keys in the config file; then container credentials
/// (`AWS_CONTAINER_CREDENTIALS_*`); then EC2 instance metadata. See `CredentialsChain+Sources.swift`.
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

    /// Resolves credentials, region, endpoint, CA bundle and proxies without calling anything:
    /// for keys in the environment or in profiles. A source that needs a call (an assumed role,
    /// web identity, SSO, a credential process, a container or an instance) is refused with a
    /// message; `configuration(profile:region:endpointURL:timeout:trace:mfaCodeReader:)` resolves the whole chain.
    /// - Parameters:
    ///   - profile: `--profile`; when given, environment keys are ignored.
    ///   - region: `--region`.
    ///   - endpointURL: `--endpoint-url`.
    /// - Throws: `AWSError.credentialsNotFound` saying what was looked for; `.invalidInput` for
    ///   malformed files or URLs.
    public func resolve(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) throws -> AWSClientConfiguration {
        let files = try loadFiles()
        let profileName = self.profileName(profile)
        let connection = try connectionSettings(profileName: profileName, files: files, region: region, endpointURL: endpointURL)
        let selected = try select(profile: profile, files: files, settings: connection, mfaCodeReader: nil)
        guard let fixed = selected.provider as? StaticCredentials else {
            if let lastResort = selected.provider as? LastResortCredentials { throw lastResort.notFound(nil) }
            throw AWSError(.credentialsNotFound, "\(selected.provider.sourceDescription) needs calls to AWS to get credentials; "
                           + "resolve the chain with CredentialsChain.configuration(...)")
        }
        var configuration = AWSClientConfiguration(
            credentials: fixed.value, region: connection.region, endpointURL: connection.endpointURL,
            profile: selected.profile, caBundle: connection.caBundle, proxies: proxies)
        configuration.serviceEndpoints = connection.serviceEndpoints
        return configuration
    }

    /// The profile name in effect: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`.
    public func profileName(_ explicit: String?) -> String {
        explicit ?? nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
    }

    /// Region, endpoint and CA bundle of a profile, with the environment and options first.
    func connectionSettings(profileName: String, files: LoadedFiles, region: String?, endpointURL: String?) throws -> AWSConnectionSettings {
        let configProfile = files.config?.profile(profileName)
        let resolvedRegion = region ?? nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION")
            ?? configProfile?["region"] ?? files.credentials?.profile(profileName)?["region"] ?? "us-east-1"
        guard Self.isPlausibleRegion(resolvedRegion) else {
            throw AWSError(.invalidInput, "region '\(resolvedRegion)' is not a region name like us-east-1")
        }
        var endpoint: URL?
        if let text = endpointURL ?? nonEmpty("AWS_ENDPOINT_URL") ?? configProfile?["endpoint_url"] {
            endpoint = try Self.httpURL(text, what: "endpoint URL")
        }
        let bundle = caBundle ?? configProfile?["ca_bundle"].flatMap { $0.isEmpty ? nil : expand($0) }
        var settings = AWSConnectionSettings(region: resolvedRegion, endpointURL: endpoint, caBundle: bundle, proxies: proxies)
        settings.serviceEndpoints = try AWSClientConfiguration.serviceEndpoints(environment: environment)
        return settings
    }

    /// Parses an http(s) URL with a host.
    static func httpURL(_ text: String, what: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            let shown = URL(string: text)?.redactedForDisplay ?? Self.withoutUserInfo(text)
            throw AWSError(.invalidInput, "\(what) '\(shown)' is not an http(s) URL with a host")
        }
        return url
    }

    /// The two shared files, as loaded.
    struct LoadedFiles {
        let credentials: AWSConfigFile?
        let config: AWSConfigFile?
    }

    func loadFiles() throws -> LoadedFiles {
        LoadedFiles(credentials: try AWSConfigFile.load(path: credentialsFilePath, kind: .credentials),
                    config: try AWSConfigFile.load(path: configFilePath, kind: .config))
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

    static func credentials(from settings: [String: String], profile: String, path: String) throws -> AWSCredentials {
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

    func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func expand(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }

    func display(_ path: String) -> String {
        guard !homeDirectory.isEmpty, path.hasPrefix(homeDirectory + "/") else { return path }
        return "~" + path.dropFirst(homeDirectory.count)
    }

    static func isPlausibleRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 40 && region.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d
        }
    }
}
