// libFuzzer target: `.credkit.toml` (CredKitScan.ScanConfiguration.parse over TOMLParser), read
// as ScanConfiguration.load reads a file. Kept to -max_len=2048 (fuzz/run.sh): the known
// stack overflow at ~30,000 nesting levels is being fixed separately and needs longer inputs.
import CredKitScan
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanConfiguration(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: count), as: UTF8.self),
          let configuration = try? ScanConfiguration.parse(text, file: ".credkit.toml") else { return 0 }
    _ = configuration.allows(path: "Vectors/scan/corpus/app.env")
    return 0
}
