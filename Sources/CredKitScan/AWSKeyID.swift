import CredKitCrypto

/// Facts read offline from an AWS access key ID or unique ID, without asking AWS.
public enum AWSKeyID {
    /// Prefixes of access key IDs that are credentials (`A3T` takes any fourth character).
    public static let credentialPrefixes = ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"]

    /// Prefixes of unique IDs of users, roles, groups, policies and instance profiles:
    /// identifiers, not secrets.
    public static let uniqueIDPrefixes = ["AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA"]

    /// What a 20-character ID names.
    public enum Kind: String, Sendable, Hashable {
        /// `AKIA`: a long-term access key of a user.
        case longTerm
        /// `ASIA`: a temporary key from STS, used with a session token.
        case temporary
        /// `ABIA`, `ACCA`, `A3T*`: other access keys that are credentials.
        case otherCredential
        /// `AIDA`, `AROA`, ...: a unique ID, not a credential.
        case uniqueID
    }

    /// The kind of `id` from its prefix, or nil when `id` does not have the shape of a key ID:
    /// exactly 20 characters, a known prefix, then 16 characters of `A-Z2-7`.
    public static func kind(of id: String) -> Kind? {
        let bytes = Array(id.utf8)
        return bytes.withUnsafeBufferPointer { kind(of: UnsafeRawBufferPointer($0)) }
    }

    /// The kind of the 20 bytes at `id`, or nil.
    static func kind(of id: UnsafeRawBufferPointer) -> Kind? {
        guard id.count == 20 else { return nil }
        let table = ByteClass.table
        for index in 4..<20 where table[Int(id[index])] & ByteClass.base32 == 0 { return nil }
        guard id[0] == 0x41 else { return nil } // "A"
        switch (id[1], id[2], id[3]) {
        case (0x4b, 0x49, 0x41): return .longTerm         // KIA
        case (0x53, 0x49, 0x41): return .temporary        // SIA
        case (0x42, 0x49, 0x41), (0x43, 0x43, 0x41): return .otherCredential // BIA, CCA
        case (0x33, 0x54, let fourth) where table[Int(fourth)] & ByteClass.keyID != 0: return .otherCredential // 3T?
        case (0x49, 0x44, 0x41), (0x52, 0x4f, 0x41), (0x47, 0x50, 0x41),
             (0x4e, 0x50, 0x41), (0x4e, 0x56, 0x41), (0x49, 0x50, 0x41): return .uniqueID // IDA ROA GPA NPA NVA IPA
        default: return nil
        }
    }

    /// The largest AWS account ID: account IDs have 12 digits.
    public static let largestAccount: UInt64 = 999_999_999_999

    /// The note on a key ID whose body decodes to an account of 13 digits: AWS never issued it
    /// (test generators that fill the body at random make one in eleven such IDs).
    public static let impossibleAccountNote = "not a valid AWS key: impossible account"

    /// Whether `id` decodes to an account past `largestAccount`, which no real key ID does.
    public static func hasImpossibleAccount(_ id: String) -> Bool {
        guard let account = account(of: id), let number = UInt64(account) else { return false }
        return number > largestAccount
    }

    /// The 12-digit AWS account that owns `id`, decoded from its body: Base32-decode the 16
    /// characters after the prefix, take the first 6 bytes big-endian, mask `0x7fffffffff80`
    /// and shift right by 7.
    /// - Returns: nil for IDs without an account: a malformed ID, or a legacy ID whose fifth
    ///   character is `I` or `J`. 13 digits for IDs no real key has (`hasImpossibleAccount`).
    public static func account(of id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count == 20, kind(of: id) != nil else { return nil }
        guard bytes[4] != UInt8(ascii: "I"), bytes[4] != UInt8(ascii: "J") else { return nil }
        guard let decoded = try? Base32.decode(bytes[4..<20]), decoded.count >= 6 else { return nil }
        var value: UInt64 = 0
        for byte in decoded.prefix(6) { value = value << 8 | UInt64(byte) }
        let account = (value & 0x7fff_ffff_ff80) >> 7
        let digits = String(account)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
