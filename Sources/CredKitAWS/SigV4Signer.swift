import CredKitCrypto
import Foundation

/// AWS Signature Version 4 (header signing, `AWS4-HMAC-SHA256`) over CredKitCrypto's SHA-256 and HMAC.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
/// let signed = signer.signed(request, at: Date())
/// ```
/// The signing key is derived per call from the secret in wiped storage; intermediate keys are wiped.
public struct SigV4Signer: Sendable {
    /// The credentials that sign.
    public let credentials: AWSCredentials
    /// The region in the credential scope (`us-east-1` for IAM and global STS).
    public let region: String
    /// The service in the credential scope (`iam`, `sts`).
    public let service: String

    /// Headers that proxies and clients change in flight, so AWS SDKs never sign them.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id", "connection"]

    /// Creates a signer for one region and service.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Signs `request` as of `date`.
    ///
    /// An `X-Amz-Date` header already on the request is used as is (test vectors pin it that way);
    /// otherwise one is made from `date`. Temporary credentials add `X-Amz-Security-Token`, signed.
    /// - Returns: every intermediate text and the headers to add.
    public func sign(_ request: SigV4Request, at date: Date) -> SigV4Signature {
        var toSign = request
        var added: [SigV4Request.Header] = []
        let amzDate: String
        if let given = request.header("x-amz-date") {
            amzDate = given.trimmingCharacters(in: .whitespaces)
        } else {
            amzDate = AWSTimestamp.amzDate(date)
            let header = SigV4Request.Header("X-Amz-Date", amzDate)
            toSign.headers.append(header)
            added.append(header)
        }
        if let token = credentials.sessionToken {
            let value = token.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            toSign.headers.removeAll { $0.name.lowercased() == "x-amz-security-token" }
            let header = SigV4Request.Header("X-Amz-Security-Token", value)
            toSign.headers.append(header)
            added.append(header)
        }
        if toSign.header("host") == nil {
            toSign.headers.append(SigV4Request.Header("host", request.host))
        }

        let canonical = Self.canonicalRequest(toSign)
        let scopeDay = String(amzDate.prefix(8))
        let scope = "\(scopeDay)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Hex.encode(Digest.hash(.sha256, canonical.text)))"
        let signature = Hex.encode(signature(of: stringToSign, day: scopeDay))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), " +
            "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        added.append(SigV4Request.Header("Authorization", authorization))
        return SigV4Signature(
            canonicalRequest: canonical.text, stringToSign: stringToSign, signature: signature,
            signedHeaders: canonical.signedHeaders, scope: scope, authorization: authorization, addedHeaders: added)
    }

    /// `request` with the signing headers added (an existing `Authorization` is replaced).
    public func signed(_ request: SigV4Request, at date: Date) -> SigV4Request {
        var result = request
        result.headers.removeAll { $0.name.lowercased() == "authorization" }
        let signature = sign(result, at: date)
        for header in signature.addedHeaders {
            result.headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
            result.headers.append(header)
        }
        return result
    }

    /// HMAC chain: kDate = HMAC("AWS4" + secret, day), kRegion, kService, kSigning, then the signature.
    private func signature(of stringToSign: String, day: String) -> [UInt8] {
        let prefix = Array("AWS4".utf8)
        let secretKey = credentials.secretAccessKey.withUnsafeBytes { secret in
            SecretBytes(count: prefix.count + secret.count) { out in
                out.copyBytes(from: prefix)
                UnsafeMutableRawBufferPointer(rebasing: out[prefix.count...]).copyMemory(from: secret)
                return out.count
            }
        }
        var kDate = HMACKey(.sha256, key: secretKey).authenticate(Array(day.utf8))
        var kRegion = HMAC.authenticate(.sha256, key: kDate, message: Array(region.utf8))
        var kService = HMAC.authenticate(.sha256, key: kRegion, message: Array(service.utf8))
        var kSigning = HMAC.authenticate(.sha256, key: kService, message: Array("aws4_request".utf8))
        let result = HMAC.authenticate(.sha256, key: kSigning, message: Array(stringToSign.utf8))
        wipe(&kDate)
        wipe(&kRegion)
        wipe(&kService)
        wipe(&kSigning)
        return result
    }
}
