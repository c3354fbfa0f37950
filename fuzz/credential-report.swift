// libFuzzer target: IAM credential reports (CredKitAudit.CredentialReport.parse): CSV, the
// base64 Content of GetCredentialReport, or the JSON the AWS CLI prints.
import CredKitAudit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredentialReport(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? CredentialReport.parse(Data(bytes: data, count: count), source: "fuzz.csv")
    return 0
}
