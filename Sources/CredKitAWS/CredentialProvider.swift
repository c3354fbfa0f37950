import Foundation

/// One source of the credential chain: environment keys, an assumed role, a credential process,
/// IAM Identity Center, a container or an instance. `credentials()` may call the network; the
/// chain wraps every source in `RefreshingCredentials`, which caches the answer and asks again
/// before it expires.
public protocol CredentialProvider: Sendable {
    /// Which source this is, for `--verbose` and messages, never a secret:
    /// `environment`, `assume-role (profile 'dev')`.
    var sourceDescription: String { get }

    /// Gets credentials from the source.
    /// - Throws: `AWSError` saying what is missing or what the source answered.
    func credentials() async throws -> AWSCredentials
}

/// Credentials known up front: environment variables or keys written in a profile.
public struct StaticCredentials: CredentialProvider {
    /// The credentials.
    public let value: AWSCredentials

    /// Wraps credentials that never change.
    public init(_ value: AWSCredentials) { self.value = value }

    public var sourceDescription: String { value.source }

    public func credentials() async throws -> AWSCredentials { value }
}

/// Receives one line about what the AWS side is doing (the chain source chosen, each call made),
/// for `--verbose`. Lines never contain a secret.
public typealias AWSTrace = @Sendable (String) -> Void
