/// The findings exemptions covered, in report order, each with its exemption.
///
/// Like `FindingList`: a streamed report whose exemptions cover more than `FindingList.memoryLimit`
/// findings (`user *` in a large account) moves them to a temporary file, each record the index
/// of its exemption and the finding, and reads them back each time the list is walked.
public struct ExemptedList: Sequence, Sendable, ExpressibleByArrayLiteral {
    private let stored: [AuditResult.ExemptedFinding]
    private let spill: FindingSpill?
    private let exemptions: [Exemption]
    /// How many findings there are.
    public let count: Int

    /// A list of `items` in the order given.
    public init(_ items: [AuditResult.ExemptedFinding]) {
        stored = items
        spill = nil
        exemptions = []
        count = items.count
    }

    public init(arrayLiteral items: AuditResult.ExemptedFinding...) { self.init(items) }

    private init(spill: FindingSpill, exemptions: [Exemption], count: Int) {
        stored = []
        self.spill = spill
        self.exemptions = exemptions
        self.count = count
    }

    /// Whether there are none.
    public var isEmpty: Bool { count == 0 }

    /// Whether the list lives in a temporary file.
    public var isOnDisk: Bool { spill != nil }

    /// Why reading the temporary file back failed, if it did.
    public var readFailure: String? { spill?.readFailure }

    public func makeIterator() -> Iterator {
        guard let spill else { return Iterator(stored: stored.makeIterator(), cursor: nil) }
        let exemptions = exemptions
        let cursor = FindingSpill.Cursor(spill: spill, file: 0) { body -> AuditResult.ExemptedFinding? in
            var reader = RecordField.Reader(bytes: body)
            guard let index = reader.uint32().map(Int.init), index < exemptions.count,
                  let finding = Finding(reading: &reader), reader.isAtEnd else { return nil }
            return AuditResult.ExemptedFinding(finding: finding, exemption: exemptions[index])
        }
        return Iterator(stored: stored.makeIterator(), cursor: cursor)
    }

    /// Walks the list in order; a spilled list is read back from disk a piece at a time.
    public struct Iterator: IteratorProtocol {
        fileprivate var stored: Array<AuditResult.ExemptedFinding>.Iterator
        fileprivate var cursor: FindingSpill.Cursor<AuditResult.ExemptedFinding>?

        public mutating func next() -> AuditResult.ExemptedFinding? {
            cursor == nil ? stored.next() : cursor?.next()
        }
    }

    /// Collects exempted findings in report order.
    public struct Builder {
        private var held: [AuditResult.ExemptedFinding] = []
        private var spill: FindingSpill?
        private var exemptions: [Exemption] = []
        private var exemptionIndex: [Exemption: Int] = [:]
        private var count = 0
        private let limit: Int?
        private let directory: String?

        /// A builder that moves the findings to a temporary file in `temporaryDirectory` (nil:
        /// `$TMPDIR`, else /tmp) once it holds more than `limit` (nil: never).
        public init(memoryLimit limit: Int? = FindingList.memoryLimit, temporaryDirectory: String? = nil) {
            self.limit = limit
            directory = temporaryDirectory
        }

        /// Adds a finding with the exemption that covers it.
        /// - Throws: `AuditError.invalidInput` when a temporary file cannot be created or written.
        public mutating func append(_ finding: Finding, exemption: Exemption) throws {
            count += 1
            if spill != nil { return try write(finding, exemption) }
            held.append(AuditResult.ExemptedFinding(finding: finding, exemption: exemption))
            if let limit, held.count > limit {
                spill = try FindingSpill(files: 1, directory: directory)
                for item in held { try write(item.finding, item.exemption) }
                held = []
            }
        }

        private mutating func write(_ finding: Finding, _ exemption: Exemption) throws {
            let index: Int
            if let known = exemptionIndex[exemption] {
                index = known
            } else {
                index = exemptions.count
                exemptions.append(exemption)
                exemptionIndex[exemption] = index
            }
            try spill?.append(to: 0) { out in
                RecordField.appendUInt32(UInt32(index), to: &out)
                finding.appendRecord(to: &out)
            }
        }

        /// The list.
        /// - Throws: `AuditError.invalidInput` when the last findings cannot be written.
        public func finish() throws -> ExemptedList {
            guard let spill else { return ExemptedList(held) }
            try spill.flush()
            return ExemptedList(spill: spill, exemptions: exemptions, count: count)
        }
    }
}
