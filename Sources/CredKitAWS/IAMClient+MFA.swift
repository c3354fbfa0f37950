import CredKitCrypto
import Foundation

/// The IAM calls of the virtual-MFA flow: create a device, enable it with two codes, resync,
/// delete an unassigned one, and list who has which device.
extension IAMClient {
    /// AWS lets one IAM user have at most this many MFA devices.
    public static let maximumMFADevicesPerUser = 8

    /// The shortest seed accepted from `CreateVirtualMFADevice` (RFC 4226 asks for 128 bits; AWS sends 160).
    public static let minimumSeedBytes = 16

    /// Creates a virtual MFA device (`CreateVirtualMFADevice`) and decodes its seed.
    ///
    /// AWS sends `Base32StringSeed` as a blob: base64 of the Base32 text. Both layers are decoded
    /// here, into wiped storage.
    /// - Parameters:
    ///   - name: the device name, unique in the account for `path`.
    ///   - path: the device path (`/` when nil).
    ///   - tags: tags for the device, in order.
    /// - Throws: `AWSError`: `.entityAlreadyExists` (a device of that name exists), `.limitExceeded`,
    ///   `.accessDenied` (naming `iam:CreateVirtualMFADevice`), `.transport` for an answer without a usable seed.
    public func createVirtualMFADevice(name: String, path: String? = nil, tags: [(key: String, value: String)] = []) async throws
        -> CreatedVirtualMFADevice {
        var parameters = [("VirtualMFADeviceName", name)]
        if let path { parameters.append(("Path", path)) }
        for (index, tag) in tags.enumerated() {
            parameters += [("Tags.member.\(index + 1).Key", tag.key), ("Tags.member.\(index + 1).Value", tag.value)]
        }
        let result: QueryXMLNode
        do {
            result = try await query.call("CreateVirtualMFADevice", parameters)
        } catch let error as AWSError {
            throw Self.explained(error, creating: name, path: path ?? "/")
        }
        guard let device = result.child("VirtualMFADevice"), let serial = device.value("SerialNumber") else {
            throw AWSError(.transport, "CreateVirtualMFADevice: the response has no VirtualMFADevice SerialNumber")
        }
        guard let encoded = device.value("Base32StringSeed") else {
            throw AWSError(.transport, "CreateVirtualMFADevice: the response has no Base32StringSeed for \(serial)")
        }
        return CreatedVirtualMFADevice(serialNumber: serial, seed: try Self.decodeSeed(encoded, serial: serial))
    }

    /// Assigns a virtual MFA device to a user (`EnableMFADevice`) with two consecutive codes.
    /// - Throws: `AWSError`: `.invalidAuthenticationCode` when AWS does not accept the pair,
    ///   `.limitExceeded` (the user has the maximum of devices), `.entityAlreadyExists` (already
    ///   assigned), `.noSuchEntity`, `.accessDenied` (naming `iam:EnableMFADevice`).
    public func enableMFADevice(userName: String, serialNumber: String, code1: String, code2: String) async throws {
        do {
            _ = try await query.call("EnableMFADevice", [
                ("UserName", userName), ("SerialNumber", serialNumber),
                ("AuthenticationCode1", code1), ("AuthenticationCode2", code2),
            ])
        } catch let error as AWSError {
            throw Self.explained(error, user: userName, serial: serialNumber)
        }
    }

    /// Resynchronises a user's MFA device (`ResyncMFADevice`) with two consecutive codes.
    /// - Throws: `AWSError`: `.invalidAuthenticationCode`, `.noSuchEntity`, `.accessDenied`
    ///   (naming `iam:ResyncMFADevice`).
    public func resyncMFADevice(userName: String, serialNumber: String, code1: String, code2: String) async throws {
        do {
            _ = try await query.call("ResyncMFADevice", [
                ("UserName", userName), ("SerialNumber", serialNumber),
                ("AuthenticationCode1", code1), ("AuthenticationCode2", code2),
            ])
        } catch let error as AWSError {
            throw Self.explained(error, user: userName, serial: serialNumber)
        }
    }

    /// Deletes a virtual MFA device (`DeleteVirtualMFADevice`); it must not be assigned.
    public func deleteVirtualMFADevice(serialNumber: String) async throws {
        _ = try await query.call("DeleteVirtualMFADevice", [("SerialNumber", serialNumber)])
    }

