import CredKitAudit
import CredKitTestSupport
import Foundation
import Testing

/// Findings past `FindingList.memoryLimit` go to temporary files and come back the same, in
/// severity order, as often as a reporter walks them.
@Suite struct FindingListTests {
    static let checks: [CheckID] = [.keyDueSoon, .keyAge, .rootAccessKey, .keyUnused, .consoleWithoutMFA, .keyDueSoon, .rootMFA]

    /// Findings in report order with every field varied: absent and present, non-ASCII names, dates with fractions.
    static func findings(_ count: Int) -> [Finding] {
        (0..<count).map { (index: Int) -> Finding in
            let user: String = index % 5 == 0 ? "ünïcode-\(index)" : "u\(index)"
            let keyID: String? = index % 3 == 0 ? nil : "AKIAEXAMPLE\(index)"
            let slot: Int? = index % 4 == 0 ? nil : 1 + index % 2
            let age: Int? = index % 7 == 0 ? nil : index - 500
            let due: Date? = index % 2 == 0 ? nil : Date(timeIntervalSince1970: 1.7e9 + Double(index) / 3)
            let line: Int? = index % 6 == 0 ? nil : index + 2
            return Finding(check: checks[(index * index + 3 * index) % checks.count], user: user, keyID: keyID, keySlot: slot,
                           ageDays: age, due: due, message: "message \(index) | with, \"quotes\"\n", line: line)
        }
    }

    static func bySeverity(_ findings: [Finding]) -> [Finding] {
        Severity.allCases.reversed().flatMap { severity in findings.filter { $0.severity == severity } }
    }

    static func build(_ findings: [Finding], limit: Int?, directory: URL) throws -> FindingList {
        var builder = FindingList.Builder(memoryLimit: limit, temporaryDirectory: directory.path)
        for finding in findings { try builder.append(finding) }
        return try builder.finish()
    }

    /// In memory or on disk, the list is the findings by severity, report order kept within each.
    @Test(arguments: [0, 1, 2, 1_000])
    func orderIsBySeverityThenReportOrder(count: Int) throws {
        try withTemporaryDirectory { directory in
            let original = Self.findings(count)
            let expected = Self.bySeverity(original)
            for limit in [nil, 10] as [Int?] {
                let list = try Self.build(original, limit: limit, directory: directory)
                #expect(list.isOnDisk == (limit.map { count > $0 } ?? false))
                #expect(Array(list) == expected, "limit \(String(describing: limit))")
                #expect(list.count == count)
                #expect(list.first == expected.first)
                for severity in Severity.allCases {
                    #expect(list.count(of: severity) == original.filter { $0.severity == severity }.count)
                }
                #expect(list.readFailure == nil)
            }
            if count > 2 { #expect(expected != original) }
        }
    }

    /// The default limit: held at `memoryLimit`, on disk one past it, the same findings either way.
    @Test func movesToDiskOnePastTheLimit() throws {
        try withTemporaryDirectory { directory in
            let atLimit = Self.findings(FindingList.memoryLimit)
            let held = try Self.build(atLimit, limit: FindingList.memoryLimit, directory: directory)
            #expect(!held.isOnDisk)
            #expect(Array(held) == Self.bySeverity(atLimit))

            let pastLimit = Self.findings(FindingList.memoryLimit + 1)
            let spilled = try Self.build(pastLimit, limit: FindingList.memoryLimit, directory: directory)
            #expect(spilled.isOnDisk)
            #expect(spilled.count == FindingList.memoryLimit + 1)
            #expect(Array(spilled) == Self.bySeverity(pastLimit))
            // Walked again (the text table walks twice), and stopped early, it reads the same.
            #expect(Array(spilled) == Self.bySeverity(pastLimit))
            #expect(spilled.first(where: { $0.user == "u7" }) == pastLimit.first { $0.user == "u7" })
            #expect(spilled.readFailure == nil)
            // The files were unlinked as soon as they were made.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    /// A directory where no file can be made is named; below the limit nothing is written at all.
    @Test func unwritableDirectoryIsNamedOnlyWhenNeeded() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-credkit-dir")
        #expect(try Self.build(Self.findings(3), limit: 3, directory: missing).count == 3)
        let error = #expect(throws: AuditError.self) { try Self.build(Self.findings(4), limit: 3, directory: missing) }
        #expect(error?.reason.hasPrefix("cannot create a temporary file for findings in /nonexistent-credkit-dir (TMPDIR): ") == true,
                "\(error?.reason ?? "")")
    }

    /// Reporters give the same text from a list on disk as from the same list in memory.
    @Test func reportersWriteTheSameFromDisk() throws {
        try withTemporaryDirectory { directory in
            let original = Self.findings(2_000)
            let held = try Self.build(original, limit: nil, directory: directory)
            let spilled = try Self.build(original, limit: 100, directory: directory)
            let audit = CredentialAudit()
            var result = audit.run(CredentialReport(source: "r.csv", entries: []), now: Date(timeIntervalSince1970: 1.7e9))
            let options = AuditReportOptions(maxWidth: 100)
            let reporters: [any AuditReporter] = [AuditTextReporter(options: options), AuditJSONReporter(options: options),
                                                  AuditMarkdownReporter(options: options), AuditGitHubReporter(options: options)]
            for reporter in reporters {
                result.findings = held
                let fromMemory = reporter.render(result)
                result.findings = spilled
                var pieces: [String] = []
                try reporter.write(result) { pieces.append($0) }
                #expect(pieces.joined() == fromMemory, "\(type(of: reporter))")
                #expect(pieces.count > 1, "\(type(of: reporter)) hands the findings over in pieces")
                #expect(pieces.allSatisfy { $0.utf8.count < 2 * 65_536 })
                #expect(fromMemory.contains("u1999"))
            }
        }
    }
}
