// libFuzzer target: allowlist path globs (CredKitScan.PathGlob). The input is a pattern, a
// newline, then a path. Run with -timeout= (fuzz/run.sh): matching is linear in the path
// (PathGlob's state machine), so a slow input is a regression; patterns past
// PathGlob.maximumPatternLength are refused.
import CredKitScan

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPathGlob(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: count)
    let newline = input.firstIndex(of: 0x0a) ?? input.endIndex
    let pattern = String(decoding: input[..<newline], as: UTF8.self)
    let path = newline < input.endIndex ? String(decoding: input[(newline + 1)...], as: UTF8.self) : pattern
    _ = (try? PathGlob(pattern))?.matches(path)
    return 0
}
