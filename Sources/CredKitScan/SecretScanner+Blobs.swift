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
    }

    /// git reads a file as binary when a NUL byte comes in its first 8,000 bytes; history
    /// scans follow git (a diff of such a file shows no lines).
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
                    let found: [Finding]? = bytes.withUnsafeBufferPointer { buffer in
                        guard let base = buffer.baseAddress, buffer.count > 0 else { return [] }
                        if memchr(base, 0, min(buffer.count, Self.binarySniffBytes)) != nil { return nil }
                        return scanner.scan(bytes: buffer, file: "")
                    }
                    guard let found else {
                        local.binary += 1
                        spare.withLock { if $0.count < spareLimit { $0.append(bytes) } }
                        continue
                    }
                    local.blobs += 1
                    local.bytes += bytes.count
                    if !found.isEmpty { local.findings[id] = found }
                    spare.withLock { if $0.count < spareLimit { $0.append(bytes) } }
                }
                let done = local
                merged.withLock { total in
                    total.findings.merge(done.findings) { first, _ in first }
                    total.blobs += done.blobs
                    total.bytes += done.bytes
                    total.binary += done.binary
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
