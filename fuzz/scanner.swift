// libFuzzer target: the scanner's byte matcher (prefilter, shape scanner, rules, decoders,
// pairing) through CredKitScan.SecretScanner.scan(bytes:), with the built-in rules.
import CredKitScan

private let scanner = SecretScanner()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanner(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for finding in scanner.scan(bytes: bytes, file: "fuzz.txt") {
        guard finding.line >= 1, finding.column >= 1 else { fatalError("finding at line \(finding.line), column \(finding.column)") }
    }
    return 0
}
