import ArgumentParser
import CredKitAWS
import Foundation

extension MFACommand {
    /// `credkit mfa resync`: the IAM console's "Resync MFA device", from the terminal.
    struct Resync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resync",
            abstract: "Resynchronise an IAM user's MFA device with two consecutive codes (ResyncMFADevice).",
            discussion: """
            Asks for two consecutive codes from the app's entry for the device, as 'mfa enroll' does \
            (each code checked as it is typed: digits only, six of them, the second different from the \
            first), and sends them to AWS (ResyncMFADevice), which checks them against the seed only it \
            and the app hold. A refused pair can be tried again, up to \(CodePairPrompt.maximumTries) \
            pairs. Exit status: 0 resynchronised, 1 no pair was accepted, 2 usage or AWS errors (access \
            denied names iam:ResyncMFADevice; no such user or device). The root user's device cannot \
            be resynchronised this way (--root says why).
            """)

        @Option(name: .customLong("iam-user"), help: ArgumentHelp("The IAM user whose device to resynchronise.", valueName: "name"))
        var iamUser: String?

        @Option(help: ArgumentHelp("The device's serial number (a virtual device's ARN; 'credkit mfa list' shows them).", valueName: "arn"))
        var serial: String?

        @Flag(help: "Explain how to resynchronise the root user's MFA (it cannot be done here).")
        var root = false

        @OptionGroup var aws: AWSOptions

        func validate() throws {
            if root { return }
            guard let iamUser, let serial else { throw ValidationError("give --iam-user NAME and --serial ARN") }
            try MFAAWSSupport.validateName(iamUser, option: "--iam-user")
            let allowed = Set("_+=,.@-:/")
            guard (9...256).contains(serial.count), serial.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }) else {
                throw ValidationError("--serial must be a device serial number or ARN (9 to 256 letters, digits or _+=,.@-:/)")
            }
        }

        func run() throws {
            if root { throw CLIFailure.input(MFAAWSSupport.rootExplanation) }
            guard let user = iamUser, let serial else { throw CLIFailure.input("give --iam-user NAME and --serial ARN") }
            let configuration = try aws.configuration()
            let iam = IAMClient(configuration: configuration)
            let prompt = CodePairPrompt(reader: CodeReader(totp: nil, interactive: Console.isTerminal(0), window: 10),
                                        retryQuestion: "Try again? [Y/n] ")
            let explanation: String
            do {
                explanation = try prompt.run { first, second in
                    do {
                        try AsyncBridge.blocking { try await iam.resyncMFADevice(userName: user, serialNumber: serial, code1: first, code2: second) }
                        return .accepted("AWS accepted the two codes")
                    } catch let error as AWSError where error.code == .invalidAuthenticationCode {
                        return .rejected("AWS did not accept them: type two codes in a row from the app's entry for \(serial), waiting for the code to change")
                    } catch let error as AWSError {
                        throw MFAAWSSupport.failure(error, configuration)
                    }
                }
            } catch let stopped as PairPromptStopped {
                throw CLIFailure.failed("resync \(stopped.summary); the device was not resynchronised")
            }
            try Console.line("MFA device resynchronised: \(serial) of '\(user)': \(explanation).")
        }
    }
}
