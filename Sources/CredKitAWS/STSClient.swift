import Foundation

/// AWS Security Token Service over the Query API. `getCallerIdentity` needs no permission,
/// so it is the way to ask AWS whether a key pair is valid and whose it is.
public struct STSClient: Sendable {
    /// The underlying Query-API client.
    public var query: AWSQueryClient

    /// Creates a client for the regional STS endpoint (or the configured override).
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        let endpoint = configuration.stsEndpoint
        let signer = SigV4Signer(credentials: configuration.credentials, region: endpoint.signingRegion, service: "sts")
        query = AWSQueryClient(endpoint: endpoint.url, signer: signer, version: "2011-06-15", retry: retry,
                               timeout: configuration.timeout, caBundle: configuration.caBundle, proxies: configuration.proxies,
                               clock: clock)
        query.credentialProvider = configuration.credentialProvider
        query.trace = configuration.trace
    }

    /// Who the credentials belong to.
    /// - Throws: `AWSError` with `.signatureDoesNotMatch` (wrong secret), `.invalidClientTokenId`
    ///   (unknown key), `.expiredToken`, or a transport error.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await query.call("GetCallerIdentity")
        guard let account = result.value("Account"), let arn = result.value("Arn") else {
            throw AWSError(.transport, "GetCallerIdentity: the response has no Account or Arn")
        }
        return CallerIdentity(account: account, arn: arn, userID: result.value("UserId") ?? "")
    }
}
