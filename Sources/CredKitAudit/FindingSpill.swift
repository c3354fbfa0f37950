import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Findings set aside on disk: one temporary file per severity, created 0600 in `$TMPDIR` (else
/// /tmp) and unlinked at once, so nothing is left behind however the process ends. Records are
/// appended in report order and read back in pieces of `pieceBytes`, as often as a reporter walks them.
final class FindingSpill: @unchecked Sendable {
    /// Bytes written or read at a time.
    static let pieceBytes = 65_536

    fileprivate var files: [Severity: Int32] = [:]
    private var pending: [Severity: [UInt8]] = [:]
    private let lock = NSLock()
    /// Why reading back failed, if it did (checked by the command after writing the report).
    private(set) var readFailure: String?

    /// Creates the files in `directory` (nil: `$TMPDIR`, else /tmp).
    /// - Throws: `AuditError.invalidInput` naming the directory when a file cannot be created.
    init(directory: String? = nil) throws {
        let directory = directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for severity in Severity.allCases {
            var template = Array("\(directory)/credkit-findings.XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                closeFiles()
                throw AuditError(.invalidInput, "cannot create a temporary file for findings in \(directory) (TMPDIR): \(reason)")
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            files[severity] = descriptor
            pending[severity] = []
        }
    }

    deinit { closeFiles() }

    private func closeFiles() {
        for descriptor in files.values { _ = close(descriptor) }
        files = [:]
    }

    /// Adds a finding at the end of its severity's file.
    /// - Throws: `AuditError.invalidInput` when the file cannot be written (a full disk).
    func append(_ finding: Finding) throws {
        finding.appendRecord(to: &pending[finding.severity, default: []])
        if pending[finding.severity]!.count >= Self.pieceBytes { try flush(finding.severity) }
    }

    /// Writes what is still buffered.
    func flush() throws {
        for severity in Severity.allCases { try flush(severity) }
    }

    private func flush(_ severity: Severity) throws {
        guard let descriptor = files[severity], var bytes = pending[severity], !bytes.isEmpty else { return }
        pending[severity] = []
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw AuditError(.invalidInput, "cannot write the temporary findings file: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        bytes.removeAll(keepingCapacity: true)
        pending[severity] = bytes
    }

    /// Reads the findings of one severity back in the order they were added, a piece at a time.
    /// A read failure ends the walk and is kept in the spill's `readFailure`.
    struct Cursor {
        let spill: FindingSpill
        let descriptor: Int32
        private var buffer: [UInt8] = []
        private var start = 0
        private var offset: off_t = 0
        private var ended = false

        init(spill: FindingSpill, severity: Severity) {
            self.spill = spill
            descriptor = spill.files[severity] ?? -1
            ended = descriptor < 0
        }

        mutating func next() -> Finding? {
            while !ended {
                if let finding = decodeNext() { return finding }
                if !ended { refill() }
            }
            return nil
        }

        /// The next whole record in the buffer, nil when more bytes are needed (or it failed).
        private mutating func decodeNext() -> Finding? {
            guard buffer.count - start >= 4 else { return nil }
            var length = 0
            for index in 0..<4 { length |= Int(buffer[start + index]) << (8 * index) }
            guard buffer.count - start - 4 >= length else { return nil }
            let finding = buffer.withUnsafeBytes { Finding(record: UnsafeRawBufferPointer(rebasing: $0[start + 4..<start + 4 + length])) }
            guard let finding else {
                spill.fail("the temporary findings file does not read back")
                ended = true
                return nil
            }
            start += 4 + length
            return finding
        }

        private mutating func refill() {
            buffer.removeFirst(start)
            start = 0
            let kept = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: FindingSpill.pieceBytes))
            var count = -1
            repeat {
                count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + kept, FindingSpill.pieceBytes, offset) }
            } while count < 0 && errno == EINTR
            buffer.removeLast(FindingSpill.pieceBytes - max(count, 0))
            if count < 0 {
                spill.fail("cannot read the temporary findings file: \(String(cString: strerror(errno)))")
                ended = true
            } else if count == 0 {
                if kept > 0 { spill.fail("the temporary findings file ends inside a record") }
                ended = true
            } else {
                offset += off_t(count)
            }
        }
    }

    fileprivate func fail(_ reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if readFailure == nil { readFailure = reason }
    }
}
