import ArgumentParser
import CredKitAWS
import CredKitPolicy
import Foundation

/// `--live`: read the account's password policy from IAM (GetAccountPasswordPolicy).
struct PolicyLiveOptions: ParsableArguments {
    @Flag(help: "Read the policy from IAM (GetAccountPasswordPolicy) with the usual AWS credentials; no policy set means AWS's default.")
    var live = false

    @Option(help: ArgumentHelp("The AWS profile to use with --live (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The AWS region with --live (IAM is global; the region picks the partition).", valueName: "region"))
    var region: String?

    @Option(name: .customLong("endpoint-url"),
            help: ArgumentHelp("Send --live requests to this endpoint instead of IAM's (an emulator such as moto).", valueName: "url"))
    var endpointURL: String?

    func validate() throws {
        if !live, profile != nil || region != nil || endpointURL != nil {
            throw ValidationError("--profile, --region and --endpoint-url only apply with --live")
        }
    }

    /// Fetches the account's policy and maps it to CredKitPolicy's type.
    func fetch() throws -> LoadedPolicy {
        let configuration: AWSClientConfiguration
        do {
            configuration = try CredentialsChain().resolve(profile: profile, region: region, endpointURL: endpointURL)
        } catch let error as AWSError {
            throw CLIFailure.input("--live: \(error.reason)")
        }
        let client = IAMClient(configuration: configuration)
        let fetched: CredKitAWS.PasswordPolicy
        do {
            fetched = try PolicyLiveCall.wait { try await client.accountPasswordPolicy() }
        } catch let error as AWSError {
            throw CLIFailure.input("--live: GetAccountPasswordPolicy failed: \(error.reason)")
        }
        let account = configuration.profile.map { "profile \($0)" } ?? "environment credentials"
        guard fetched.isCustom else {
            return LoadedPolicy(policy: .awsDefault, label: "IAM (\(account)): no policy set, AWS default policy")
        }
        let policy = CredKitPolicy.PasswordPolicy(
            minimumLength: fetched.minimumPasswordLength,
            requireUppercase: fetched.requireUppercaseCharacters, requireLowercase: fetched.requireLowercaseCharacters,
            requireNumbers: fetched.requireNumbers, requireSymbols: fetched.requireSymbols,
            allowUsersToChangePassword: fetched.allowUsersToChangePassword,
            maxPasswordAge: fetched.maxPasswordAge.flatMap { $0 > 0 ? $0 : nil },
            passwordReusePrevention: fetched.passwordReusePrevention.flatMap { $0 > 0 ? $0 : nil },
            hardExpiry: fetched.hardExpiry)
        return LoadedPolicy(policy: policy, label: "IAM (\(account))")
    }
}

/// Runs one async AWS call from a synchronous command and waits for it.
enum PolicyLiveCall {
    private final class Outcome<Value: Sendable>: @unchecked Sendable {
        // Written once by the task before the semaphore is signalled, read after the wait.
        var result: Result<Value, Error> = .failure(CancellationError())
    }

    static func wait<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome.result.get()
    }
}
