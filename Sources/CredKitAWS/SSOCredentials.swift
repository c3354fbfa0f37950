import CredKitCrypto
import CredKitHTTP
import CredKitJSON
import Foundation

/// IAM Identity Center (SSO): reads the access token `aws sso login` cached under
/// `~/.aws/sso/cache/` and exchanges it at the portal (`GetRoleCredentials`:
/// `GET /federation/credentials?role_name=...&account_id=...` with `x-amz-sso_bearer_token`) for
/// role credentials. Both config forms work: `sso_session` naming an `[sso-session]` section, and
/// the legacy `sso_start_url` + `sso_region` in the profile. The token is never refreshed here:
/// when it is missing or expired, the message says to run `aws sso login --profile NAME`.
public struct SSOCredentials: CredentialProvider {
    /// The largest cache file read, in bytes.
    public static let maximumCacheFileBytes = 65_536

    /// The profile.
    public let profile: String
    /// `sso_session`, nil for the legacy form.
    public let sessionName: String?
    /// `sso_start_url`.
    public let startURL: String
    /// `sso_region`: the portal's region.
    public let ssoRegion: String
    /// `sso_account_id`.
    public let accountID: String
    /// `sso_role_name`.
    public let roleName: String
    /// `~/.aws/sso/cache`.
    public let cacheDirectory: String
    /// The portal endpoint override (`AWS_ENDPOINT_URL_SSO`); nil for `https://portal.sso.REGION.amazonaws.com`.
    public let portalEndpoint: URL?
    /// Where requests go and how long they may take.
    public let settings: AWSConnectionSettings
    private let clock: @Sendable () -> Date

    /// Creates the provider.
    public init(profile: String, sessionName: String?, startURL: String, ssoRegion: String, accountID: String, roleName: String,
                cacheDirectory: String, portalEndpoint: URL?, settings: AWSConnectionSettings, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.profile = profile
        self.sessionName = sessionName
        self.startURL = startURL
        self.ssoRegion = ssoRegion
        self.accountID = accountID
        self.roleName = roleName
        self.cacheDirectory = cacheDirectory
        self.portalEndpoint = portalEndpoint
        self.settings = settings
        self.clock = clock
    }

    public var sourceDescription: String {
        "IAM Identity Center (profile '\(profile)', account \(accountID), role \(roleName))"
    }

    /// The cache file `aws sso login` writes: the SHA-1 (hex) of the session name, or of the start URL in the legacy form.
    public var cacheFile: String {
        cacheDirectory + "/" + Hex.encode(Digest.hash(.sha1, sessionName ?? startURL)) + ".json"
    }

    /// The portal URL for this account and role.
    public var requestURL: URL? {
        let base = portalEndpoint?.absoluteString ?? "https://portal.sso.\(ssoRegion).\(ssoRegion.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com")"
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let role = SigV4Signer.percentEncode(roleName, keepSlash: false)
        let account = SigV4Signer.percentEncode(accountID, keepSlash: false)
        return URL(string: "\(trimmed)/federation/credentials?role_name=\(role)&account_id=\(account)")
    }

    public func credentials() async throws -> AWSCredentials {
        let token = try cachedToken()
        guard let url = requestURL else {
            throw AWSError(.invalidInput, "profile '\(profile)': sso_role_name or sso_account_id cannot be put in a URL")
        }
        let http = HTTPClient(timeout: settings.timeout, caBundle: settings.caBundle, proxies: settings.proxies)
        let response: HTTPResponse
        do {
            response = try await http.send("GET", to: url, headers: [("x-amz-sso_bearer_token", token), ("Accept", "application/json")])
        } catch let error as HTTPError {
            settings.trace?("AWS call: sso GetRoleCredentials at \(url.redactedForDisplay): \(error.reason)")
            throw AWSError(.transport, "profile '\(profile)': cannot reach IAM Identity Center at \(url.redactedForDisplay): \(error.reason)")
        }
        settings.trace?("AWS call: sso GetRoleCredentials at \(url.redactedForDisplay): HTTP \(response.status)")
        switch response.status {
        case 200:
            return try parse(response.body)
        case 401:
            throw AWSError(.expiredToken, "profile '\(profile)': the IAM Identity Center token was refused (expired or signed out); "
                           + "run aws sso login --profile \(profile)", httpStatus: 401)
        case 403:
            throw AWSError(.accessDenied, "profile '\(profile)': IAM Identity Center does not give role \(roleName) in account \(accountID) "
                           + "to this user (HTTP 403)", httpStatus: 403)
        default:
            throw AWSError(.transport, "profile '\(profile)': GetRoleCredentials answered HTTP \(response.status)", httpStatus: response.status)
        }
    }

    /// The cached access token, if present and not expired.
    func cachedToken() throws -> String {
        let login = "run aws sso login --profile \(profile)"
        guard let handle = FileHandle(forReadingAtPath: cacheFile) else {
            throw AWSError(.credentialsNotFound, "profile '\(profile)': no IAM Identity Center token is cached; \(login)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maximumCacheFileBytes + 1)) ?? nil ?? Data()
        guard data.count <= Self.maximumCacheFileBytes else {
            throw AWSError(.invalidInput, "profile '\(profile)': \(cacheFile) is larger than \(Self.maximumCacheFileBytes) bytes "
                           + "(SSOCredentials.maximumCacheFileBytes)")
        }
        guard let object = try? JSONReader.parse(data).objectValue, let token = object["accessToken"]?.stringValue, !token.isEmpty,
              let expiresAt = object["expiresAt"]?.stringValue.flatMap(Self.parseExpiry) else {
            throw AWSError(.credentialsNotFound, "profile '\(profile)': the cached IAM Identity Center token is unreadable; \(login)")
        }
        guard expiresAt > clock() else {
            throw AWSError(.expiredToken, "profile '\(profile)': the IAM Identity Center token expired at "
                           + "\(ISO8601DateFormatter().string(from: expiresAt)); \(login)")
        }
        guard !token.utf8.contains(where: { $0 < 0x20 }) else {
            throw AWSError(.credentialsNotFound, "profile '\(profile)': the cached IAM Identity Center token is unreadable; \(login)")
        }
        return token
    }

    /// `expiresAt` as the AWS CLI writes it: `2024-01-01T00:00:00Z`, or with `UTC` in place of `Z` (older CLIs).
    static func parseExpiry(_ text: String) -> Date? {
        AWSTimestamp.parseISO8601(text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text)
    }

    /// Reads `roleCredentials` of a GetRoleCredentials answer (expiration in epoch milliseconds).
    func parse(_ body: Data) throws -> AWSCredentials {
        let what = "profile '\(profile)': GetRoleCredentials"
        guard body.count <= MetadataCredentialsDocument.maximumBytes,
              let object = try? JSONReader.parse(body).objectValue, let role = object["roleCredentials"]?.objectValue,
              let id = role["accessKeyId"]?.stringValue, !id.isEmpty,
              let secret = role["secretAccessKey"]?.stringValue, !secret.isEmpty else {
            throw AWSError(.transport, "\(what): the answer has no roleCredentials with accessKeyId and secretAccessKey")
        }
        var expiration: Date?
        if case let .number(milliseconds)? = role["expiration"], let value = milliseconds.double {
            expiration = Date(timeIntervalSince1970: value / 1000)
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: role["sessionToken"]?.stringValue,
                              source: "IAM Identity Center (profile '\(profile)')", expiration: expiration)
    }
}
