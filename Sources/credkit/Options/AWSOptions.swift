import ArgumentParser
import CredKitAWS
import Foundation

/// Where to reach AWS and as whom: shared by every command that calls AWS.
struct AWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The profile in ~/.aws/credentials or ~/.aws/config (default: AWS_PROFILE, else 'default').", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The AWS region (default: AWS_REGION, the profile's region, else us-east-1).", valueName: "region"))
    var region: String?

    @Option(name: .customLong("endpoint-url"),
            help: ArgumentHelp("Send requests to this endpoint instead of AWS's (emulators such as moto, other partitions). "
                               + "AWS_CA_BUNDLE (or the profile's ca_bundle) replaces the system's CA certificates for https; "
                               + "HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.", valueName: "url"))
    var endpointURL: String?

    /// Resolves credentials, region and endpoint from the options, the environment and the AWS files.
    /// - Throws: `CLIFailure.input` (exit 2) when no usable credentials are found.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AWSClientConfiguration {
        do {
            return try CredentialsChain(environment: environment).resolve(profile: profile, region: region, endpointURL: endpointURL)
        } catch let error as AWSError {
            throw CLIFailure.input(error.reason)
        }
    }
}
