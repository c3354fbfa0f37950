import CredKitCrypto
import Dispatch

/// HMAC-based one-time passwords (RFC 4226), over SHA-1, SHA-256 or SHA-512, 6 to 10 digits.
///
/// The HMAC key schedule is computed once, so generating many codes under one secret is cheap.
public struct HOTP: Sendable {
    /// The digit counts credkit supports.
    public static let digitRange = 6...10

    /// The hash function.
    public let algorithm: HashAlgorithm
    /// The number of digits in a code.
    public let digits: Int

    private let key: HMACKey
    private let macLength: Int
    private let modulus: UInt64

    /// Creates a generator for `secret`.
    /// - Throws: `OTPError` when `digits` is outside 6...10 or the secret is empty.
    public init(secret: SecretBytes, algorithm: HashAlgorithm = .sha1, digits: Int = 6) throws {
        guard Self.digitRange.contains(digits) else {
            throw OTPError(.invalidParameter, "digits must be between \(Self.digitRange.lowerBound) and \(Self.digitRange.upperBound), not \(digits)")
        }
        guard !secret.isEmpty else { throw OTPError(.invalidSecret, "the secret is empty") }
        self.algorithm = algorithm
        self.digits = digits
        self.key = HMACKey(algorithm, key: secret)
        self.macLength = algorithm.digestLength
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        self.modulus = modulus
    }

    /// The code for `counter` as a number (before zero-padding).
    public func value(counter: UInt64) -> UInt64 {
        withUnsafeTemporaryAllocation(byteCount: 8 + 64, alignment: 8) { scratch in
            value(counter: counter, scratch: scratch)
        }
    }

    /// The code for `counter`, zero-padded to `digits`.
    public func code(counter: UInt64) -> String {
        var text = [UInt8](repeating: 0, count: digits)
        text.withUnsafeMutableBufferPointer { format(value(counter: counter), into: $0.baseAddress!) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `code` is the code for `counter`, compared in constant time.
    public func matches(_ code: String, counter: UInt64) -> Bool {
        ConstantTime.equals(self.code(counter: counter), code)
    }

    /// Writes the codes for `counters`, each followed by a newline, in chunks handed to `sink`
    /// in counter order. No allocation per code: for `--count` and benchmarks. A closed range,
    /// so the last counter, 2^64 - 1, can be written too.
    /// - Parameter threads: with more than one, chunks are computed concurrently (one per
    ///   thread at a time) and still handed over in order.
    public func writeCodes(counters: ClosedRange<UInt64>, threads: Int = 1,
                           to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let lineLength = digits + 1
        let linesPerChunk = UInt64(max(1, (threads > 1 ? 1 << 19 : 1 << 16) / lineLength))
        // Counted as "codes after the first" so that 0...UInt64.max does not overflow.
        let workers = counters.upperBound - counters.lowerBound >= 65_536 ? max(1, threads) : 1
        let buffers = (0..<workers).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: Int(linesPerChunk) * lineLength, alignment: 16)
        }
        defer { buffers.forEach { $0.deallocate() } }

        var next: UInt64? = counters.lowerBound
        while let first = next {
            // Up to `workers` chunks of at most `linesPerChunk` counters, never past the last one.
            var ranges: [ClosedRange<UInt64>] = []
            var start: UInt64? = first
            while let chunkStart = start, ranges.count < workers {
                let chunkEnd = chunkStart + min(linesPerChunk - 1, counters.upperBound - chunkStart)
                ranges.append(chunkStart...chunkEnd)
                start = chunkEnd < counters.upperBound ? chunkEnd + 1 : nil
            }
            next = start
            if ranges.count > 1 {
                // Each worker writes only its own buffer.
                nonisolated(unsafe) let shared = buffers
                let chunks = ranges
                DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                    fill(shared[index], counters: chunks[index], lineLength: lineLength)
                }
            } else {
                fill(buffers[0], counters: ranges[0], lineLength: lineLength)
            }
            for (index, range) in ranges.enumerated() {
                let lines = Int(range.upperBound - range.lowerBound) + 1
                try sink(UnsafeRawBufferPointer(rebasing: buffers[index][0..<(lines * lineLength)]))
            }
        }
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer, counters: ClosedRange<UInt64>, lineLength: Int) {
        var line = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        key.authenticateCounters(counters) { _, mac in
            format(truncate(mac), into: line)
            line[digits] = UInt8(ascii: "\n")
            line += lineLength
        }
    }

    /// RFC 4226 section 5.3: HMAC of the big-endian counter, dynamic truncation, modulo 10^digits.
    @inline(__always)
    private func value(counter: UInt64, scratch: UnsafeMutableRawBufferPointer) -> UInt64 {
        scratch.storeBytes(of: counter.bigEndian, as: UInt64.self)
        let mac = UnsafeMutableRawBufferPointer(rebasing: scratch[8...])
        key.authenticate(UnsafeRawBufferPointer(rebasing: scratch[0..<8]), into: mac)
        return truncate(UnsafeRawBufferPointer(mac))
    }

    /// Dynamic truncation: 31 bits at the offset named by the MAC's last nibble, modulo 10^digits.
    @inline(__always)
    private func truncate(_ mac: UnsafeRawBufferPointer) -> UInt64 {
        let offset = Int(mac[macLength - 1] & 0x0f)
        let binary = UInt64(mac[offset] & 0x7f) << 24
            | UInt64(mac[offset + 1]) << 16
            | UInt64(mac[offset + 2]) << 8
            | UInt64(mac[offset + 3])
        return binary % modulus
    }

    @inline(__always)
    private func format(_ value: UInt64, into output: UnsafeMutablePointer<UInt8>) {
        var rest = value
        var index = digits - 1
        while index >= 0 {
            output[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
    }
}
