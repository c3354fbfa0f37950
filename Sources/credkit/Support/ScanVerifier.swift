import CredKitAWS
import CredKitCrypto
import CredKitScan
import Foundation

/// `credkit scan --verify`: asks AWS whether each found key pair is live, with STS
/// `GetCallerIdentity` signed by the pair itself (a call that needs no permission).
/// Only run when the user asked: a scan never sends a secret anywhere otherwise.
enum ScanVerifier {
    /// Fills in `verification` for every finding that is an access key ID.
    static func verify(_ findings: [CredKitScan.Finding], endpointURL: String?, region: String, timeout: Double) throws -> [CredKitScan.Finding] {
        let endpoint: URL?
        if let endpointURL {
            guard let url = URL(string: endpointURL), url.scheme == "http" || url.scheme == "https" else {
                throw CLIFailure.input("--endpoint-url '\(CredentialsChain.withoutUserInfo(endpointURL))' is not an http(s) URL")
            }
            endpoint = url
        } else {
            endpoint = nil
        }
        var checked: [String: Verification] = [:]
        return try findings.map { finding in
            guard let secret = finding.pairedSecret?.secret else {
                var unpaired = finding
                if AccessKeyID.isWellFormed(finding.secret) {
                    unpaired.verification = .unknown(reason: "no secret access key was found next to this key ID")
                }
                return unpaired
            }
            let token = finding.sessionToken?.secret
            let cacheKey = CredKitScan.Finding.fingerprint(ruleID: "verify", secret: finding.secret + ":" + secret + ":" + (token ?? ""))
            var verified = finding
            if let known = checked[cacheKey] {
                verified.verification = known
                return verified
            }
            let result = try check(keyID: finding.secret, secret: secret, token: token, endpoint: endpoint, region: region, timeout: timeout)
            checked[cacheKey] = result
            verified.verification = result
            return verified
        }
    }

    private static func check(keyID: String, secret: String, token: String?, endpoint: URL?, region: String, timeout: Double) throws -> Verification {
        let credentials = AWSCredentials(accessKeyID: keyID, secretAccessKey: SecretBytes(copying: Array(secret.utf8)),
                                         sessionToken: token.map { SecretBytes(copying: Array($0.utf8)) }, source: "scan finding")
        let chain = CredentialsChain()
        var configuration = AWSClientConfiguration(credentials: credentials, region: region, endpointURL: endpoint,
                                                   caBundle: chain.caBundle, proxies: chain.proxies)
        configuration.timeout = timeout
        // One attempt: a refused key is an answer, not a reason to retry.
        let client = STSClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 2))
        let outcome: Result<CallerIdentity, AWSError> = try AsyncBridge.blocking {
            do {
                return .success(try await client.getCallerIdentity())
            } catch let error as AWSError {
                return .failure(error)
            }
        }
        switch outcome {
        case let .success(identity):
            return .active(arn: identity.arn, account: identity.account)
        case let .failure(error):
            switch error.code {
            case .invalidClientTokenId:
                let partition = configuration.partition
                return .inactive(reason: "AWS does not know this key ID (deleted, deactivated or never valid) in partition \(partition) "
                                 + "(region \(region)); a key of another partition needs --region or AWS_REGION there")
            case .signatureDoesNotMatch: return .inactive(reason: "the secret does not belong to this key ID")
            case .expiredToken: return .inactive(reason: "the session token has expired")
            default: return .unknown(reason: error.reason)
            }
        }
    }
}
