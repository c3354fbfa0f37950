import ArgumentParser
import CredKitAWS
import CredKitHTTP
import Foundation

/// Where to reach AWS and as whom: shared by every command that calls AWS.
struct AWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The profile in ~/.aws/credentials or ~/.aws/config (default: AWS_PROFILE, else 'default'). "
                               + "Credentials come from the first source that applies, in the AWS CLI's order: environment keys "
                               + "(not with --profile); the profile's role_arn (source_profile or credential_source, external_id, "
                               + "mfa_serial asked on the terminal); web identity (web_identity_token_file, AWS_WEB_IDENTITY_TOKEN_FILE "
                               + "+ AWS_ROLE_ARN); IAM Identity Center (sso_session, sso_start_url: run aws sso login first); keys in "
                               + "the credentials file; credential_process; keys in the config file; ECS container credentials; "
                               + "EC2 instance metadata (IMDSv2). AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files.",
                               valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The AWS region (default: AWS_REGION, the profile's region, else us-east-1).", valueName: "region"))
    var region: String?

    @Option(name: .customLong("endpoint-url"),
            help: ArgumentHelp("Send requests to this endpoint instead of AWS's (emulators such as moto, other partitions). "
                               + "AWS_CA_BUNDLE (or the profile's ca_bundle) replaces the system's CA certificates for https; "
                               + "HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.", valueName: "url"))
    var endpointURL: String?

    @Option(help: ArgumentHelp("Seconds one AWS call may take, retries included, and the longest wait for a credential report; "
                               + "every request ends within it, whatever the server does.",
                               valueName: "seconds"))
    var timeout: Double = AWSClientConfiguration.defaultTimeout

    @Flag(name: [.customLong("verbose"), .customLong("debug")],
          help: "Say on standard error which source gave the credentials, whose they are, and each AWS call made (never a secret).")
    var verbose = false

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
    }

    /// Resolves credentials, region and endpoint from the options, the environment and the AWS files.
    /// Warns when signed requests would cross the network unencrypted.
    /// - Throws: `CLIFailure.input` (exit 2) when no usable credentials are found.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AWSClientConfiguration {
        let chain = CredentialsChain(environment: environment)
        let (profile, region, endpointURL, timeout) = (self.profile, self.region, self.endpointURL, self.timeout)
        let trace: AWSTrace? = verbose ? Self.verboseTrace : nil
        let mfaCodeReader: MFACodeReader = { serial in try MFACodePrompt.read(serial: serial) }
        var configuration: AWSClientConfiguration
        do {
            configuration = try AsyncBridge.blocking {
                try await chain.configuration(profile: profile, region: region, endpointURL: endpointURL, timeout: timeout,
                                              trace: trace, mfaCodeReader: mfaCodeReader)
            }
        } catch let error as AWSError {
            throw CLIFailure.input(error.reason)
        }
        if verbose {
            let sts = STSClient(configuration: configuration, retry: RetryPolicy(maximumAttempts: 2))
            let caller = Result { try AsyncBridge.blocking { try await sts.getCallerIdentity() } }
            switch caller {
            case let .success(identity): Console.error("verbose: caller: \(identity.arn) (account \(identity.account))")
            case let .failure(error): Console.error("verbose: caller: unknown (\((error as? AWSError)?.reason ?? "GetCallerIdentity failed"))")
            }
        }
        if let endpoint = configuration.endpointURL, endpoint.scheme?.lowercased() == "http", !Self.isLoopback(endpoint.host ?? "") {
            Console.warning("\(endpoint.redactedForDisplay) is plain http and not on this machine: signed requests"
                            + (configuration.credentials.isTemporary ? ", with the session token," : "")
                            + " travel unencrypted (use https)")
        }
        return configuration
    }

    /// Writes a `--verbose` line to standard error.
    static let verboseTrace: AWSTrace = { line in Console.error("verbose: " + line) }

    /// Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" || bare.hasPrefix("127.")
    }
}