    /// Whether an existing user has a console password (`GetLoginProfile`; `NoSuchEntity` means none).
    public func hasConsolePassword(_ userName: String) async throws -> Bool {
        do {
            _ = try await query.call("GetLoginProfile", [("UserName", userName)])
            return true
        } catch let error as AWSError where error.code == .noSuchEntity {
            return false
        }
    }

    /// The MFA state of one user, or of every user when `userName` is nil, in user-name order.
    /// - Throws: `AWSError.noSuchEntity` naming the user when there is no such user.
    public func mfaStatus(userName: String? = nil) async throws -> [MFAUserStatus] {
        let names: [String]
        if let userName {
            do {
                _ = try await query.call("GetUser", [("UserName", userName)])
            } catch let error as AWSError where error.code == .noSuchEntity {
                throw AWSError(.noSuchEntity, "there is no IAM user named '\(userName)' (\(error.reason))", serviceCode: error.serviceCode,
                               httpStatus: error.httpStatus)
            }
            names = [userName]
        } else {
            names = try await listUsers().map(\.userName).sorted()
        }
        var statuses: [MFAUserStatus] = []
        for name in names {
            let devices = try await listMFADevices(userName: name).map { device in
                MFADevice(userName: device.userName ?? name, serialNumber: device.serialNumber, enableDate: device.enableDate)
            }
            statuses.append(MFAUserStatus(userName: name, hasConsolePassword: try await hasConsolePassword(name), devices: devices))
        }
        return statuses
    }

    /// Virtual MFA devices that are not assigned to anyone (`ListVirtualMFADevices`, `Unassigned`).
    public func listUnassignedVirtualMFADevices() async throws -> [MFADevice] {
        try await query.callPaginated("ListVirtualMFADevices", listName: "VirtualMFADevices", [("AssignmentStatus", "Unassigned")])
            .map { MFADevice(userName: nil, serialNumber: $0.value("SerialNumber") ?? "", enableDate: nil) }
    }

    /// Decodes `Base32StringSeed`: base64 (the Query protocol's blob encoding) of Base32 text.
    /// No error names a character of the seed.
    static func decodeSeed(_ encoded: String, serial: String) throws -> SecretBytes {
        let malformed = AWSError(.transport, "CreateVirtualMFADevice: the Base32StringSeed of \(serial) is not base64-encoded Base32 text")
        guard var data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else { throw malformed }
        var text = [UInt8](data)
        data.resetBytes(in: 0..<data.count)
        defer { wipe(&text) }
        guard let seed = try? Base32.decodeSecret(text) else { throw malformed }
        guard seed.count >= minimumSeedBytes else {
            throw AWSError(.transport, "CreateVirtualMFADevice: the seed of \(serial) is \(seed.count) bytes, fewer than the \(minimumSeedBytes) credkit accepts")
        }
        return seed
    }

    /// Says what a failed `CreateVirtualMFADevice` means for the person running it.
    static func explained(_ error: AWSError, creating name: String, path: String) -> AWSError {
        let reason: String
        switch error.code {
        case .entityAlreadyExists:
            reason = "a virtual MFA device named '\(name)' already exists at path \(path): choose another --device-name, "
                + "or, if it is assigned to nobody ('credkit mfa list' shows unassigned devices), delete it with "
                + "'aws iam delete-virtual-mfa-device --serial-number ARN' (\(error.reason))"
        case .limitExceeded:
            reason = "the account cannot have more virtual MFA devices: delete unassigned ones ('credkit mfa list') (\(error.reason))"
        default:
            return error
        }
        return AWSError(error.code, reason, serviceCode: error.serviceCode, httpStatus: error.httpStatus)
    }

    /// Says what a failed `EnableMFADevice` or `ResyncMFADevice` means for the person running it.
    static func explained(_ error: AWSError, user: String, serial: String) -> AWSError {
        let reason: String
        switch error.code {
        case .limitExceeded:
            reason = "'\(user)' already has the maximum number of MFA devices (\(maximumMFADevicesPerUser)): remove one "
                + "('credkit mfa list --iam-user \(user)' shows them) before adding another (\(error.reason))"
        case .entityAlreadyExists:
            reason = "\(serial) is already assigned, to '\(user)' or to another user (\(error.reason))"
        case .noSuchEntity:
            reason = "there is no IAM user '\(user)' with access to \(serial), or the device is gone (\(error.reason))"
        case .invalidAuthenticationCode:
            reason = "AWS did not accept the two codes for \(serial) (\(error.reason))"
        default:
            return error
        }
        return AWSError(error.code, reason, serviceCode: error.serviceCode, httpStatus: error.httpStatus)
    }
}
