internal import COpenSSL

/// Bytes that must stay secret: never shown by `description`, `debugDescription`
/// or reflection, compared in constant time, and wiped with `OPENSSL_cleanse` when released.
///
/// Storage is a `ManagedBuffer` whose `deinit` wipes its whole capacity, as swift-crypto does.
// The storage is never mutated after initialisation, so sharing it across threads is safe.
public struct SecretBytes: @unchecked Sendable {
    private let storage: SecretStorage

    /// The number of secret bytes.
    public var count: Int { storage.header }

    /// Whether there are no bytes.
    public var isEmpty: Bool { count == 0 }

    /// Creates a secret of `count` bytes filled in place by `initializer`, so the bytes
    /// never pass through an unwiped buffer.
    /// - Returns: the bytes the initializer wrote; it must write exactly `count` bytes
    ///   or return a smaller count of bytes it did write.
    public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows {
        let storage = SecretStorage.make(capacity: count)
        let written = try storage.withUnsafeMutablePointers { header, elements in
            let buffer = UnsafeMutableRawBufferPointer(start: elements, count: count)
            let written = try initializer(buffer)
            header.pointee = max(0, min(written, count))
            return header.pointee
        }
        precondition(written <= count)
        self.storage = storage
    }

    /// Copies `bytes` into secret storage. The caller remains responsible for wiping its copy.
    public init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(count: bytes.count) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = byte
                index += 1
            }
            return index
        }
    }

    /// Calls `body` with a read-only view of the secret bytes. Do not let the pointer escape.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointers { header, elements in
            try body(UnsafeRawBufferPointer(start: elements, count: header.pointee))
        }
    }
}

extension SecretBytes: Equatable {
    /// Constant-time equality (for equal lengths; lengths are not secret).
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in ConstantTime.equals(left, right) }
        }
    }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Heap storage for `SecretBytes`; the header holds the count of bytes in use.
final class SecretStorage: ManagedBuffer<Int, UInt8> {
    static func make(capacity: Int) -> SecretStorage {
        let buffer = SecretStorage.create(minimumCapacity: max(capacity, 1)) { _ in 0 }
        // `create` on a subclass returns an instance of that subclass.
        return unsafeDowncast(buffer, to: SecretStorage.self)
    }

    deinit {
        withUnsafeMutablePointers { header, elements in
            OPENSSL_cleanse(elements, capacity)
            header.pointee = 0
        }
    }
}

/// Overwrites `bytes` with zeros in a way the optimiser cannot remove.
public func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { buffer in
        if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
    }
}
