import ArgumentParser
import CredKitPolicy
import Foundation

/// Where `credkit policy` reads the policy from: a file, standard input, AWS's default or IAM.
struct PolicySource: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A policy JSON file: the output of 'aws iam get-account-password-policy' or the bare object; - for standard input.",
        valueName: "policy-file"))
    var file: String?

    @Flag(name: .customLong("aws-default"),
          help: "Evaluate AWS's default policy, which applies when the account has none (NoSuchEntity).")
    var awsDefault = false

    @OptionGroup var live: PolicyLiveOptions

    /// Whether any source was given.
    var isGiven: Bool { file != nil || awsDefault || live.live }

    func validate() throws {
        if [file != nil, awsDefault, live.live].filter({ $0 }).count > 1 {
            throw ValidationError("give one of a policy file, --aws-default or --live")
        }
    }

    /// Reads the policy.
    /// - Throws: `CLIFailure.input` naming the file and the field at fault.
    func load() throws -> LoadedPolicy {
        if awsDefault { return LoadedPolicy(policy: .awsDefault, label: "AWS default policy (no policy set)") }
        if live.live { return try live.fetch() }
        guard let file else {
            throw CLIFailure.input("no policy given: name a policy file, - for standard input, --aws-default or --live")
        }
        return try Self.read(file)
    }

    /// Reads and parses a policy file, or standard input for `-`.
    static func read(_ file: String) throws -> LoadedPolicy {
        let name = file == "-" ? "standard input" : file
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CLIFailure.input("cannot read policy file '\(file)': \((error as NSError).localizedDescription)")
        }
        return try parse(data, name: name)
    }

    /// Parses policy JSON; AWS CLI's NoSuchEntity error text means the account has no policy.
    static func parse(_ data: Data, name: String) throws -> LoadedPolicy {
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CLIFailure.input("\(name) is empty; if 'aws iam get-account-password-policy' failed with NoSuchEntity, the account has no policy: use --aws-default")
        }
        do {
            let policy = try PasswordPolicy(json: data, source: name)
            if policy.isAWSDefault {
                Console.error("note: \(name) holds AWS's NoSuchEntity error: the account has no policy, so AWS's default applies")
                return LoadedPolicy(policy: policy, label: "AWS default policy (no policy set)")
            }
            return LoadedPolicy(policy: policy, label: name)
        } catch let error as PolicyError {
            throw CLIFailure.input(error.reason)
        }
    }
}

/// A policy and where it came from, for reports.
struct LoadedPolicy {
    let policy: PasswordPolicy
    let label: String
}
