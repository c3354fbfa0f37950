import CredKitAWS
import CredKitJSON
import Foundation

extension CredentialReport {
    /// The most fields one record may have: a report has 22 columns today; the bound leaves
    /// room for columns AWS may add and stops a hostile row of millions of commas early.
    public static let maximumFieldsPerRow = 256

    /// The most bytes one record may take, its line ending not counted: a row is a few hundred
    /// bytes (names up to 64 characters, ARNs up to 2,048); the bound keeps a streamed report's
    /// memory small however a hostile file is shaped (one endless quoted field, no newline).
    public static let maximumRecordBytes = 65_536

    /// Parses a credential report as AWS hands it out: decoded CSV, the base64 `Content` of
    /// `GetCredentialReport`, or the JSON that `aws iam get-credential-report` prints.
    ///
    /// Strict but kind: columns are found by name (extra columns are ignored, a missing one is an
    /// error), `true`/`TRUE`, `N/A`, `no_information` and `not_supported` are understood, times are
    /// ISO 8601 with `Z` or an offset. A malformed row is an error naming line and column.
    /// - Parameters:
    ///   - data: the bytes.
    ///   - source: the file name or `standard input`, for messages.
    /// - Throws: `AuditError.invalidInput` as `source: line L, column C (name): what is wrong`.
    public static func parse(_ data: Data, source: String) throws -> CredentialReport {
        // One reader for both ways in: the whole data is its only chunk.
        var pending: Data? = data
        var reader = try CredentialReportReader(source: source) {
            defer { pending = nil }
            return pending.map { [UInt8]($0) }
        }
        var entries: [CredentialReportEntry] = []
        entries.reserveCapacity(data.count / 200)
        while let entry = try reader.next() { entries.append(entry) }
        return CredentialReport(source: source, entries: entries)
    }

    /// Reads a report file (`-` for standard input is the caller's job).
    public static func load(path: String) throws -> CredentialReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw AuditError(.invalidInput, "\(path): \(exists ? "cannot read the file" : "no such file")")
        }
        return try parse(data, source: path)
    }
}

/// A single-pass CSV reader that builds typed rows directly, over bytes that arrive in chunks:
/// only the current record and the chunk it sits in are held, so a report of any size is read
/// in bounded memory.
struct ReportParser {
    private(set) var bytes: [UInt8]
    let source: String
    /// Gives the next chunk of input, nil at its end; nil when everything is in `bytes`.
    var refill: (() throws -> [UInt8]?)?
    var position = 0
    var line = 1
    // Field boundaries of the current row; quoted fields are unescaped into `unquoted`.
    var starts: [Int] = []
    var ends: [Int] = []
    var inSide: [Bool] = []
    var unquoted: [UInt8] = []
    var columnIndex: [Int] = []
    var headerNames: [String] = []
    /// The user names read so far, as their hash values: 8 bytes a user instead of the name, so
    /// the duplicate check costs little on the largest reports. Swift seeds the hash anew in every
    /// process, so a report cannot be made to collide; by chance two of a million names collide
    /// about once in 10^7 reports.
    var seen: Set<Int> = []

    /// Thrown inside `readRow` when the buffered bytes end before the record does.
    private struct NeedMoreInput: Error {}

    init(bytes: [UInt8], source: String, refill: (() throws -> [UInt8]?)? = nil) {
        self.bytes = bytes
        self.source = source
        self.refill = refill
    }

    /// The next row, nil at the end of the report; the header is read first.
    mutating func nextEntry() throws -> CredentialReportEntry? {
        if headerNames.isEmpty { try readHeader() }
        while true {
            let rowLine = line
            guard try readRecord() else { return nil }
            if starts.count == 1, starts[0] == ends[0] { continue } // blank line
            guard starts.count == headerNames.count else {
                throw AuditError(.invalidInput,
                               "\(source): line \(rowLine): expected \(headerNames.count) fields as in the header, found \(starts.count)")
            }
            let entry = try makeEntry(line: rowLine)
            guard seen.insert(entry.user.hashValue).inserted else {
                throw AuditError(.invalidInput, "\(source): line \(rowLine), column \(columnIndex[0] + 1) (user): user '\(entry.user)' appears twice")
            }
            return entry
        }
    }

