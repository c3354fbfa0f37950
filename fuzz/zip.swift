// libFuzzer target: zip and jar files as `credkit scan` opens them (CredKitScan's internal
// ZipDirectory over the central directory, zlib inflate of each member, nested archives and
// every member scanned), with limits small enough that a run never waits on expansion.
@testable import CredKitScan

private let plan = MatchPlan(rules: ScanConfiguration().activeRules(), configuration: ScanConfiguration())
private let limits = ArchiveScanner.Limits(nestingDepth: 3, entries: 64, entryBytes: 1 << 20, expandedBytes: 4 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    if let directory = try? ZipDirectory(bytes, maximumEntries: limits.entries) {
        for entry in directory.entries {
            guard entry.data.lowerBound >= 0, entry.data.upperBound <= count else { fatalError("entry data out of bounds") }
        }
    }
    var archive = ArchiveScanner(scanner: DocumentScanner(plan: plan), limits: limits)
    archive.scan(archive: bytes, kind: .zip, display: "fuzz.zip", name: Array("fuzz.zip".utf8))
    guard archive.bytes <= limits.expandedBytes + count else { fatalError("scanned past the expansion limit") }
    return 0
}
