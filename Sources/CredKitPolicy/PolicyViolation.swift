/// One way a password breaks a policy. Describes the password's shape only, never its text.
public enum PolicyViolation: Hashable, Sendable, CustomStringConvertible {
    /// Fewer characters than `MinimumPasswordLength`.
    case tooShort(length: Int, minimum: Int)
    /// More characters than IAM accepts.
    case tooLong(length: Int, maximum: Int)
    /// A character type the policy requires is missing.
    case missingType(CharacterType)
    /// Fewer distinct character types than the policy's mix (AWS's default: three of four).
    case tooFewTypes(found: Int, required: Int)

    public var description: String {
        switch self {
        case .tooShort(let length, let minimum): "\(length) characters, fewer than the minimum \(minimum)"
        case .tooLong(let length, let maximum): "\(length) characters, more than IAM's maximum \(maximum)"
        case .missingType(let type): "no \(type.noun) (\(type.policyField))"
        case .tooFewTypes(let found, let required):
            "\(found) character type\(found == 1 ? "" : "s"), fewer than \(required) of 4"
        }
    }
}

extension PasswordPolicy {
    /// How a password (as UTF-8 bytes) breaks the policy; empty when it complies.
    /// Length counts Unicode scalars; a byte sequence that is not UTF-8 counts byte by byte.
    public func violations(of password: UnsafeRawBufferPointer) -> [PolicyViolation] {
        var length = 0
        var present = Set<CharacterType>()
        for byte in password {
            // Count every byte except UTF-8 continuation bytes.
            if byte & 0xC0 != 0x80 { length += 1 }
            if let type = CharacterType(byte: byte) { present.insert(type) }
        }
        var found: [PolicyViolation] = []
        if length < minimumLength { found.append(.tooShort(length: length, minimum: minimumLength)) }
        if length > Self.maximumLength { found.append(.tooLong(length: length, maximum: Self.maximumLength)) }
        for type in CharacterType.allCases where requiredTypes.contains(type) && !present.contains(type) {
            found.append(.missingType(type))
        }
        if present.count < minimumCharacterTypes {
            found.append(.tooFewTypes(found: present.count, required: minimumCharacterTypes))
        }
        return found
    }

    /// How a password held in a byte array breaks the policy.
    public func violations(of password: [UInt8]) -> [PolicyViolation] {
        password.withUnsafeBytes { violations(of: $0) }
    }

    /// Whether a non-secret string (a generated example) complies.
    public func accepts(_ candidate: String) -> Bool {
        violations(of: Array(candidate.utf8)).isEmpty
    }
}
