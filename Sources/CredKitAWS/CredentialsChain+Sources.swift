import Foundation

/// The whole chain, in the AWS CLI's (botocore's) order:
///
/// 1. environment keys (not with `--profile`);
/// 2. the profile's `role_arn` with `source_profile` or `credential_source` (AssumeRole);
/// 3. web identity: the profile's `web_identity_token_file`, else `AWS_WEB_IDENTITY_TOKEN_FILE`
///    (not with `--profile`), with `role_arn` / `AWS_ROLE_ARN`;
/// 4. IAM Identity Center: `sso_session` or `sso_start_url`;
/// 5. keys of the profile in the credentials file;
/// 6. the profile's `credential_process`;
/// 7. keys of the profile in the config file;
/// 8. container credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`);
/// 9. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
extension CredentialsChain {
    /// Resolves the whole chain: picks the first source that applies, gets its credentials
    /// (calling STS, the SSO portal, a process or a metadata endpoint as needed) and returns a
    /// configuration whose clients sign every request with current credentials, refreshed before
    /// they expire.
    /// - Parameters:
    ///   - profile: `--profile`; when given, environment keys and web identity variables are ignored.
    ///   - region: `--region`.
    ///   - endpointURL: `--endpoint-url` (STS calls of the chain go there too).
    ///   - timeout: seconds per call, and for a `credential_process`.
    ///   - trace: receives the source chosen and each call made (`--verbose`).
    ///   - mfaCodeReader: asks for the code of a profile's `mfa_serial`.
    ///   - clock: the time, for expirations and session names.
    /// - Throws: `AWSError` naming the source and what went wrong.
    public func configuration(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                              timeout: Double = AWSClientConfiguration.defaultTimeout, trace: AWSTrace? = nil,
                              mfaCodeReader: MFACodeReader? = nil,
                              clock: @escaping @Sendable () -> Date = { Date() }) async throws -> AWSClientConfiguration {
        let files = try loadFiles()
        var settings = try connectionSettings(profileName: profileName(profile), files: files, region: region, endpointURL: endpointURL)
        settings.timeout = timeout
        settings.trace = trace
        let selected = try select(profile: profile, files: files, settings: settings, mfaCodeReader: mfaCodeReader, clock: clock)
        trace?("credentials: trying \(selected.provider.sourceDescription)")
        var configuration: AWSClientConfiguration
        if let fixed = selected.provider as? StaticCredentials {
            configuration = settings.configuration(fixed.value)
        } else {
            let refreshing = RefreshingCredentials(selected.provider, clock: clock)
            configuration = settings.configuration(try await refreshing.credentials())
            configuration.credentialProvider = refreshing
        }
        configuration.profile = selected.profile
        if let expiration = configuration.credentials.expiration {
            trace?("credentials: from \(configuration.credentials.source), temporary until \(RefreshingCredentials.shown(expiration))")
        } else {
            trace?("credentials: from \(configuration.credentials.source)")
        }
        return configuration
    }

    /// The source the chain picks, and the profile it came from (nil for the environment,
    /// containers and instances). Nothing is called yet.
    func select(profile explicit: String?, files: LoadedFiles, settings: AWSConnectionSettings, mfaCodeReader: MFACodeReader?,
                clock: @escaping @Sendable () -> Date = { Date() }) throws -> (provider: any CredentialProvider, profile: String?) {
        let name = profileName(explicit)
        if explicit == nil, let environment = try environmentCredentials() {
            return (StaticCredentials(environment), nil)
        }
        let context = SourceContext(files: files, settings: settings, mfaCodeReader: mfaCodeReader, clock: clock)
        let exists = files.credentials?.profile(name) != nil || files.config?.profile(name) != nil
        if explicit != nil, !exists {
            throw AWSError(.credentialsNotFound, "profile '\(name)' is not in \(lookedIn)")
        }
        if let provider = try profileSource(name, context: context, visited: [name], useEnvironment: explicit == nil) {
            return (provider, name)
        }
        if let container = try ContainerCredentials.fromEnvironment(environment) {
            return (container, nil)
        }
        let lookedFor = exists
            ? "profile '\(name)' has no credentials in \(lookedIn)"
            : "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile '\(name)' to \(lookedIn)"
        if let instance = try InstanceMetadataCredentials.fromEnvironment(environment) {
            return (LastResortCredentials(base: instance, lookedFor: lookedFor), nil)
        }
        throw AWSError(.credentialsNotFound, "no AWS credentials: \(lookedFor) (EC2 instance metadata is disabled)")
    }

    struct SourceContext {
        let files: LoadedFiles
        let settings: AWSConnectionSettings
        let mfaCodeReader: MFACodeReader?
        let clock: @Sendable () -> Date
    }

    private var lookedIn: String {
        [display(credentialsFilePath), display(configFilePath)].joined(separator: " and ")
    }

    /// The profile's settings, the credentials file's winning over the config file's (as botocore merges them).
    private func merged(_ name: String, _ files: LoadedFiles) -> [String: String] {
        (files.config?.profile(name) ?? [:]).merging(files.credentials?.profile(name) ?? [:]) { _, fromCredentials in fromCredentials }
    }

