import CredKitCrypto
internal import CZxcvbn
import Foundation

/// Scores passwords with the zxcvbn C library (Debian `libzxcvbn`), which ships its
/// dictionaries compiled in: no initialisation, safe to call from any thread.
public struct StrengthEstimator: Sendable {
    /// Words that make a password weaker for this user: names, the company, the service.
    public let userInputs: [String]

    /// Creates an estimator.
    /// - Parameter userInputs: words zxcvbn treats as especially guessable.
    public init(userInputs: [String] = []) {
        self.userInputs = userInputs.filter { !$0.isEmpty && !$0.utf8.contains(0) }
    }

    /// Estimates a password's strength from its UTF-8 bytes.
    /// - Throws: `PolicyError.invalidPassword` if the password contains a NUL byte, which
    ///   the C library would silently cut it at.
    public func estimate(_ password: UnsafeRawBufferPointer) throws -> StrengthEstimate {
        guard !password.contains(0) else {
            throw PolicyError(.invalidPassword, "contains a NUL byte")
        }
        // A NUL-terminated copy for C, wiped before it is released.
        var text = [UInt8](repeating: 0, count: password.count + 1)
        defer { wipe(&text) }
        text.withUnsafeMutableBytes { $0.copyMemory(from: password) }
        let bits = text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                withUserDictionary { dictionary in ZxcvbnMatch(chars.baseAddress, dictionary, nil) }
            }
        }
        return StrengthEstimate(bits: bits)
    }

    /// Estimates a password held in a byte array.
    public func estimate(_ password: [UInt8]) throws -> StrengthEstimate {
        try password.withUnsafeBytes { try estimate($0) }
    }

    /// Estimates a password that is not secret (a generated example).
    public func estimate(_ password: String) throws -> StrengthEstimate {
        try estimate(Array(password.utf8))
    }

    /// Calls `body` with a NULL-terminated C array of the user inputs.
    private func withUserDictionary<Result>(_ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
        let copies = userInputs.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        pointers.append(nil)
        return pointers.withUnsafeMutableBufferPointer { buffer in
            // The buffer holds at least the terminating nil, so its base address exists.
            guard let base = buffer.baseAddress else { preconditionFailure("empty dictionary buffer") }
            return body(base)
        }
    }
}
