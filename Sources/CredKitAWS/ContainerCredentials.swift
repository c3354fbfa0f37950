import CredKitHTTP
import Foundation

/// ECS and Fargate task roles, EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
/// `169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the token of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the
/// `Authorization` header.
public struct ContainerCredentials: CredentialProvider {
    /// The ECS agent's address for relative URIs.
    public static let relativeBase = "http://169.254.170.2"
    /// Seconds one request may take (botocore: 2).
    public static let requestTimeout: Double = 2
    /// Attempts before giving up (botocore: 3).
    public static let attempts = 3
    /// The largest token file read, in bytes.
    public static let maximumTokenBytes = 16_384

    /// The credentials URL.
    public let url: URL
    /// The authorization token, if any, read at each request.
    public let authorization: Authorization?

    /// Where the `Authorization` header comes from.
    public enum Authorization: Sendable {
        /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
        case token(String)
        /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, read again for every request (EKS rotates it).
        case file(String)
    }

    /// Creates the provider for a URL.
    public init(url: URL, authorization: Authorization?) {
        self.url = url
        self.authorization = authorization
    }

    /// The provider the environment describes, or nil when neither URI variable is set.
    /// - Parameter relativeBase: where relative URIs point (tests point it at loopback).
    /// - Throws: `AWSError.invalidInput` for a full URI that is neither https nor on a loopback
    ///   or container-metadata address (the SDKs' rule: no token sent elsewhere in the clear).
    public static func fromEnvironment(_ environment: [String: String], relativeBase: String = ContainerCredentials.relativeBase) throws -> ContainerCredentials? {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let url: URL
        if let relative = value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            guard let made = URL(string: relativeBase + (relative.hasPrefix("/") ? "" : "/") + relative) else {
                throw AWSError(.invalidInput, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a URL path")
            }
            url = made
        } else if let full = value("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let made = URL(string: full), let scheme = made.scheme?.lowercased(), let host = made.host else {
                throw AWSError(.invalidInput, "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(CredentialsChain.withoutUserInfo(full))' is not a URL")
            }
            let allowedHTTP = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost", "::1", "[::1]"]
            guard scheme == "https" || (scheme == "http" && (host.hasPrefix("127.") || allowedHTTP.contains(host.lowercased()))) else {
                throw AWSError(.invalidInput, "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http on a loopback or container metadata address, "
                               + "not \(made.redactedForDisplay)")
            }
            url = made
        } else {
            return nil
        }
        let authorization: Authorization? = value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").map { .file($0) }
            ?? value("AWS_CONTAINER_AUTHORIZATION_TOKEN").map { .token($0) }
        return ContainerCredentials(url: url, authorization: authorization)
    }

    public var sourceDescription: String { "container credentials (\(url.redactedForDisplay))" }

    public func credentials() async throws -> AWSCredentials {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let token = try authorizationToken() { headers.append(("Authorization", token)) }
        let http = HTTPClient(timeout: Self.requestTimeout, maximumBodySize: MetadataCredentialsDocument.maximumBytes)
        let what = "container credentials at \(url.redactedForDisplay)"
        var lastError = ""
        for attempt in 1...Self.attempts {
            do {
                let response = try await http.send("GET", to: url, headers: headers)
                if response.status == 200 {
                    return try MetadataCredentialsDocument.parse(response.body, what: what, source: "container credentials")
                }
                lastError = "HTTP \(response.status)"
                if (400...499).contains(response.status) { break } // refused: asking again will not help
            } catch let error as HTTPError {
                lastError = error.reason
            }
            if attempt < Self.attempts { try await Task.sleep(nanoseconds: 200_000_000) }
        }
        throw AWSError(.credentialsNotFound, "\(what): \(lastError)")
    }

    private func authorizationToken() throws -> String? {
        let token: String
        switch authorization {
        case nil: return nil
        case let .token(value): token = value
        case let .file(path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw AWSError(.credentialsNotFound, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot read \(path)")
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: Self.maximumTokenBytes + 1)) ?? nil ?? Data()
            guard data.count <= Self.maximumTokenBytes else {
                throw AWSError(.invalidInput, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: \(path) is larger than \(Self.maximumTokenBytes) bytes")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !token.utf8.contains(where: { $0 == 0x0d || $0 == 0x0a || $0 == 0 }) else {
            throw AWSError(.invalidInput, "the container authorization token contains a line break")
        }
        return token
    }
}
