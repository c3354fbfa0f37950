// libFuzzer target: what `scan --history` reads from git (CredKitScan's internal HistoryListing
// over `git log --raw` and BlobBatchReader over `git cat-file --batch`). The first byte picks
// where the stream is cut in two, so a line or an object split across reads is exercised too;
// the blob limit is lowered to 64 bytes so skipped blobs are reached. The same bytes go to the
// reader of `git diff --cached --raw -z` (scan --staged's binary files).
@testable import CredKitScan

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitHistory(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data + 1, count: count - 1)
    let cut = min(Int(data[0]), input.count)
    let halves = [UnsafeBufferPointer(rebasing: input[..<cut]), UnsafeBufferPointer(rebasing: input[cut...])]

    var listing = HistoryListing()
    do {
        for half in halves { try listing.feed(half) }
        try listing.finish()
        for change in listing.changes {
            guard change.commit < listing.commits.count, listing.blobSet.contains(change.blob) else {
                fatalError("a change names a commit or blob the listing does not hold")
            }
        }
        guard listing.blobs.count == listing.blobSet.count else { fatalError("blobs listed twice") }
    } catch {}

    var reader = BlobBatchReader(maximumBlobBytes: 64)
    do {
        for half in halves {
            try reader.feed(half) { item in
                if case .blob(_, let bytes) = item, bytes.count > 64 { fatalError("a blob past the limit was held") }
            }
        }
        try reader.finish()
    } catch {}

    if let staged = try? SecretScanner.parseRawListing(Array(input)) {
        for file in staged where file.blob.isNull || file.previous == file.blob {
            fatalError("a staged file without new content was listed")
        }
    }
    return 0
}
