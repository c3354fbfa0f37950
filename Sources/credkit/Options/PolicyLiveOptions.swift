import ArgumentParser
import CredKitAWS
import CredKitPolicy
import Foundation

/// `--live`: read the account's password policy from IAM (GetAccountPasswordPolicy).
struct PolicyLiveOptions: ParsableArguments {
    @Flag(help: "Read the policy from IAM (GetAccountPasswordPolicy) with the usual AWS credentials; no policy set means AWS's default.")
    var live = false

    @OptionGroup var aws: AWSOptions

    func validate() throws {
        if !live, aws.profile != nil || aws.region != nil || aws.endpointURL != nil {
            throw ValidationError("--profile, --region and --endpoint-url only apply with --live")
        }
    }

    /// Fetches the account's policy and maps it to CredKitPolicy's type.
    func fetch() throws -> LoadedPolicy {
        let configuration = try aws.configuration()
        let client = IAMClient(configuration: configuration)
        let fields: [String: String]?
        do {
            fields = try AsyncBridge.blocking { try await client.accountPasswordPolicyFields() }
        } catch let error as AWSError {
            throw CLIFailure.input("--live: GetAccountPasswordPolicy failed: \(error.reason)")
        }
        let account = configuration.profile.map { "profile \($0)" } ?? "environment credentials"
        guard let fields else {
            return LoadedPolicy(policy: .awsDefault, label: "IAM (\(account)): no policy set, AWS default policy")
        }
        let policy: PasswordPolicy
        do {
            policy = try PasswordPolicy(iamFields: fields, source: "--live: GetAccountPasswordPolicy")
        } catch let error as PolicyError {
            throw CLIFailure.input(error.reason)
        }
        return LoadedPolicy(policy: policy, label: "IAM (\(account))")
    }
}
