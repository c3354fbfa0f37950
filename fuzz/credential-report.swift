// libFuzzer target: IAM credential reports: CSV, the base64 Content of GetCredentialReport, or
// the JSON the AWS CLI prints, all decoded as they are read (CredentialReportEnvelope,
// Base64ChunkDecoder). Whole (CredentialReport.parse: one chunk) and streamed
// (CredentialReportReader, in chunks of 1 to 256 bytes chosen by the first byte) must agree:
// the same rows, or both an error.
import CredKitAudit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredentialReport(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let whole = try? CredentialReport.parse(Data(bytes), source: "fuzz.csv").entries
    let chunk = Int(bytes.first ?? 0) + 1
    var offset = 0
    var streamed: [CredentialReportEntry]? = []
    do {
        var reader = try CredentialReportReader(source: "fuzz.csv") {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + chunk)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
        while let entry = try reader.next() { streamed?.append(entry) }
    } catch {
        streamed = nil
    }
    if whole != streamed { fatalError("whole and streamed parsing disagree") }
    return 0
}
