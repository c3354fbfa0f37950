import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SecretScanner {
    /// What scanning a set of blobs found: findings (with placeholder file names) of the blobs
    /// that have any, and what was looked at.
    struct BlobScan {
        var findings: [GitObjectID: [Finding]] = [:]
        var blobs = 0
        var bytes = 0
        var binary = 0
        /// Blobs larger than `BlobBatchReader.maximumBlobBytes`, with their size.
        var tooLarge: [GitObjectID: Int] = [:]
        var unavailable: Set<GitObjectID> = []
        /// Blobs git shows as binary (a NUL byte in the first 8,000 bytes, UTF-16 text) or that
        /// are archives: what a diff leaves out.
        var binaryToGit: Set<GitObjectID> = []
        /// Archives that passed a limit, with the reasons; paths are relative to the blob
        /// (`!member`), as are the file names of findings in archives.
        var warnings: [GitObjectID: [ScanWarning]] = [:]

        /// The name to report for `suffix` (a blob finding's file: empty, or `!member` inside an
        /// archive) of the blob at `path`; a gzip blob's content, unnamed while scanning, is named
        /// after the path as on disk (`x.gz!x`).
        static func file(_ suffix: String, at path: String) -> String {
            guard suffix.hasPrefix("!") else { return path + suffix }
            let rest = suffix.dropFirst()
            guard rest.isEmpty || rest.hasPrefix("!") else { return path + suffix }
            let inner = DisplayName.escaped(ArchiveScanner.gzipContentName(Array(path.utf8)))
            return path + "!" + inner + rest
        }
    }

    /// Scans one blob as a file on disk is scanned: archives are opened, UTF-16 text is
    /// transcoded, binary content reports access key IDs. Findings are named relative to the
    /// blob (an empty file name, or `!member`).
    static func scanBlob(_ bytes: UnsafeRawBufferPointer, scanner: DocumentScanner, into scan: inout BlobScan, id: GitObjectID) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            scan.blobs += 1
            return
        }
        var found: [Finding]
        if let kind = ArchiveScanner.kind(of: bytes) {
            var archive = ArchiveScanner(scanner: scanner)
            archive.scan(archive: bytes, kind: kind, display: "", name: [])
            found = archive.findings
            if !archive.warnings.isEmpty { scan.warnings[id] = archive.warnings }
            scan.binaryToGit.insert(id)
        } else if UTF16Text.byteOrder(bytes) != nil || memchr(base, 0, min(bytes.count, binarySniffBytes)) != nil {
            let outcome = scanner.scan(memory: bytes, file: "")
            found = outcome.findings
            if outcome.binary { scan.binary += 1 }
            scan.binaryToGit.insert(id)
        } else {
            found = scanner.scan(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count), file: "")
        }
        scan.blobs += 1
        scan.bytes += bytes.count
        if !found.isEmpty { scan.findings[id] = found }
    }

    /// git reads a file as binary when a NUL byte comes in its first 8,000 bytes (a diff of
    /// such a file shows no lines); such blobs are scanned for access key IDs only.
    static let binarySniffBytes = 8000

    /// git maps pack files into memory whole by default (8 GiB on 64-bit systems), so reading
    /// a history maps most of the pack: 630 MB of resident memory for botocore's 490 MB pack.
    /// Smaller windows keep a history scan under 200 MB for a small cost in speed.
    static let packWindowConfiguration = ["-c", "core.packedGitWindowSize=32m", "-c", "core.packedGitLimit=128m"]

    /// Scans each blob once: one `git cat-file --batch` streams them to `workers` threads.
    /// Memory holds at most the queue's blobs, not the history.
    func scanBlobs(_ ids: [GitObjectID], in directory: String, workers: Int) throws -> BlobScan {
        guard !ids.isEmpty else { return BlobScan() }
        var request = [UInt8]()
        request.reserveCapacity(ids.count * 41)
        for id in ids {
            request.append(contentsOf: id.description.utf8)
            request.append(0x0a)
        }
        let queue = BoundedQueue<(GitObjectID, [UInt8])>(capacity: max(2, workers * 2))
        let merged = Mutex(BlobScan())
        // Buffers the workers are done with, for the reader to fill again.
        let spare = Mutex<[[UInt8]]>([])
        let spareLimit = max(2, workers * 2) + 2
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let scanner = DocumentScanner(plan: self.plan)
                var local = BlobScan()
                while let (id, bytes) = queue.pop() {
                    bytes.withUnsafeBytes { Self.scanBlob($0, scanner: scanner, into: &local, id: id) }
                    spare.withLock { if $0.count < spareLimit { $0.append(bytes) } }
                }
                let done = local
                merged.withLock { total in
                    total.findings.merge(done.findings) { first, _ in first }
                    total.blobs += done.blobs
                    total.bytes += done.bytes
                    total.binary += done.binary
                    total.binaryToGit.formUnion(done.binaryToGit)
                    total.warnings.merge(done.warnings) { first, _ in first }
                }
            }
        }
        var reader = BlobBatchReader { spare.withLock { $0.popLast() } ?? [] }
        var tooLarge: [GitObjectID: Int] = [:]
        var unavailable: Set<GitObjectID> = []
        let streamed = Result {
            try GitProcess.stream(Self.packWindowConfiguration + ["cat-file", "--batch"], in: directory, input: request) { chunk in
                try reader.feed(chunk) { item in
                    switch item {
                    case .blob(let id, let bytes): queue.push((id, bytes))
                    case .tooLarge(let id, let size): tooLarge[id] = size
                    case .unavailable(let id): unavailable.insert(id)
                    }
                }
            }
            try reader.finish()
        }
        queue.close()
        group.wait()
        try streamed.get()
        var scan = merged.withLock { $0 }
        scan.tooLarge = tooLarge
        scan.unavailable = unavailable
        return scan
    }
}
