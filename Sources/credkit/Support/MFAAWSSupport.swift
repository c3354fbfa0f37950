import ArgumentParser
import CredKitAWS
import Foundation

/// What `mfa enroll --iam-user`, `mfa resync` and `mfa list` share: names, AWS calls with
/// errors a person understands, and the word on the root user.
enum MFAAWSSupport {
    /// Why credkit does not assign the root user's MFA, and where to do it instead.
    static let rootExplanation = """
        the root user's MFA cannot be assigned from here: the IAM API assigns root's MFA device only \
        when called with the root user's own access keys, which the account guides say not to create or use. \
        Sign in to the AWS console as the root user, open the account menu > Security credentials > \
        Multi-factor authentication (MFA) > Assign MFA device, and follow the same steps (a virtual MFA device, \
        the QR code, two consecutive codes)
        """

    /// IAM user and device names: letters, digits and `_+=,.@-`, 1 to 64 characters (AWS's pattern).
    static func validateName(_ name: String, option: String) throws {
        let allowed = Set("_+=,.@-")
        guard (1...64).contains(name.count), name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }) else {
            throw ValidationError("\(option) must be 1 to 64 letters, digits or _+=,.@- (AWS's rule), not '\(name)'")
        }
    }

    /// A device path: `/` or `/text/`, at most 512 characters.
    static func validatePath(_ path: String) throws {
        guard path.count <= 512, path.hasPrefix("/"), path.hasSuffix("/"), !path.contains("//") || path == "/",
              path.allSatisfy({ $0.isASCII && $0.asciiValue.map { (0x21...0x7f).contains($0) } == true }) else {
            throw ValidationError("--path must be / or begin and end with / (for example /admins/), printable ASCII, at most 512 characters")
        }
    }

    /// A user's MFA devices (`ListMFADevices`); `NoSuchEntity` says that there is no such user.
    static func devices(of user: String, _ iam: IAMClient) async throws -> [MFADevice] {
        do {
            return try await iam.listMFADevices(userName: user)
        } catch let error as AWSError where error.code == .noSuchEntity {
            throw AWSError(.noSuchEntity, "there is no IAM user named '\(user)' (\(error.reason))", serviceCode: error.serviceCode)
        }
    }

    /// Runs an AWS call from a command; `AWSError` becomes exit status 2 with its reason,
    /// prefixed with which credentials were used.
    static func call<T: Sendable>(_ configuration: AWSClientConfiguration, _ work: @escaping @Sendable () async throws -> T) throws -> T {
        do {
            return try AsyncBridge.blocking(work)
        } catch let error as AWSError {
            throw failure(error, configuration)
        }
    }

    /// The exit-2 failure for an AWS error, naming the (redacted) key and where it came from.
    static func failure(_ error: AWSError, _ configuration: AWSClientConfiguration) -> CLIFailure {
        let who = "\(AccessKeyID.redact(configuration.credentials.accessKeyID)) from \(configuration.credentials.source)"
        return CLIFailure.input("\(error.reason) [credentials: \(who)]")
    }
}
