@testable import CredKitAudit
import CredKitTestSupport
import Foundation
import Testing

/// The report read in chunks (`keys --report`): the same rows and messages as reading it whole,
/// records bounded by `maximumRecordBytes`, memory bounded by the record and the chunk.
@Suite struct CredentialReportStreamingTests {
    static let vectors = ["credential-report-basic.csv", "credential-report-quirks.csv"]

    /// A reader fed `data` in pieces of `size` bytes; `handedOut` counts the bytes given so far.
    final class Chunks: @unchecked Sendable {
        let data: [UInt8]
        let size: Int
        var handedOut = 0
        init(_ data: [UInt8], size: Int) { self.data = data; self.size = size }
        func next() -> [UInt8]? {
            guard handedOut < data.count else { return nil }
            let end = min(data.count, handedOut + size)
            defer { handedOut = end }
            return Array(data[handedOut..<end])
        }
    }

    static func readAll(_ data: [UInt8], chunk: Int, source: String = "r.csv") throws -> [CredentialReportEntry] {
        let chunks = Chunks(data, size: chunk)
        var reader = try CredentialReportReader(source: source) { chunks.next() }
        var entries: [CredentialReportEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    /// Chunk sizes that split records, quoted fields and CRLF pairs at every place.
    @Test(arguments: [1, 2, 3, 7, 64, 65_536])
    func chunkedReadingGivesTheRowsOfWholeReading(chunk: Int) throws {
        for name in Self.vectors {
            let data = try Data(contentsOf: Fixtures.vectors.appendingPathComponent("aws/\(name)"))
            let whole = try CredentialReport.parse(data, source: "r.csv").entries
            #expect(!whole.isEmpty)
            #expect(try Self.readAll([UInt8](data), chunk: chunk) == whole, "\(name), chunks of \(chunk)")
        }
    }

    @Test func jsonAndBase64FormsAreReadToo() throws {
        let data = try Data(contentsOf: Fixtures.vectors.appendingPathComponent("aws/credential-report-basic.csv"))
        let whole = try CredentialReport.parse(data, source: "r.csv").entries
        let base64 = data.base64EncodedString(options: .lineLength76Characters)
        #expect(try Self.readAll(Array(base64.utf8), chunk: 5) == whole)
        let json = "{\"State\": \"COMPLETE\", \"Content\": \"\(data.base64EncodedString())\", \"ReportFormat\": \"text/csv\"}"
        #expect(try Self.readAll(Array(json.utf8), chunk: 5) == whole)
        // A byte-order mark before the JSON is skipped both ways (whole reading once refused it).
        let marked = [0xEF, 0xBB, 0xBF] + Array(json.utf8)
        #expect(try CredentialReport.parse(Data(marked), source: "r.json").entries == whole)
        #expect(try Self.readAll(marked, chunk: 5) == whole)
    }

    /// A user row `length` bytes long (line ending not counted), padded in the ARN.
    static func row(length: Int) -> String {
        let tail = ",2024-06-01T09:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let head = "long,arn:aws:iam::123456789012:user/"
        return head + String(repeating: "x", count: length - head.utf8.count - tail.utf8.count) + tail
    }

    @Test(arguments: [1, 4096, 65_536])
    func recordAtTheByteLimitIsReadAndOnePastIsRefused(chunk: Int) throws {
        let limit = CredentialReport.maximumRecordBytes
        let header = CredentialReport.columns.joined(separator: ",")
        let atLimit = header + "\n" + Self.row(length: limit) + "\r\n"
        #expect(Self.row(length: limit).utf8.count == limit)
        #expect(try Self.readAll(Array(atLimit.utf8), chunk: chunk).first?.arn.utf8.count == limit - 119)
        #expect(throws: Never.self) { try CredentialReport.parse(Data(atLimit.utf8), source: "r.csv") }
        let pastLimit = header + "\n" + Self.row(length: limit + 1) + "\n"
        let expected = "r.csv: line 2: the record is longer than \(limit) bytes, the limit for one record"
        let streamed = #expect(throws: AuditError.self) { try Self.readAll(Array(pastLimit.utf8), chunk: chunk) }
        #expect(streamed?.reason == expected)
        let whole = #expect(throws: AuditError.self) { try CredentialReport.parse(Data(pastLimit.utf8), source: "r.csv") }
        #expect(whole?.reason == expected)
    }

    /// A quote that never closes in a 20 MB file is refused after reading about one record, not the file.
    @Test func endlessQuotedFieldIsRefusedWithoutReadingTheRest() throws {
        let header = CredentialReport.columns.joined(separator: ",")
        let data = Array((header + "\n\"" + String(repeating: "a", count: 20_000_000)).utf8)
        let chunks = Chunks(data, size: CredentialReportReader.chunkSize)
        var reader = try CredentialReportReader(source: "r.csv") { chunks.next() }
        let error = #expect(throws: AuditError.self) { _ = try reader.next() }
        #expect(error?.reason.contains("longer than \(CredentialReport.maximumRecordBytes) bytes") == true)
        #expect(chunks.handedOut <= 2 * CredentialReport.maximumRecordBytes + 2 * CredentialReportReader.chunkSize)
    }

    /// Line numbers in messages count across chunk boundaries.
    @Test func malformedRowDeepInAStreamIsNamedByItsLine() throws {
        let header = CredentialReport.columns.joined(separator: ",")
        var text = header + "\n"
        for index in 0..<5_000 {
            text += Self.row(length: 200).replacingOccurrences(of: "long,", with: "u\(index),") + "\n"
        }
        text += Self.row(length: 200).replacingOccurrences(of: "false,N/A,N/A,N/A,false", with: "maybe,N/A,N/A,N/A,false") + "\n"
        let error = #expect(throws: AuditError.self) { try Self.readAll(Array(text.utf8), chunk: 1000) }
        #expect(error?.reason.hasPrefix("r.csv: line 5002, column 4 (password_enabled): expected true or false") == true, "\(error?.reason ?? "")")
    }

    @Test func missingFileIsNamed() {
        let error = #expect(throws: AuditError.self) { try CredentialReportReader(path: "/nonexistent/report.csv") }
        #expect(error?.reason == "/nonexistent/report.csv: no such file")
    }
}
