/// The findings of a run in the order reporters print them: most severe first, report order
/// within a severity.
///
/// A streamed credential report can give hundreds of thousands of findings. `Builder` keeps up to
/// `memoryLimit` of them in memory and, past that, moves them all to temporary files
/// (`FindingSpill`), so `keys --report` checks and prints a report of any size in bounded memory;
/// the list is then read back from disk each time it is walked.
public struct FindingList: Sequence, Sendable, ExpressibleByArrayLiteral {
    /// Findings held in memory before a streamed run moves them to temporary files.
    public static let memoryLimit = 10_000

    private var stored: [Finding]
    private let spill: FindingSpill?
    private let spilledCounts: [Severity: Int]

    /// A list of `findings` in the order given.
    public init(_ findings: [Finding]) {
        stored = findings
        spill = nil
        spilledCounts = [:]
    }

    public init(arrayLiteral findings: Finding...) { self.init(findings) }

    private init(spill: FindingSpill, counts: [Severity: Int]) {
        stored = []
        self.spill = spill
        spilledCounts = counts
    }

    /// How many findings there are.
    public var count: Int { spill == nil ? stored.count : spilledCounts.values.reduce(0, +) }

    /// Whether there are none.
    public var isEmpty: Bool { count == 0 }

    /// The first (most severe) finding.
    public var first: Finding? { var iterator = makeIterator(); return iterator.next() }

    /// How many findings have `severity`.
    public func count(of severity: Severity) -> Int {
        spill == nil ? stored.count(where: { $0.severity == severity }) : spilledCounts[severity] ?? 0
    }

    /// Whether the list lives in temporary files.
    public var isOnDisk: Bool { spill != nil }

    /// Why reading the temporary files back failed, if it did: a report written from this list
    /// is then incomplete, and the command must say so.
    public var readFailure: String? { spill?.readFailure }

    /// The spill file of a severity.
    static func file(_ severity: Severity) -> Int { Severity.allCases.firstIndex(of: severity) ?? 0 }

    public func makeIterator() -> Iterator {
        Iterator(stored: stored.makeIterator(), spill: spill)
    }

    /// Walks the list in order; a spilled list is read back from disk a piece at a time.
    public struct Iterator: IteratorProtocol {
        private var stored: Array<Finding>.Iterator
        private let spill: FindingSpill?
        private var severities = Severity.allCases.reversed().makeIterator()
        private var cursor: FindingSpill.Cursor<Finding>?

        fileprivate init(stored: Array<Finding>.Iterator, spill: FindingSpill?) {
            self.stored = stored
            self.spill = spill
        }

        public mutating func next() -> Finding? {
            guard let spill else { return stored.next() }
            while true {
                if let finding = cursor?.next() { return finding }
                guard let severity = severities.next() else { return nil }
                cursor = FindingSpill.Cursor(spill: spill, file: FindingList.file(severity), decode: Finding.init(record:))
            }
        }
    }

    /// Collects findings in report order and gives them back in severity order.
    public struct Builder {
        private var bySeverity: [Severity: [Finding]] = [:]
        private var spill: FindingSpill?
        private var spilledCounts: [Severity: Int] = [:]
        private var held = 0
        private let limit: Int?
        private let directory: String?

        /// A builder that moves findings to temporary files in `temporaryDirectory` (nil: `$TMPDIR`,
        /// else /tmp) once it holds more than `limit` (nil: never).
        public init(memoryLimit limit: Int? = FindingList.memoryLimit, temporaryDirectory: String? = nil) {
            self.limit = limit
            directory = temporaryDirectory
        }

        /// Adds a finding.
        /// - Throws: `AuditError.invalidInput` when a temporary file cannot be created or written.
        public mutating func append(_ finding: Finding) throws {
            if let spill {
                try spill.append(to: FindingList.file(finding.severity)) { finding.appendRecord(to: &$0) }
                spilledCounts[finding.severity, default: 0] += 1
                return
            }
            bySeverity[finding.severity, default: []].append(finding)
            held += 1
            if let limit, held > limit { try moveToDisk() }
        }

        private mutating func moveToDisk() throws {
            let spill = try FindingSpill(files: Severity.allCases.count, directory: directory)
            for severity in Severity.allCases {
                for finding in bySeverity[severity] ?? [] { try spill.append(to: FindingList.file(severity)) { finding.appendRecord(to: &$0) } }
                spilledCounts[severity] = bySeverity[severity]?.count ?? 0
            }
            bySeverity = [:]
            held = 0
            self.spill = spill
        }

        /// The list, most severe first.
        /// - Throws: `AuditError.invalidInput` when the last findings cannot be written.
        public func finish() throws -> FindingList {
            if let spill {
                try spill.flush()
                return FindingList(spill: spill, counts: spilledCounts)
            }
            return FindingList(Severity.allCases.reversed().flatMap { bySeverity[$0] ?? [] })
        }
    }
}

extension FindingList: Equatable {
    public static func == (lhs: FindingList, rhs: FindingList) -> Bool { Array(lhs) == Array(rhs) }
}
