// libFuzzer target: scan baseline files (CredKitScan.Baseline.parse); what parses must write
// back (fileText) as a file that parses to the same baseline.
import CredKitScan
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseline(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let baseline = try? Baseline.parse(Data(bytes: data, count: count), file: "fuzz.json") else { return 0 }
    guard let again = try? Baseline.parse(Data(baseline.fileText.utf8), file: "again.json") else {
        fatalError("a parsed baseline writes a file that does not parse")
    }
    guard again.fileText == baseline.fileText else { fatalError("a parsed baseline does not round-trip through fileText") }
    return 0
}
