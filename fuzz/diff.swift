// libFuzzer target: git's unified diffs as `scan --staged` reads them (and `git log -p`)
// (CredKitScan's internal LineSplitter and DiffParser), with each file's added lines scanned
// and mapped back to their line numbers. The first byte picks where the stream is cut in two,
// so a line split across reads from git is exercised too.
@testable import CredKitScan

private let plan = MatchPlan(rules: ScanConfiguration().activeRules(), configuration: ScanConfiguration())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiff(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data + 1, count: count - 1)
    let cut = min(Int(data[0]), input.count)
    let scanner = DocumentScanner(plan: plan)
    var parser = DiffParser()
    var splitter = LineSplitter()
    let handle: (DiffParser.Document) -> Void = { document in
        let lines = document.text.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
        guard lines == document.lineMap.count else { fatalError("\(lines) added lines but \(document.lineMap.count) line numbers") }
        let findings = document.text.withUnsafeBufferPointer { scanner.scan(bytes: $0, file: document.file, lineMap: document.lineMap) }
        _ = findings
    }
    splitter.feed(UnsafeBufferPointer(rebasing: input[..<cut])) { parser.feed($0, emit: handle) }
    splitter.feed(UnsafeBufferPointer(rebasing: input[cut...])) { parser.feed($0, emit: handle) }
    splitter.finish { parser.feed($0, emit: handle) }
    parser.finish(emit: handle)
    return 0
}
