import CredKitAWS
import Foundation

/// The virtual MFA device an enrollment created in AWS: on every way out it is either assigned
/// or deleted, once, so no device is left behind for a seed nobody holds.
final class UnassignedMFADevice: @unchecked Sendable {
    let iam: IAMClient
    let serialNumber: String
    private let lock = NSLock()
    private var settled = false

    init(iam: IAMClient, serialNumber: String) {
        self.iam = iam
        self.serialNumber = serialNumber
    }

    /// The device is assigned: it must not be deleted.
    func markAssigned() { lock.withLock { settled = true } }

    /// Deletes the device unless it was assigned or already deleted.
    /// - Returns: a sentence saying what happened, or nil when there was nothing to do.
    func delete() -> String? {
        let due = lock.withLock { () -> Bool in
            if settled { return false }
            settled = true
            return true
        }
        guard due else { return nil }
        let iam = iam, serial = serialNumber
        do {
            try AsyncBridge.blocking { try await iam.deleteVirtualMFADevice(serialNumber: serial) }
            return "the unassigned device \(serial) was deleted in AWS"
        } catch let error as AWSError {
            return "the unassigned device \(serial) could not be deleted (\(error.reason)): delete it with "
                + "'aws iam delete-virtual-mfa-device --serial-number \(serial)'"
        } catch {
            return "the unassigned device \(serial) could not be deleted: delete it with 'aws iam delete-virtual-mfa-device --serial-number \(serial)'"
        }
    }
}
