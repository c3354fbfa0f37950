import Foundation

/// Asks for the code an MFA device shows, given the device's serial (ARN); reads it from the
/// terminal, never from arguments.
public typealias MFACodeReader = @Sendable (_ mfaSerial: String) async throws -> String

/// A profile with `role_arn`: STS `AssumeRole` signed by the credentials of its
/// `source_profile` or `credential_source`, with `external_id`, `role_session_name`,
/// `duration_seconds` and `mfa_serial` as the profile says.
public struct AssumeRoleCredentials: CredentialProvider {
    /// The profile that names the role.
    public let profile: String
    /// `role_arn`.
    public let roleARN: String
    /// `role_session_name`, or nil for `credkit-<time>`.
    public let sessionName: String?
    /// `external_id`.
    public let externalID: String?
    /// `duration_seconds`.
    public let durationSeconds: Int?
    /// `mfa_serial`.
    public let mfaSerial: String?
    /// The credentials that call AssumeRole.
    public let source: any CredentialProvider
    /// Where STS is.
    public let settings: AWSConnectionSettings
    /// Reads the MFA code when `mfaSerial` is set.
    public let mfaCodeReader: MFACodeReader?
    private let clock: @Sendable () -> Date

    /// Creates the provider; `CredentialsChain` builds it from a profile.
    public init(profile: String, roleARN: String, sessionName: String? = nil, externalID: String? = nil, durationSeconds: Int? = nil,
                mfaSerial: String? = nil, source: any CredentialProvider, settings: AWSConnectionSettings,
                mfaCodeReader: MFACodeReader? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.profile = profile
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.mfaSerial = mfaSerial
        self.source = source
        self.settings = settings
        self.mfaCodeReader = mfaCodeReader
        self.clock = clock
    }

    public var sourceDescription: String {
        "assume-role (profile '\(profile)', role \(roleARN), from \(source.sourceDescription))"
    }

    public func credentials() async throws -> AWSCredentials {
        let signing = try await source.credentials()
        var code: String?
        if let mfaSerial {
            guard let mfaCodeReader else {
                throw AWSError(.credentialsNotFound,
                               "profile '\(profile)' needs an MFA code for \(mfaSerial), and there is no terminal to ask for it")
            }
            let typed = try await mfaCodeReader(mfaSerial).trimmingCharacters(in: .whitespacesAndNewlines)
            guard (6...8).contains(typed.count), typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else {
                throw AWSError(.invalidInput, "profile '\(profile)': an MFA code is 6 digits")
            }
            code = typed
        }
        let sts = STSClient(configuration: settings.configuration(signing), retry: RetryPolicy(maximumAttempts: 3))
        do {
            return try await sts.assumeRole(roleARN: roleARN, sessionName: sessionName ?? STSClient.defaultSessionName(at: clock()),
                                            externalID: externalID, durationSeconds: durationSeconds, mfaSerial: mfaSerial,
                                            tokenCode: code, source: "assume-role (profile '\(profile)')")
        } catch let error as AWSError {
            throw AWSError(error.code, "profile '\(profile)': cannot assume \(roleARN) with \(source.sourceDescription): \(error.reason)",
                           serviceCode: error.serviceCode, httpStatus: error.httpStatus)
        }
    }
}
