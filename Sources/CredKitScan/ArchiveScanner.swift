/// Scans the files inside `.zip`/`.jar`, `.tar`, `.gz` and `.tar.gz` files, archives inside
/// them too, naming each as `archive.zip!path/inside`. Hostile archives are bounded: nesting
/// depth, entries per archive, and bytes expanded per entry and per archive on disk are capped,
/// and whatever passes a cap is refused with a warning instead of being expanded to exhaustion.
struct ArchiveScanner {
    /// Archives inside archives are opened this many levels deep (`a.zip!b.zip!c.zip!d.zip!f`).
    static let maximumNestingDepth = 4
    /// Member files read from one archive; the rest are left with a warning.
    static let maximumEntries = 10_000
    /// Bytes one member may expand to; a member that would expand further is refused.
    static let maximumEntryBytes = 64 << 20
    /// Bytes all members of one archive on disk may expand to, nested archives included.
    static let maximumExpandedBytes = 256 << 20

    /// The caps one scan applies (the constants above; tests pass smaller ones).
    struct Limits {
        var nestingDepth = ArchiveScanner.maximumNestingDepth
        var entries = ArchiveScanner.maximumEntries
        var entryBytes = ArchiveScanner.maximumEntryBytes
        var expandedBytes = ArchiveScanner.maximumExpandedBytes
    }

    /// Archive formats, recognised by their first bytes.
    enum Kind {
        case zip, gzip, tar
    }

    private let scanner: DocumentScanner
    private let limits: Limits
    private(set) var findings: [Finding] = []
    private(set) var warnings: [ScanWarning] = []
    /// Member files scanned, and their bytes.
    private(set) var files = 0
    private(set) var bytes = 0
    /// Members read as binary.
    private(set) var binary = 0
    private var expanded = 0
    private var exhausted = false

    init(scanner: DocumentScanner, limits: Limits = Limits()) {
        self.scanner = scanner
        self.limits = limits
    }

