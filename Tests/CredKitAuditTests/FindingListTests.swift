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

    /// Exempted findings past the limit go to disk with the index of their exemption and come
    /// back in report order with the right exemption; at the limit they stay in memory.
    @Test func exemptedFindingsMoveToDiskOnePastTheLimit() throws {
        try withTemporaryDirectory { directory in
            let exemptions = [Exemption(target: .user("u*"), reason: "first"), Exemption(target: .user("ü*"), reason: "second", checks: [.keyAge])]
            func items(_ count: Int) -> [AuditResult.ExemptedFinding] {
                Self.findings(count).enumerated().map { .init(finding: $1, exemption: exemptions[$0 % 3 == 0 ? 1 : 0]) }
            }
            for (count, limit, onDisk) in [(10, 10, false), (11, 10, true), (0, 10, false), (2_000, nil, false), (2_000, 7, true)] as [(Int, Int?, Bool)] {
                var builder = ExemptedList.Builder(memoryLimit: limit, temporaryDirectory: directory.path)
                for item in items(count) { try builder.append(item.finding, exemption: item.exemption) }
                let list = try builder.finish()
                #expect(list.isOnDisk == onDisk)
                #expect(list.count == count)
                #expect(Array(list) == items(count), "\(count) findings, limit \(String(describing: limit))")
                #expect(Array(list) == items(count), "walked again")
                #expect(list.readFailure == nil)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
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
            let exemption = Exemption(target: .user("u1*"), reason: "a | reason with `code`")
            var exemptedHeld = ExemptedList.Builder(memoryLimit: nil, temporaryDirectory: directory.path)
            var exemptedSpilled = ExemptedList.Builder(memoryLimit: 100, temporaryDirectory: directory.path)
            for finding in original where finding.user.hasPrefix("u1") {
                try exemptedHeld.append(finding, exemption: exemption)
                try exemptedSpilled.append(finding, exemption: exemption)
            }
            let exemptedOnDisk = try exemptedSpilled.finish()
            #expect(exemptedOnDisk.isOnDisk)
            for reporter in reporters {
                result.findings = held
                result.exempted = try exemptedHeld.finish()
                let fromMemory = reporter.render(result)
                result.findings = spilled
                result.exempted = exemptedOnDisk
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
