import CredKitCrypto
import Foundation

/// A virtual MFA device just made by `CreateVirtualMFADevice`: its serial number and the seed
/// AWS generated for it. The seed exists only here and in the authenticator app that scans it;
/// AWS never returns it again.
public struct CreatedVirtualMFADevice: Sendable, CustomStringConvertible {
    /// The device ARN (`arn:aws:iam::123456789012:mfa/alice`), its serial number.
    public let serialNumber: String
    /// The TOTP seed (SHA-1, 6 digits, 30 seconds), decoded from `Base32StringSeed`; wiped when released.
    public let seed: SecretBytes

    /// Creates a value (the client does; tests may too).
    public init(serialNumber: String, seed: SecretBytes) {
        self.serialNumber = serialNumber
        self.seed = seed
    }

    /// The account ID in the serial number, or nil when it is not an IAM ARN.
    public var accountID: String? {
        let parts = serialNumber.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam", !parts[4].isEmpty else { return nil }
        return String(parts[4])
    }

    public var description: String { "CreatedVirtualMFADevice(\(serialNumber), seed redacted)" }
}

/// One IAM user's MFA state, for `credkit mfa list` and the "MFA for all users" check.
public struct MFAUserStatus: Sendable, Hashable, Codable {
    /// The user name.
    public var userName: String
    /// Whether the user has a console password (a login profile).
    public var hasConsolePassword: Bool
    /// The user's MFA devices, virtual or not, with their enable dates.
    public var devices: [MFADevice]

    /// Creates a status value.
    public init(userName: String, hasConsolePassword: Bool, devices: [MFADevice]) {
        self.userName = userName
        self.hasConsolePassword = hasConsolePassword
        self.devices = devices
    }

    /// A console password without any MFA device: what the account guides say never to leave.
    public var lacksMFA: Bool { hasConsolePassword && devices.isEmpty }
}
