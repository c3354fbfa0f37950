import ArgumentParser
import CredKitAWS
import CredKitCrypto
import CredKitOTP
import CredKitQR
import Foundation

extension MFACommand.Enroll {
    /// `mfa enroll --iam-user NAME`: the console's "Assign MFA device" flow from the terminal.
    /// AWS makes the seed (CreateVirtualMFADevice) and checks the codes (EnableMFADevice).
    func enrollInAWS(_ user: String) throws {
        // Everything that can fail is checked before AWS makes a seed the phone could scan.
        let preflight = try secretFile.map { try SecretFilePreflight.check($0, force: force, createDirectories: createDirectories) }
        let configuration: AWSClientConfiguration
        let created: CreatedVirtualMFADevice
        let iam: IAMClient
        do {
            configuration = try aws.configuration()
            iam = IAMClient(configuration: configuration)
            let count = try MFAAWSSupport.call(configuration) { try await MFAAWSSupport.devices(of: user, iam).count }
            guard count < IAMClient.maximumMFADevicesPerUser else {
                throw CLIFailure.input("'\(user)' already has the maximum number of MFA devices (\(count) of \(IAMClient.maximumMFADevicesPerUser)): "
                                       + "remove one ('credkit mfa list --iam-user \(user)' shows them) before adding another; no device was created")
            }
            let name = deviceName ?? user, devicePath = path, deviceTags = try parsedTags()
            created = try MFAAWSSupport.call(configuration) { try await iam.createVirtualMFADevice(name: name, path: devicePath, tags: deviceTags) }
        } catch {
            preflight?.removeCreatedDirectories()
            throw error
        }

        // From here a device exists in AWS: every way out assigns it or deletes it.
        let device = UnassignedMFADevice(iam: iam, serialNumber: created.serialNumber)
        let interrupted = InterruptCleanup { number in
            Console.writeStandardError("\n")
            let deleted = device.delete() ?? "the device \(created.serialNumber) was already settled"
            Console.error("enrollment interrupted (signal \(number)): \(deleted); nothing is assigned to '\(user)'. Delete the entry you added in the app")
        }
        defer { interrupted.cancel() }

        let interactive = Console.isTerminal(0)
        let onScreen = Console.isTerminal(1)
        var copyFailed = false
        do {
            let uri = OTPAuthURI(kind: .totp, secret: created.seed, account: account ?? "\(user)@\(created.accountID ?? "aws")",
                                 issuer: issuer ?? "AWS")
            let uriText = uri.uriString()
            let totp = try TOTP(secret: created.seed)
            let code: QRCode
            do {
                code = try QRCode(uriText, errorCorrection: display.errorCorrection)
            } catch {
                throw CLIFailure.input(error.reason)
            }
            try Console.line("Virtual MFA device created: \(created.serialNumber)")
            try MFADisplay.show(uriText, secret: created.seed, code: code, options: display, linesBelow: 1)
            try Console.flush()
            let prompt = CodePairPrompt(reader: CodeReader(totp: totp, interactive: interactive, window: window),
                                        retryQuestion: "Try again with the same device (the app's entry stays valid)? [Y/n] ")
            let serial = created.serialNumber
            let explanation = try prompt.run { first, second in
                try assign(serial, to: user, first, second, iam: iam, totp: totp, configuration: configuration)
            }
            device.markAssigned()
            interrupted.cancel()
            var saved: String?
            if let secretFile {
                do {
                    try SecretOutput.write(uriText + "\n", to: secretFile, replace: force)
                    saved = secretFile
                } catch let failure as CLIFailure {
                    copyFailed = true
                    Console.error("the device is assigned, but the copy of the seed was not saved: \(failure.message)")
                }
            }
            offerToClear(interactive: interactive, onScreen: onScreen)
            try Console.line("MFA device assigned: \(serial) to '\(user)': \(explanation).")
            if let saved { try Console.line("A copy of the seed is in \(saved) (mode 0600).") }
        } catch {
            interrupted.cancel()
            let deleted = device.delete()
            preflight?.removeCreatedDirectories()
            if !(error is StandardOutputClosed) { offerToClear(interactive: interactive, onScreen: onScreen) }
            let outcome = (deleted.map { "\($0); " } ?? "") + "nothing is assigned to '\(user)' and nothing was saved"
            switch error {
            case let stopped as PairPromptStopped:
                throw CLIFailure.failed("enrollment \(stopped.summary); \(outcome). Delete the entry you added in the app; the next run makes a new device and seed")
            case let failure as CLIFailure:
                throw CLIFailure(message: "\(failure.message); \(outcome). Delete the entry you added in the app", exitCode: failure.exitCode)
            default:
                throw error
            }
        }
        // The device works; only the asked-for copy is missing.
        if copyFailed { throw ExitCode(2) }
    }

    /// Sends a pair to AWS, which decides; explains a refusal with the local check.
    private func assign(_ serial: String, to user: String, _ first: String, _ second: String, iam: IAMClient, totp: TOTP,
                        configuration: AWSClientConfiguration) throws -> PairVerdict {
        do {
            try AsyncBridge.blocking { try await iam.enableMFADevice(userName: user, serialNumber: serial, code1: first, code2: second) }
            return .accepted("AWS accepted the two codes")
        } catch let error as AWSError where error.code == .invalidAuthenticationCode {
            let now = Int64(Date().timeIntervalSince1970.rounded(.down))
            let local = try totp.verifyConsecutive(first, second, at: now, window: window)
            if local.isAccepted {
                return .rejected("AWS did not accept them, though they fit the seed by this computer's clock: check that the phone sets its time automatically")
            }
            return .rejected("AWS did not accept them: \(local.explanation)")
        } catch let error as AWSError where error.code == .transport || error.code == .throttled {
            // The answer may have been lost after AWS assigned the device: ask before trying again.
            let assigned = try? AsyncBridge.blocking { try await iam.listMFADevices(userName: user) }.contains { $0.serialNumber == serial }
            if assigned == true { return .accepted("assigned (AWS's answer was lost; the user's device list shows it)") }
            return .rejected("AWS could not be asked (\(error.reason))")
        } catch let error as AWSError {
            throw MFAAWSSupport.failure(error, configuration)
        }
    }
}
