#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentScanner {
    /// What scanning a file held in memory found.
    struct MemoryOutcome {
        var findings: [Finding]
        /// Whether it was read as binary (access key IDs only).
        var binary: Bool
    }

    /// Scans a whole file held in memory (an archive member) as a file on disk is scanned:
    /// UTF-16 with a byte order mark is transcoded; binary content reports access key IDs only.
    func scan(memory: UnsafeRawBufferPointer, file: String) -> MemoryOutcome {
        guard let base = memory.baseAddress, memory.count > 0 else { return MemoryOutcome(findings: [], binary: false) }
        if let bigEndian = UTF16Text.byteOrder(memory) {
            let text = UTF16Text.utf8(from: memory, bigEndian: bigEndian)
            return MemoryOutcome(findings: text.withUnsafeBufferPointer { scan(bytes: $0, file: file) }, binary: false)
        }
        let binary = memchr(base, 0, min(memory.count, Self.sniffSize)) != nil
        let findings = scan(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: memory.count), file: file)
        return MemoryOutcome(findings: binary ? findings.filter { $0.ruleID == Self.binaryRuleID } : findings, binary: binary)
    }
}

/// Text in UTF-16 with a byte order mark, as Windows PowerShell's `Out-File` writes it, made
/// UTF-8 for the scanner (unpaired surrogates become U+FFFD; line numbers are kept).
enum UTF16Text {
    /// UTF-16 files on disk are read whole to transcode them, up to this size; larger ones are
    /// skipped with a warning.
    static let maximumFileBytes = 64 << 20

    /// Whether `bytes` start with a UTF-16 byte order mark, and which one.
    static func byteOrder(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xff, bytes[1] == 0xfe { return false }
        if bytes[0] == 0xfe, bytes[1] == 0xff { return true }
        return nil
    }

    /// The text after the byte order mark as UTF-8 (an odd last byte is dropped).
    static func utf8(from bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> [UInt8] {
        guard bytes.count >= 4, let base = bytes.baseAddress else { return [] }
        let count = bytes.count / 2 - 1
        // memcpy, since the bytes (a zip member) need not be aligned for UInt16.
        var units = [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let target = buffer.baseAddress { memcpy(target, base + 2, count * 2) }
            initialized = count
        }
        if bigEndian != (UInt16(bigEndian: 1) == 1) {
            units.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index] = buffer[index].byteSwapped }
            }
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
