import Foundation

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS service accounts, CI OIDC), or a profile's
/// `web_identity_token_file` + `role_arn`: STS `AssumeRoleWithWebIdentity` with the token in the
/// file, read again at each refresh (the platform rotates it).
public struct WebIdentityCredentials: CredentialProvider {
    /// The largest token file read, in bytes (OIDC tokens are a few kB; STS takes at most 20,000 characters).
    public static let maximumTokenBytes = 20_000

    /// The token file.
    public let tokenFile: String
    /// The role to assume.
    public let roleARN: String
    /// `AWS_ROLE_SESSION_NAME` / `role_session_name`, or nil for `credkit-<time>`.
    public let sessionName: String?
    /// Where the settings came from, for messages: `environment`, `profile 'eks'`.
    public let origin: String
    /// Where STS is.
    public let settings: AWSConnectionSettings
    private let clock: @Sendable () -> Date

    /// Creates the provider.
    public init(tokenFile: String, roleARN: String, sessionName: String?, origin: String, settings: AWSConnectionSettings,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.origin = origin
        self.settings = settings
        self.clock = clock
    }

    public var sourceDescription: String { "web identity (\(origin), role \(roleARN))" }

    public func credentials() async throws -> AWSCredentials {
        let token = try readToken()
        // Unsigned: any credentials will do for the configuration, none are sent.
        let placeholder = AWSCredentials(accessKeyID: "", secretAccessKey: "", source: "none")
        let sts = STSClient(configuration: settings.configuration(placeholder), retry: RetryPolicy(maximumAttempts: 3))
        do {
            return try await sts.assumeRoleWithWebIdentity(roleARN: roleARN, sessionName: sessionName ?? STSClient.defaultSessionName(at: clock()),
                                                           token: token, source: "web identity (\(origin))")
        } catch let error as AWSError {
            throw AWSError(error.code, "web identity (\(origin)): cannot assume \(roleARN) with the token in \(tokenFile): \(error.reason)",
                           serviceCode: error.serviceCode, httpStatus: error.httpStatus)
        }
    }

    private func readToken() throws -> String {
        guard let handle = FileHandle(forReadingAtPath: tokenFile) else {
            throw AWSError(.credentialsNotFound, "web identity (\(origin)): cannot read the token file \(tokenFile)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maximumTokenBytes + 1)) ?? nil ?? Data()
        guard data.count <= Self.maximumTokenBytes else {
            throw AWSError(.invalidInput, "web identity (\(origin)): \(tokenFile) is larger than \(Self.maximumTokenBytes) bytes "
                           + "(WebIdentityCredentials.maximumTokenBytes); it is not a token")
        }
        guard let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw AWSError(.invalidInput, "web identity (\(origin)): \(tokenFile) holds no token")
        }
        return text
    }
}
