import Foundation

extension AWSError {
    /// Maps an AWS error code and message, whatever the protocol carried them in, to an
    /// `AWSError` whose reason says what to do.
    /// - Parameters:
    ///   - operation: the action called (`ListUsers`, `DescribeTrails`).
    ///   - permission: the IAM action it needs (`iam:ListUsers`), named when access is denied.
    static func service(operation: String, permission: String, status: Int, code: String?, message: String?) -> AWSError {
        let message = AWSQueryClient.redactKeyIDs(message ?? "")
        let detail = message.isEmpty ? "" : " (AWS: \(message))"
        switch code {
        case "SignatureDoesNotMatch", "InvalidSignatureException":
            return AWSError(.signatureDoesNotMatch,
                            "\(operation): \(code ?? "SignatureDoesNotMatch"): the secret access key does not match the access key ID, or the clock is off\(detail)",
                            serviceCode: code, httpStatus: status)
        case "InvalidClientTokenId", "InvalidAccessKeyId", "UnrecognizedClientException":
            return AWSError(.invalidClientTokenId,
                            "\(operation): \(code ?? "InvalidClientTokenId"): AWS does not know this access key ID (deleted, mistyped, or another partition)\(detail)",
                            serviceCode: code, httpStatus: status)
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            return AWSError(.expiredToken, "\(operation): \(code ?? "ExpiredToken"): the credentials have expired; get fresh ones\(detail)",
                            serviceCode: code, httpStatus: status)
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException", "AuthFailure":
            return AWSError(.accessDenied, "\(operation): AccessDenied: these credentials may not call \(permission)\(detail)",
                            serviceCode: code, httpStatus: status)
        case "NoSuchEntity":
            return AWSError(.noSuchEntity, "\(operation): NoSuchEntity\(detail)", serviceCode: code, httpStatus: status)
        case "EntityAlreadyExists":
            return AWSError(.entityAlreadyExists, "\(operation): EntityAlreadyExists\(detail)", serviceCode: code, httpStatus: status)
        case "InvalidAuthenticationCode":
            return AWSError(.invalidAuthenticationCode, "\(operation): InvalidAuthenticationCode\(detail)", serviceCode: code, httpStatus: status)
        case let code? where code.hasPrefix("NoSuch") || code.hasSuffix("NotFoundException") || code == "NotFoundException":
            return AWSError(.noSuchEntity, "\(operation): \(code)\(detail)", serviceCode: code, httpStatus: status)
        case "LimitExceeded":
            return AWSError(.limitExceeded, "\(operation): LimitExceeded\(detail)", serviceCode: code, httpStatus: status)
        case "ReportInProgress":
            return AWSError(.reportInProgress, "\(operation): ReportInProgress\(detail)", serviceCode: code, httpStatus: status)
        case let code? where RetryPolicy.retryableCodes.contains(code):
            return AWSError(.throttled, "\(operation): \(code) (HTTP \(status)), still failing after retries\(detail)",
                            serviceCode: code, httpStatus: status)
        case let code?:
            return AWSError(.serviceError, "\(operation): \(code) (HTTP \(status))\(detail)", serviceCode: code, httpStatus: status)
        case nil:
            return AWSError(status == 429 ? .throttled : .transport,
                            "\(operation): HTTP \(status) without an AWS error document", httpStatus: status)
        }
    }

    /// The cause AWS's InvalidClientTokenId hides when the key and the session token do not go
    /// together: temporary (ASIA) keys need their token; long-term (AKIA) keys take none.
    static func tokenMismatch(_ credentials: AWSCredentials) -> String? {
        let id = credentials.accessKeyID
        if id.hasPrefix("ASIA"), credentials.sessionToken == nil {
            return "\(AccessKeyID.redact(id)) is a temporary (ASIA) key, and no session token was given with it "
                + "(set AWS_SESSION_TOKEN, or aws_session_token in the profile, from the same credentials)"
        }
        if id.hasPrefix("AKIA"), credentials.sessionToken != nil {
            return "\(AccessKeyID.redact(id)) is a long-term (AKIA) key, but a session token was given with it "
                + "(a stray AWS_SESSION_TOKEN or aws_session_token from other credentials? remove it)"
        }
        return nil
    }
}
