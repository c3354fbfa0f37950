import ArgumentParser
import CredKitAWS
import Foundation

extension MFACommand {
    /// `credkit mfa list`: who has which MFA device, and which console users have none.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List IAM users' MFA devices and enable dates, and which users with a console password have none.",
            discussion: """
            For each IAM user (or only --iam-user): whether the user has a console password \
            (GetLoginProfile), and the user's MFA devices with their enable dates (ListMFADevices). \
            Without --iam-user it also lists virtual MFA devices assigned to nobody \
            (ListVirtualMFADevices; left by an enrollment that did not finish elsewhere) and whether \
            the root user has MFA (GetAccountSummary). Exit status: 0 every user with a console \
            password has an MFA device, 1 some do not, 2 usage or AWS errors.
            """)

        @Option(name: .customLong("iam-user"), help: ArgumentHelp("Only this IAM user.", valueName: "name"))
        var iamUser: String?

        @OptionGroup var aws: AWSOptions

        func validate() throws {
            if let iamUser { try MFAAWSSupport.validateName(iamUser, option: "--iam-user") }
        }

        func run() throws {
            let configuration = try aws.configuration()
            let iam = IAMClient(configuration: configuration)
            let user = iamUser
            let statuses = try MFAAWSSupport.call(configuration) { try await iam.mfaStatus(userName: user) }
            var unassigned: [MFADevice] = []
            var rootHasMFA: Bool?
            if user == nil {
                unassigned = try MFAAWSSupport.call(configuration) { try await iam.listUnassignedVirtualMFADevices() }
                // The summary is a nicety: a caller without iam:GetAccountSummary still gets the list.
                rootHasMFA = (try? AsyncBridge.blocking { try await iam.accountSummary() })?["AccountMFAEnabled"].map { $0 == 1 }
            }
            try Console.write(Self.render(statuses, unassigned: unassigned, rootHasMFA: rootHasMFA))
            try Console.flush()
            if statuses.contains(where: \.lacksMFA) { throw ExitCode(1) }
        }

        /// The table: one line per device (a user without one gets one line saying so).
        static func render(_ statuses: [MFAUserStatus], unassigned: [MFADevice], rootHasMFA: Bool?) -> String {
            let width = max(4, statuses.map(\.userName.count).max() ?? 4)
            func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(1, count - text.count + 2)) }
            var lines = [pad("USER", width) + "PASSWORD  MFA DEVICE (ENABLED)"]
            for status in statuses {
                let password = pad(status.hasConsolePassword ? "yes" : "no", 8)
                if status.devices.isEmpty {
                    lines.append(pad(status.userName, width) + password
                                 + (status.lacksMFA ? "none: a console password without MFA" : "none"))
                }
                for device in status.devices {
                    let date = device.enableDate.map { " (\(AWSTimestamp.iso8601($0)))" } ?? ""
                    lines.append(pad(status.userName, width) + password + device.serialNumber + date)
                }
            }
            let lacking = statuses.filter(\.lacksMFA).map(\.userName)
            lines.append("")
            lines.append(lacking.isEmpty ? "Every user with a console password has an MFA device."
                         : "\(lacking.count) user\(lacking.count == 1 ? "" : "s") with a console password and no MFA device: "
                         + lacking.joined(separator: ", ") + " (credkit mfa enroll --iam-user NAME)")
            if !unassigned.isEmpty {
                lines.append("Virtual MFA devices assigned to nobody (delete with 'aws iam delete-virtual-mfa-device --serial-number ARN'):")
                lines += unassigned.map { "  \($0.serialNumber)" }
            }
            if let rootHasMFA {
                lines.append(rootHasMFA ? "The root user has MFA." : "The root user has no MFA: assign it in the console (credkit mfa enroll --root says how).")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
