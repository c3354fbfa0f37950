#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kinds of file a tree scan reads other than plain text: archives and UTF-16 text.
extension SecretScanner {
    /// Maps an archive and scans its members; nil when the bytes are not that archive after all
    /// (the file is then scanned as it is).
    func scanArchive(fd: Int32, kind: ArchiveScanner.Kind, entry: PathWalker.Entry, scanner: DocumentScanner) -> FileOutcome? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        let bytes = UnsafeRawBufferPointer(start: mapped, count: size)
        // A .tar.gz is confirmed as gzip; a name alone never makes a file an archive.
        guard let found = ArchiveScanner.kind(of: bytes), found == kind else { return nil }
        var archive = ArchiveScanner(scanner: scanner)
        archive.scan(archive: bytes, kind: found, display: entry.display, name: entry.path)
        var outcome = FileOutcome()
        outcome.findings = archive.findings
        outcome.warnings = archive.warnings
        outcome.files = max(1, archive.files)
        outcome.bytes = archive.bytes
        outcome.binary = archive.binary
        return outcome
    }

    /// Reads a UTF-16 file whole (up to `UTF16Text.maximumFileBytes`), transcodes and scans it.
    func scanUTF16(fd: Int32, bigEndian: Bool, entry: PathWalker.Entry, scanner: DocumentScanner) throws -> FileOutcome {
        var outcome = FileOutcome()
        var content = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ScanError(.unreadable, "\(entry.display): \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            guard content.count + got <= UTF16Text.maximumFileBytes else {
                outcome.warnings.append(ScanWarning(path: entry.display, reason: "UTF-16 text larger than "
                    + "\(UTF16Text.maximumFileBytes) bytes, the limit for transcoding; skipped"))
                return outcome
            }
            content += chunk[0..<got]
            offset += off_t(got)
        }
        let text = content.withUnsafeBytes { UTF16Text.utf8(from: $0, bigEndian: bigEndian) }
        outcome.findings = text.withUnsafeBufferPointer { scanner.scan(bytes: $0, file: entry.display) }
        outcome.files = 1
        outcome.bytes = content.count
        return outcome
    }
}