    /// Steps 2 to 7 for one profile; nil when the profile gives no credentials.
    private func profileSource(_ name: String, context: SourceContext, visited: [String], useEnvironment: Bool) throws -> (any CredentialProvider)? {
        let settings = merged(name, context.files)
        if settings["role_arn"] != nil, settings["web_identity_token_file"] == nil {
            return try assumeRole(name, settings: settings, context: context, visited: visited)
        }
        if let webIdentity = try webIdentity(name, settings: settings, context: context, useEnvironment: useEnvironment) {
            return webIdentity
        }
        if settings["sso_session"] != nil || settings["sso_start_url"] != nil {
            return try sso(name, settings: settings, context: context)
        }
        if let file = context.files.credentials, let keys = file.profile(name), Self.hasKeys(keys) {
            return StaticCredentials(try Self.credentials(from: keys, profile: name, path: display(file.path)))
        }
        if let command = settings["credential_process"], !command.isEmpty {
            return ProcessCredentials(profile: name, commandLine: command, timeout: context.settings.timeout, environment: environment)
        }
        if let file = context.files.config, let keys = file.profile(name), Self.hasKeys(keys) {
            return StaticCredentials(try Self.credentials(from: keys, profile: name, path: display(file.path)))
        }
        return nil
    }

    private static func hasKeys(_ settings: [String: String]) -> Bool {
        settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil
    }

    private func assumeRole(_ name: String, settings: [String: String], context: SourceContext, visited: [String]) throws -> any CredentialProvider {
        let roleARN = settings["role_arn"] ?? ""
        let source: any CredentialProvider
        switch (settings["source_profile"].flatMap { $0.isEmpty ? nil : $0 }, settings["credential_source"].flatMap { $0.isEmpty ? nil : $0 }) {
        case (_?, _?):
            throw AWSError(.invalidInput, "profile '\(name)' has both source_profile and credential_source; keep one")
        case (nil, nil):
            throw AWSError(.invalidInput, "profile '\(name)' has role_arn but neither source_profile nor credential_source")
        case let (sourceName?, nil):
            source = try sourceProfile(sourceName, of: name, context: context, visited: visited)
        case let (nil, credentialSource?):
            source = try self.credentialSource(credentialSource, of: name)
        }
        var duration: Int?
        if let text = settings["duration_seconds"] {
            guard let value = Int(text), STSClient.sessionDurationRange.contains(value) else {
                throw AWSError(.invalidInput, "profile '\(name)': duration_seconds must be a whole number from "
                               + "\(STSClient.sessionDurationRange.lowerBound) to \(STSClient.sessionDurationRange.upperBound)")
            }
            duration = value
        }
        let sessionName = settings["role_session_name"].flatMap { $0.isEmpty ? nil : $0 }
        if let sessionName, !STSClient.isValidSessionName(sessionName) {
            throw AWSError(.invalidInput, "profile '\(name)': role_session_name must be 2 to 64 letters, digits or +=,.@_-")
        }
        return AssumeRoleCredentials(profile: name, roleARN: roleARN, sessionName: sessionName,
                                     externalID: settings["external_id"].flatMap { $0.isEmpty ? nil : $0 }, durationSeconds: duration,
                                     mfaSerial: settings["mfa_serial"].flatMap { $0.isEmpty ? nil : $0 }, source: source,
                                     settings: context.settings, mfaCodeReader: context.mfaCodeReader, clock: context.clock)
    }

    /// What a `source_profile` gives: its keys, its own role (a further hop), or its other sources.
    private func sourceProfile(_ sourceName: String, of name: String, context: SourceContext, visited: [String]) throws -> any CredentialProvider {
        guard context.files.credentials?.profile(sourceName) != nil || context.files.config?.profile(sourceName) != nil else {
            throw AWSError(.credentialsNotFound, "profile '\(name)': source_profile '\(sourceName)' is not in \(lookedIn)")
        }
        let settings = merged(sourceName, context.files)
        let hasRole = settings["role_arn"] != nil && settings["web_identity_token_file"] == nil
        if Self.hasKeys(settings), !hasRole || sourceName == name {
            let path = context.files.credentials?.profile(sourceName).map { Self.hasKeys($0) } == true
                ? context.files.credentials?.path : context.files.config?.path
            return StaticCredentials(try Self.credentials(from: settings, profile: sourceName, path: display(path ?? "")))
        }
        if hasRole {
            guard !visited.contains(sourceName) else {
                throw AWSError(.invalidInput, "profiles \((visited + [sourceName]).map { "'\($0)'" }.joined(separator: " -> ")) "
                               + "name each other as source_profile in a loop")
            }
            return try assumeRole(sourceName, settings: settings, context: context, visited: visited + [sourceName])
        }
        guard let provider = try profileSource(sourceName, context: context, visited: visited + [sourceName], useEnvironment: false) else {
            throw AWSError(.credentialsNotFound, "profile '\(name)': source_profile '\(sourceName)' has no credentials")
        }
        return provider
    }

