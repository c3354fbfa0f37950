import Foundation

/// The STS calls of the credential chain: AssumeRole (role profiles) and
/// AssumeRoleWithWebIdentity (EKS, CI runners with OIDC tokens).
extension STSClient {
    /// Shortest and longest role sessions STS grants, in seconds (`DurationSeconds`).
    public static let sessionDurationRange = 900...43_200

    /// Assumes a role with the client's credentials (`AssumeRole`).
    /// - Parameters:
    ///   - roleARN: the role to assume.
    ///   - sessionName: `RoleSessionName`, shown in CloudTrail and the assumed-role ARN.
    ///   - externalID: `ExternalId`, when the trust policy asks for one.
    ///   - durationSeconds: `DurationSeconds`; STS's default (one hour) when nil.
    ///   - mfaSerial: `SerialNumber` of the MFA device, with `tokenCode` the code it shows.
    ///   - source: the label the returned credentials carry.
    /// - Returns: temporary credentials with their expiration.
    public func assumeRole(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
                           mfaSerial: String? = nil, tokenCode: String? = nil, source: String) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        if let mfaSerial, let tokenCode {
            parameters += [("SerialNumber", mfaSerial), ("TokenCode", tokenCode)]
        }
        let result = try await query.call("AssumeRole", parameters)
        return try Self.temporaryCredentials(in: result, action: "AssumeRole", source: source)
    }

    /// Exchanges an OpenID Connect token for role credentials (`AssumeRoleWithWebIdentity`).
    /// The call is unsigned, as AWS takes it: the token is the proof.
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String, durationSeconds: Int? = nil,
                                          source: String) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        var unsigned = query
        unsigned.signsRequests = false
        let result = try await unsigned.call("AssumeRoleWithWebIdentity", parameters)
        return try Self.temporaryCredentials(in: result, action: "AssumeRoleWithWebIdentity", source: source)
    }

    /// Reads `<Credentials>` of an AssumeRole* answer.
    static func temporaryCredentials(in result: QueryXMLNode, action: String, source: String) throws -> AWSCredentials {
        guard let credentials = result.child("Credentials"), let id = credentials.value("AccessKeyId"),
              let secret = credentials.value("SecretAccessKey"), let token = credentials.value("SessionToken"),
              !id.isEmpty, !secret.isEmpty, !token.isEmpty else {
            throw AWSError(.transport, "\(action): the response has no complete Credentials")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token, source: source,
                              expiration: credentials.value("Expiration").flatMap(AWSTimestamp.parseISO8601))
    }

    /// Whether `name` is a valid `RoleSessionName`: 2 to 64 of `[A-Za-z0-9+=,.@_-]`.
    public static func isValidSessionName(_ name: String) -> Bool {
        (2...64).contains(name.utf8.count) && name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a) || "+=,.@_-".utf8.contains($0)
        }
    }

    /// A session name like the SDKs' when none is configured: `credkit-<unix seconds>`.
    public static func defaultSessionName(at date: Date) -> String {
        "credkit-\(Int(date.timeIntervalSince1970))"
    }
}
