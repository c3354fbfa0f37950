// libFuzzer target: `.credkit.toml` (CredKitScan.ScanConfiguration.parse over TOMLParser), read
// as ScanConfiguration.load reads a file. Kept to -max_len=1024 (fuzz/run.sh): the known stack
// overflow of deeply nested arrays is being fixed separately; under ASan it needs ~2,000 bytes.
import CredKitScan
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanConfiguration(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: count), as: UTF8.self),
          let configuration = try? ScanConfiguration.parse(text, file: ".credkit.toml") else { return 0 }
    _ = configuration.allows(path: "Vectors/scan/corpus/app.env")
    return 0
}
