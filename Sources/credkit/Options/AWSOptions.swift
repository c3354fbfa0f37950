import ArgumentParser
import CredKitAWS
import CredKitHTTP
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

    @Option(help: ArgumentHelp("Seconds one AWS call may take, retries included; every request ends within it, whatever the server does.",
                               valueName: "seconds"))
    var timeout: Double = AWSClientConfiguration.defaultTimeout

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
    }

    /// Resolves credentials, region and endpoint from the options, the environment and the AWS files.
    /// Warns when signed requests would cross the network unencrypted.
    /// - Throws: `CLIFailure.input` (exit 2) when no usable credentials are found.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AWSClientConfiguration {
        var configuration: AWSClientConfiguration
        do {
            configuration = try CredentialsChain(environment: environment).resolve(profile: profile, region: region, endpointURL: endpointURL)
        } catch let error as AWSError {
            throw CLIFailure.input(error.reason)
        }
        configuration.timeout = timeout
        if let endpoint = configuration.endpointURL, endpoint.scheme?.lowercased() == "http", !Self.isLoopback(endpoint.host ?? "") {
            Console.warning("\(endpoint.redactedForDisplay) is plain http and not on this machine: signed requests"
                            + (configuration.credentials.isTemporary ? ", with the session token," : "")
                            + " travel unencrypted (use https)")
        }
        return configuration
    }

    /// Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" || bare.hasPrefix("127.")
    }
}