    /// The archive kind a file on disk is opened as, from its name (files are not sniffed, so
    /// other files cost nothing); `kind(of:)` then confirms it from the bytes.
    static func kind(forName path: [UInt8]) -> Kind? {
        let lower = path.suffix(8).map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
        func ends(_ suffix: String) -> Bool { lower.count >= suffix.utf8.count && lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        if ends(".zip") || ends(".jar") || ends(".war") || ends(".ear") { return .zip }
        if ends(".gz") || ends(".tgz") { return .gzip }
        if ends(".tar") { return .tar }
        return nil
    }

    /// The archive kind `bytes` hold, from their first bytes (tar: a ustar header with a right checksum).
    static func kind(of bytes: UnsafeRawBufferPointer) -> Kind? {
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4b, (bytes[2], bytes[3]) == (3, 4) || (bytes[2], bytes[3]) == (5, 6) {
            return .zip
        }
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { return .gzip }
        if TarArchive.recognizes(bytes), bytes[257..<262].elementsEqual("ustar".utf8) { return .tar }
        return nil
    }

    /// Scans the members of an archive on disk.
    /// - Parameters:
    ///   - display: the archive's name in reports.
    ///   - name: its path, for the name of a `.gz` file's content (`x.gz!x`).
    mutating func scan(archive: UnsafeRawBufferPointer, kind: Kind, display: String, name: [UInt8]) {
        open(archive, kind: kind, display: display, name: name, depth: 1)
    }

    private mutating func open(_ data: UnsafeRawBufferPointer, kind: Kind, display: String, name: [UInt8], depth: Int) {
        switch kind {
        case .zip: openZip(data, display: display, depth: depth)
        case .tar: openTar(data, display: display, depth: depth)
        case .gzip:
            guard let inner = expand(data, format: .gzip, display: display, declaredSize: 0) else { return }
            inner.withUnsafeBytes { content in
                // A .tar.gz is one archive: its members are named `x.tar.gz!member`.
                if Self.kind(of: content) == .tar {
                    openTar(content, display: display, depth: depth)
                } else {
                    let inner = Self.gzipContentName(name)
                    scanMember(content, name: inner, display: display + "!" + DisplayName.escaped(inner), depth: depth)
                }
            }
        }
    }

    private mutating func openZip(_ data: UnsafeRawBufferPointer, display: String, depth: Int) {
        let directory: ZipDirectory
        do {
            directory = try ZipDirectory(data, maximumEntries: limits.entries)
        } catch {
            return warn(display, "not read as a zip file: \(error)")
        }
        if directory.listed > directory.entries.count {
            warn(display, "lists \(directory.listed) files, past the limit of \(limits.entries) per archive; "
                 + "only the first \(limits.entries) are scanned")
        }
        for entry in directory.entries where !exhausted {
            let shown = display + "!" + DisplayName.escaped(entry.name)
            if entry.encrypted { warn(shown, "encrypted, not scanned"); continue }
            let stored = UnsafeRawBufferPointer(rebasing: data[entry.data])
            switch entry.method {
            case 0:
                scanMember(stored, name: entry.name, display: shown, depth: depth)
            case 8:
                guard let content = expand(stored, format: .raw, display: shown, declaredSize: entry.declaredSize) else { continue }
                content.withUnsafeBytes { scanMember($0, name: entry.name, display: shown, depth: depth) }
            default:
                warn(shown, "compressed with method \(entry.method), which is not read; not scanned")
            }
        }
    }

    private mutating func openTar(_ data: UnsafeRawBufferPointer, display: String, depth: Int) {
        let archive: TarArchive
        do {
            archive = try TarArchive(data, maximumEntries: limits.entries)
        } catch {
            return warn(display, "not read as a tar file: \(error)")
        }
        if archive.truncated {
            warn(display, "holds more than \(limits.entries) files, the limit per archive; only the first "
                 + "\(limits.entries) are scanned")
        }
        for entry in archive.entries where !exhausted {
            scanMember(UnsafeRawBufferPointer(rebasing: data[entry.data]), name: entry.name,
                       display: display + "!" + DisplayName.escaped(entry.name), depth: depth)
        }
    }

    /// Inflates within the limits, or warns and returns nil.
    private mutating func expand(_ data: UnsafeRawBufferPointer, format: Inflater.Format, display: String,
                                 declaredSize: Int) -> [UInt8]? {
        let room = limits.expandedBytes - expanded
        if declaredSize > limits.entryBytes {
            warn(display, "would expand to \(declaredSize) bytes, past the limit of \(limits.entryBytes) per file; not scanned")
            return nil
        }
        let output: Inflater.Output
        do {
            output = try Inflater.inflate(data, format: format, limit: min(limits.entryBytes, room))
        } catch {
            warn(display, "not scanned: \(error)")
            return nil
        }
        expanded += output.bytes.count
        if !output.complete {
            if room <= limits.entryBytes {
                exhausted = true
                warn(display, "expands past the limit of \(limits.expandedBytes) bytes per archive; "
                     + "it and the files after it are not scanned")
            } else {
                warn(display, "expands past the limit of \(limits.entryBytes) bytes per file; not scanned")
            }
            return nil
        }
        return output.bytes
    }

    /// Scans one member: an archive in turn (within the depth limit), else its text or bytes.
    private mutating func scanMember(_ content: UnsafeRawBufferPointer, name: [UInt8], display: String, depth: Int) {
        if let kind = Self.kind(of: content) {
            guard depth < limits.nestingDepth else {
                return warn(display, "an archive nested more than \(limits.nestingDepth) levels deep; not opened")
            }
            return open(content, kind: kind, display: display, name: name, depth: depth + 1)
        }
        let outcome = scanner.scan(memory: content, file: display)
        findings += outcome.findings
        files += 1
        bytes += content.count
        if outcome.binary { binary += 1 }
    }

    private mutating func warn(_ display: String, _ reason: String) {
        warnings.append(ScanWarning(path: display, reason: reason))
    }

    /// `x.gz` holds `x`, `x.tgz` holds `x.tar`.
    static func gzipContentName(_ path: [UInt8]) -> [UInt8] {
        let base = Array(path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last ?? [])
        let lower = base.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
        if lower.count > 4, lower.suffix(4).elementsEqual(".tgz".utf8) { return Array(base.dropLast(4)) + Array(".tar".utf8) }
        if lower.count > 3, lower.suffix(3).elementsEqual(".gz".utf8) { return Array(base.dropLast(3)) }
        return base
    }
}