    mutating func readHeader() throws {
        guard try readRecord() else { throw AuditError(.invalidInput, "\(source): empty report (no header line)") }
        headerNames = (0..<starts.count).map { string($0).trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (offset, name) in headerNames.enumerated() where index[name] == nil { index[name] = offset }
        var missing: [String] = []
        columnIndex = CredentialReport.columns.map { name in
            if let found = index[name] { return found }
            missing.append(name)
            return -1
        }
        guard missing.isEmpty else {
            let hint = headerNames.first == "user" ? "" : " (is this a credential report? its first column should be 'user')"
            throw AuditError(.invalidInput, "\(source): line 1: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))\(hint)")
        }
    }

    /// Reads one record, fetching chunks until it is whole; false at end of input.
    mutating func readRecord() throws -> Bool {
        let recordLine = line
        while true {
            let recordStart = position
            do {
                return try readRow(recordStart: recordStart)
            } catch is NeedMoreInput {
                let pending = bytes.count - recordStart
                guard pending <= CredentialReport.maximumRecordBytes else { throw recordTooLong(line: recordLine) }
                // Drop what was read before this record and read it again with more input. At least
                // as much again is added, so a long record is re-read a few times, not once per chunk.
                bytes.removeSubrange(0..<recordStart)
                position = 0
                line = recordLine
                var added = 0
                while added <= pending {
                    guard let chunk = try refill?(), !chunk.isEmpty else {
                        refill = nil
                        break
                    }
                    bytes.append(contentsOf: chunk)
                    added += chunk.count
                }
            }
        }
    }

    func recordTooLong(line: Int) -> AuditError {
        AuditError(.invalidInput, "\(source): line \(line): the record is longer than \(CredentialReport.maximumRecordBytes) bytes, the limit for one record")
    }

    /// Whether a byte is buffered at `index`; asks for more input when the buffer ends there
    /// and the input does not.
    func has(_ index: Int) throws -> Bool {
        if index < bytes.count { return true }
        if refill == nil { return false }
        throw NeedMoreInput()
    }

    // MARK: - Rows

    /// Reads one CSV record into `starts`/`ends`; false at end of input. Throws `NeedMoreInput`
    /// when the buffer ends inside the record.
    mutating func readRow(recordStart: Int) throws -> Bool {
        guard try has(position) else { return false }
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        inSide.removeAll(keepingCapacity: true)
        unquoted.removeAll(keepingCapacity: true)
        let rowLine = line
        while true {
            if try has(position), bytes[position] == UInt8(ascii: "\"") {
                let fieldNumber = starts.count + 1
                position += 1
                let start = unquoted.count
                while true {
                    guard try has(position) else {
                        throw AuditError(.invalidInput, "\(source): line \(rowLine), column \(fieldNumber): quoted field is never closed")
                    }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") {
                        if try has(position + 1), bytes[position + 1] == UInt8(ascii: "\"") {
                            unquoted.append(byte)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == 0x0a { line += 1 }
                    unquoted.append(byte)
                    position += 1
                }
                starts.append(start)
                ends.append(unquoted.count)
                inSide.append(true)
                if try has(position), bytes[position] != UInt8(ascii: ","), bytes[position] != 0x0a, bytes[position] != 0x0d {
                    throw AuditError(.invalidInput, "\(source): line \(rowLine), column \(fieldNumber): text after the closing quote")
                }
            } else {
                let start = position
                while try has(position) {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == 0x0a || byte == 0x0d { break }
                    position += 1
                }
                starts.append(start)
                ends.append(position)
                inSide.append(false)
            }
            guard position - recordStart <= CredentialReport.maximumRecordBytes else { throw recordTooLong(line: rowLine) }
            if !(try has(position)) { return true }
            switch bytes[position] {
            case UInt8(ascii: ","):
                guard starts.count < CredentialReport.maximumFieldsPerRow else {
                    throw AuditError(.invalidInput,
                                     "\(source): line \(rowLine): more than \(CredentialReport.maximumFieldsPerRow) fields, the limit for one record")
                }
                position += 1
            case 0x0d:
                if try has(position + 1), bytes[position + 1] == 0x0a { position += 1 }
                position += 1
                line += 1
                return true
            default:
                position += 1
                line += 1
                return true
            }
        }
    }

    // MARK: - Fields

    func withField<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let storage = inSide[field] ? unquoted : bytes
        return storage.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[starts[field]..<ends[field]]))
        }
    }

    func string(_ field: Int) -> String {
        withField(field) { String(decoding: $0, as: UTF8.self) }
    }

    /// How much of a malformed cell a message quotes: a secret pasted into the wrong column
    /// must not reach a CI log, so only a short prefix and the length.
    static let quotedPrefixLength = 4

    func fail(_ column: Int, line: Int, _ what: String) -> AuditError {
        let field = columnIndex[column]
        let value = string(field)
        let shown = value.count <= Self.quotedPrefixLength
            ? "'\(value)'"
            : "'\(value.prefix(Self.quotedPrefixLength))...' (\(value.count) characters)"
        return AuditError(.invalidInput,
                          "\(source): line \(line), column \(field + 1) (\(CredentialReport.columns[column])): \(what), found \(shown)")
    }

    static func equalsIgnoringCase(_ field: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard field.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for i in 0..<field.count where field[i] | 0x20 != pointer[i] | 0x20 { return false }
        return true
    }

    func bool(_ column: Int, line: Int, allowNotSupported: Bool = false) throws -> Bool? {
        let result: Bool?? = withField(columnIndex[column]) { field in
            if Self.equalsIgnoringCase(field, "true") { return .some(true) }
            if Self.equalsIgnoringCase(field, "false") { return .some(false) }
            if allowNotSupported, Self.equalsIgnoringCase(field, "not_supported") || Self.equalsIgnoringCase(field, "N/A") { return .some(nil) }
            return nil
        }
        guard let value = result else {
            throw fail(column, line: line, "expected true or false\(allowNotSupported ? " (or not_supported)" : "")")
        }
        return value
    }

    func time(_ column: Int, line: Int) throws -> ReportTime {
        let result: ReportTime? = withField(columnIndex[column]) { field in
            if Self.equalsIgnoringCase(field, "N/A") || field.isEmpty { return .notApplicable }
            if Self.equalsIgnoringCase(field, "no_information") { return .noInformation }
            if Self.equalsIgnoringCase(field, "not_supported") { return .notSupported }
            return AWSTimestamp.parseISO8601(field).map { .at($0) }
        }
        guard let value = result else {
            throw fail(column, line: line, "expected an ISO 8601 time like 2024-05-01T12:00:00+00:00, N/A, no_information or not_supported")
        }
        return value
    }

    func text(_ column: Int) -> String? {
        withField(columnIndex[column]) { field in
            if field.isEmpty || Self.equalsIgnoringCase(field, "N/A") || Self.equalsIgnoringCase(field, "no_information")
                || Self.equalsIgnoringCase(field, "not_supported") { return nil }
            return String(decoding: field, as: UTF8.self)
        }
    }

    func makeEntry(line: Int) throws -> CredentialReportEntry {
        let user = string(columnIndex[0])
        guard !user.isEmpty else { throw fail(0, line: line, "the user name is empty") }
        let arn = string(columnIndex[1])
        guard arn.hasPrefix("arn:") else { throw fail(1, line: line, "expected an ARN starting with 'arn:'") }
        var keys: [CredentialReportEntry.AccessKey] = []
        for slot in 0..<2 {
            let base = 8 + slot * 5
            keys.append(CredentialReportEntry.AccessKey(
                slot: slot + 1,
                isActive: try bool(base, line: line) ?? false,
                lastRotated: try time(base + 1, line: line),
                lastUsed: try time(base + 2, line: line),
                lastUsedRegion: text(base + 3),
                lastUsedService: text(base + 4)))
        }
        var certificates: [CredentialReportEntry.Certificate] = []
        for slot in 0..<2 {
            certificates.append(CredentialReportEntry.Certificate(
                isActive: try bool(18 + slot * 2, line: line) ?? false, lastRotated: try time(19 + slot * 2, line: line)))
        }
        return CredentialReportEntry(
            line: line, user: user, arn: arn,
            userCreationTime: try time(2, line: line),
            passwordEnabled: try bool(3, line: line, allowNotSupported: true),
            passwordLastUsed: try time(4, line: line),
            passwordLastChanged: try time(5, line: line),
            passwordNextRotation: try time(6, line: line),
            mfaActive: try bool(7, line: line) ?? false,
            accessKeys: keys, certificates: certificates)
    }
}
