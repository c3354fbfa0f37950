import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Findings set aside on disk: a few temporary files (one per severity, say), created 0600 in
/// `$TMPDIR` (else /tmp) and unlinked at once, so nothing is left behind however the process ends.
/// Records (a 4-byte little-endian length, then the body) are appended in report order and read
/// back in pieces of `pieceBytes`, as often as a reporter walks them.
final class FindingSpill: @unchecked Sendable {
    /// Bytes written or read at a time.
    static let pieceBytes = 65_536

    fileprivate var files: [Int32] = []
    private var pending: [[UInt8]] = []
    private let lock = NSLock()
    /// Why reading back failed, if it did (checked by the command after writing the report).
    private(set) var readFailure: String?

    /// Creates `count` files in `directory` (nil: `$TMPDIR`, else /tmp).
    /// - Throws: `AuditError.invalidInput` naming the directory when a file cannot be created.
    init(files count: Int, directory: String? = nil) throws {
        let directory = directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for _ in 0..<count {
            var template = Array("\(directory)/credkit-findings.XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                closeFiles()
                throw AuditError(.invalidInput, "cannot create a temporary file for findings in \(directory) (TMPDIR): \(reason)")
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            files.append(descriptor)
            pending.append([])
        }
    }

    deinit { closeFiles() }

    private func closeFiles() {
        for descriptor in files { _ = close(descriptor) }
        files = []
    }

    /// Adds a record at the end of file `file`: `body` appends the record's body.
    /// - Throws: `AuditError.invalidInput` when the file cannot be written (a full disk).
    func append(to file: Int, _ body: (inout [UInt8]) -> Void) throws {
        let start = pending[file].count
        pending[file].append(contentsOf: [0, 0, 0, 0])
        body(&pending[file])
        RecordField.putUInt32(UInt32(pending[file].count - start - 4), at: start, in: &pending[file])
        if pending[file].count >= Self.pieceBytes { try flush(file) }
    }

    /// Writes what is still buffered.
    func flush() throws {
        for file in files.indices { try flush(file) }
    }

    private func flush(_ file: Int) throws {
        let descriptor = files[file]
        var bytes = pending[file]
        guard !bytes.isEmpty else { return }
        pending[file] = []
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
        pending[file] = bytes
    }

    /// Reads the records of one file back in the order they were added, a piece at a time, as
    /// `decode` makes them (nil: not a record this process wrote). A read failure ends the walk and
    /// is kept in the spill's `readFailure`.
    struct Cursor<Element> {
        let spill: FindingSpill
        let descriptor: Int32
        let decode: (UnsafeRawBufferPointer) -> Element?
        private var buffer: [UInt8] = []
        private var start = 0
        private var offset: off_t = 0
        private var ended = false

        init(spill: FindingSpill, file: Int, decode: @escaping (UnsafeRawBufferPointer) -> Element?) {
            self.spill = spill
            self.decode = decode
            descriptor = file < spill.files.count ? spill.files[file] : -1
            ended = descriptor < 0
        }

        mutating func next() -> Element? {
            while !ended {
                if let finding = decodeNext() { return finding }
                if !ended { refill() }
            }
            return nil
        }

        /// The next whole record in the buffer, nil when more bytes are needed (or it failed).
        private mutating func decodeNext() -> Element? {
            guard buffer.count - start >= 4 else { return nil }
            var length = 0
            for index in 0..<4 { length |= Int(buffer[start + index]) << (8 * index) }
            guard buffer.count - start - 4 >= length else { return nil }
            let element = buffer.withUnsafeBytes { decode(UnsafeRawBufferPointer(rebasing: $0[start + 4..<start + 4 + length])) }
            guard let element else {
                spill.fail("the temporary findings file does not read back")
                ended = true
                return nil
            }
            start += 4 + length
            return element
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
