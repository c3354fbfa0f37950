// libFuzzer target: tar, .tar.gz and .gz files as `credkit scan` opens them (CredKitScan's
// internal TarArchive headers: ustar, GNU long names, pax paths; zlib's gzip inflate; nested
// archives and every member scanned). The first byte picks tar or gzip.
@testable import CredKitScan

private let plan = MatchPlan(rules: ScanConfiguration().activeRules(), configuration: ScanConfiguration())
private let limits = ArchiveScanner.Limits(nestingDepth: 3, entries: 64, entryBytes: 1 << 20, expandedBytes: 4 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTar(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: count - 1)
    if let archive = try? TarArchive(bytes, maximumEntries: limits.entries) {
        for entry in archive.entries {
            guard entry.data.lowerBound >= 0, entry.data.upperBound <= bytes.count else { fatalError("entry data out of bounds") }
        }
    }
    var archive = ArchiveScanner(scanner: DocumentScanner(plan: plan), limits: limits)
    let kind: ArchiveScanner.Kind = data[0] & 1 == 0 ? .tar : .gzip
    archive.scan(archive: bytes, kind: kind, display: "fuzz.tar", name: Array("fuzz.tar.gz".utf8))
    return 0
}
