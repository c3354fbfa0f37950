/// The result of signing: the texts of each SigV4 step and the headers to add to the request.
public struct SigV4Signature: Sendable, Hashable {
    /// Step 1: the canonical request.
    public let canonicalRequest: String
    /// Step 2: the string to sign.
    public let stringToSign: String
    /// Step 3: the signature, lowercase hex.
    public let signature: String
    /// `host;x-amz-date;...`
    public let signedHeaders: String
    /// The credential scope: `20150830/us-east-1/iam/aws4_request`.
    public let scope: String
    /// The `Authorization` header value.
    public let authorization: String
    /// Headers the signer added and that must be sent: `X-Amz-Date` (when it was missing),
    /// `X-Amz-Security-Token` (temporary credentials) and `Authorization`.
    public let addedHeaders: [SigV4Request.Header]
}
