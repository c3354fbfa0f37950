import Foundation

/// Reads a credential report one row at a time, so `keys --report` checks a report of any size
/// in bounded memory: CSV is read in chunks of `chunkSize` bytes and only the current record is
/// held. The base64 and JSON (`aws iam get-credential-report`) forms are decoded as they are read
/// (`Base64ChunkDecoder`, `CredentialReportEnvelope`).
///
/// The same rules and limits as `CredentialReport.parse(_:source:)` apply, with the same messages.
public struct CredentialReportReader {
    /// Bytes read from the file per chunk.
    public static let chunkSize = 65_536

    /// Where the report comes from, for messages.
    public let source: String
    private var parser: ReportParser

    /// Reads from `read`, which gives the next chunk of bytes or nil (or empty) at the end.
    /// - Throws: `AuditError.invalidInput` when the first chunk cannot be read or decoded.
    public init(source: String, read: @escaping () throws -> [UInt8]?) throws {
        self.source = source
        var first = try read() ?? []
        var more: (() throws -> [UInt8]?)? = read
        // Enough of the start to tell CSV from base64 and JSON.
        while first.count < 8, let chunk = try more?(), !chunk.isEmpty { first += chunk }
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { first.removeFirst(3) }
        let firstByte = first.first { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }
        // The encoded forms are decoded as they are read, never whole.
        if firstByte == UInt8(ascii: "{") {
            var envelope = CredentialReportEnvelope(source: source, bytes: ReportByteSource(first: first, read: more))
            var decoder = Base64ChunkDecoder(source: source) { try envelope.contentRun() }
            first = try decoder.next() ?? []
            more = { try decoder.next() }
        } else if !first.starts(with: Array("user".utf8)) && Self.startsWithBase64OfCSV(first) {
            var bytes = ReportByteSource(first: first, read: more)
            var decoder = Base64ChunkDecoder(source: source) { try bytes.run { _ in false } }
            first = try decoder.next() ?? []
            more = { try decoder.next() }
        }
        parser = ReportParser(bytes: first, source: source, refill: more)
    }

    /// Opens a report file.
    /// - Throws: `AuditError.invalidInput` naming the file when it is missing or unreadable.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw AuditError(.invalidInput, "\(path): \(exists ? "cannot read the file" : "no such file")")
        }
        try self.init(handle: handle, source: path)
    }

    /// Reads from an open file handle (standard input, for one), closing it at the end.
    public init(handle: FileHandle, source: String) throws {
        try self.init(source: source) {
            do {
                guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else {
                    try? handle.close()
                    return nil
                }
                return [UInt8](data)
            } catch {
                throw AuditError(.invalidInput, "\(source): cannot read the file")
            }
        }
    }

    /// Whether `bytes` start with base64 text (white space allowed) that decodes to `user`, the
    /// report's first column name.
    static func startsWithBase64OfCSV(_ bytes: [UInt8]) -> Bool {
        var characters: [UInt8] = []
        for byte in bytes where byte != 0x20 && byte != 0x0a && byte != 0x0d && byte != 0x09 {
            characters.append(byte)
            if characters.count == 8 { break }
        }
        guard characters.count == 8, let decoded = Data(base64Encoded: Data(characters)) else { return false }
        return decoded.starts(with: Array("user".utf8))
    }

    /// The next row in report order, nil after the last.
    /// - Throws: `AuditError.invalidInput` as `source: line L, column C (name): what is wrong`.
    public mutating func next() throws -> CredentialReportEntry? {
        try parser.nextEntry()
    }
}