    private func credentialSource(_ value: String, of name: String) throws -> any CredentialProvider {
        switch value {
        case "Environment":
            guard let credentials = try environmentCredentials() else {
                throw AWSError(.credentialsNotFound, "profile '\(name)' has credential_source = Environment, "
                               + "but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
            }
            return StaticCredentials(credentials)
        case "Ec2InstanceMetadata":
            guard let instance = try InstanceMetadataCredentials.fromEnvironment(environment) else {
                throw AWSError(.credentialsNotFound, "profile '\(name)' has credential_source = Ec2InstanceMetadata, "
                               + "but AWS_EC2_METADATA_DISABLED is true")
            }
            return instance
        case "EcsContainer":
            guard let container = try ContainerCredentials.fromEnvironment(environment) else {
                throw AWSError(.credentialsNotFound, "profile '\(name)' has credential_source = EcsContainer, "
                               + "but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
            }
            return container
        default:
            throw AWSError(.invalidInput, "profile '\(name)': credential_source must be Environment, Ec2InstanceMetadata or EcsContainer")
        }
    }

    private func webIdentity(_ name: String, settings: [String: String], context: SourceContext,
                             useEnvironment: Bool) throws -> (any CredentialProvider)? {
        let fromProfile = settings["web_identity_token_file"].flatMap { $0.isEmpty ? nil : $0 }
        let tokenFile = fromProfile ?? (useEnvironment ? nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE") : nil)
        guard let tokenFile else { return nil }
        let origin = fromProfile != nil ? "profile '\(name)'" : "AWS_WEB_IDENTITY_TOKEN_FILE"
        guard let roleARN = settings["role_arn"].flatMap({ $0.isEmpty ? nil : $0 }) ?? (useEnvironment ? nonEmpty("AWS_ROLE_ARN") : nil) else {
            throw AWSError(.invalidInput, "\(origin) names a web identity token file but no role: set "
                           + (fromProfile != nil ? "role_arn in the profile" : "AWS_ROLE_ARN"))
        }
        let sessionName = settings["role_session_name"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (useEnvironment ? nonEmpty("AWS_ROLE_SESSION_NAME") : nil)
        if let sessionName, !STSClient.isValidSessionName(sessionName) {
            throw AWSError(.invalidInput, "\(origin): the role session name must be 2 to 64 letters, digits or +=,.@_-")
        }
        return WebIdentityCredentials(tokenFile: expand(tokenFile), roleARN: roleARN, sessionName: sessionName, origin: origin,
                                      settings: context.settings, clock: context.clock)
    }

    private func sso(_ name: String, settings: [String: String], context: SourceContext) throws -> any CredentialProvider {
        var startURL = settings["sso_start_url"]
        var region = settings["sso_region"]
        let sessionName = settings["sso_session"].flatMap { $0.isEmpty ? nil : $0 }
        if let sessionName {
            guard let session = context.files.config?.ssoSessions[sessionName] else {
                throw AWSError(.invalidInput, "profile '\(name)' names sso_session '\(sessionName)', but \(display(configFilePath)) "
                               + "has no [sso-session \(sessionName)] section")
            }
            startURL = session["sso_start_url"] ?? startURL
            region = session["sso_region"] ?? region
        }
        let missing = [("sso_start_url", startURL), ("sso_region", region), ("sso_account_id", settings["sso_account_id"]),
                       ("sso_role_name", settings["sso_role_name"])].filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.isEmpty, let startURL, let region, let account = settings["sso_account_id"], let role = settings["sso_role_name"] else {
            throw AWSError(.invalidInput, "profile '\(name)' uses IAM Identity Center but has no \(missing.joined(separator: ", "))")
        }
        guard Self.isPlausibleRegion(region) else {
            throw AWSError(.invalidInput, "profile '\(name)': sso_region '\(region)' is not a region name like us-east-1")
        }
        let portal = try nonEmpty("AWS_ENDPOINT_URL_SSO").map { try Self.httpURL($0, what: "AWS_ENDPOINT_URL_SSO") }
        return SSOCredentials(profile: name, sessionName: sessionName, startURL: startURL, ssoRegion: region, accountID: account,
                              roleName: role, cacheDirectory: homeDirectory + "/.aws/sso/cache", portalEndpoint: portal,
                              settings: context.settings, clock: context.clock)
    }
}

/// The chain's last source, EC2 instance metadata: when it is not there either, the message says
/// everything that was looked for.
struct LastResortCredentials: CredentialProvider {
    let base: InstanceMetadataCredentials
    let lookedFor: String

    var sourceDescription: String { base.sourceDescription + " (nothing else applied)" }

    func credentials() async throws -> AWSCredentials {
        do {
            return try await base.credentials()
        } catch let error as AWSError where error.code == .credentialsNotFound {
            throw notFound(error.reason)
        }
    }

    func notFound(_ instanceReason: String?) -> AWSError {
        AWSError(.credentialsNotFound, "no AWS credentials: \(lookedFor)" + (instanceReason.map { "; \($0)" } ?? ""))
    }
}
