import CredKitJSON
import Foundation

/// The JSON that ECS container endpoints and EC2 instance metadata answer with:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (and, from EC2, `Code`).
enum MetadataCredentialsDocument {
    /// The largest answer read, in bytes (a real one is under 2 kB).
    static let maximumBytes = 65_536

    static func parse(_ data: Data, what: String, source: String) throws -> AWSCredentials {
        guard data.count <= maximumBytes else {
            throw AWSError(.transport, "\(what): the answer is larger than \(maximumBytes) bytes")
        }
        let object: JSONObject
        do {
            guard let parsed = try JSONReader.parse(data).objectValue else {
                throw AWSError(.transport, "\(what): the answer is not a JSON object")
            }
            object = parsed
        } catch let error as JSONError {
            throw AWSError(.transport, "\(what): the answer is not JSON (\(error.code.rawValue) at line \(error.line))")
        }
        if let code = object["Code"]?.stringValue, code != "Success" {
            throw AWSError(.credentialsNotFound, "\(what): the answer's Code is \(code), not Success")
        }
        guard let id = object["AccessKeyId"]?.stringValue, !id.isEmpty,
              let secret = object["SecretAccessKey"]?.stringValue, !secret.isEmpty else {
            throw AWSError(.transport, "\(what): the answer has no AccessKeyId and SecretAccessKey")
        }
        let token = object["Token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let expiration = object["Expiration"]?.stringValue.flatMap(AWSTimestamp.parseISO8601)
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token, source: source, expiration: expiration)
    }
}
