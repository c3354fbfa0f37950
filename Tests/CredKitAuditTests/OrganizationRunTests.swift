@testable import CredKitAudit
import CredKitAWS
import Foundation
import Testing

/// The organization run's limits and its bounded fan-out; the run itself against moto is in
/// `CLITests/OrganizationLiveTests`.
@Suite("Organization run: limits and bounded concurrency")
struct OrganizationRunTests {
    static let id = "111111111111"

    @Test func roleNameIsOneToSixtyFourIAMCharacters() throws {
        _ = try OrganizationRun(roleName: String(repeating: "r", count: 64), sessionName: "credkit-test")
        _ = try OrganizationRun(roleName: "Audit+=,.@_-Role1", sessionName: "credkit-test")
        for bad in ["", String(repeating: "r", count: 65), "path/Role", "Role Name", "Rôle"] {
            let error = #expect(throws: AuditError.self) { try OrganizationRun(roleName: bad, sessionName: "credkit-test") }
            #expect(error?.reason.contains("role name") == true)
        }
    }

    @Test func accountIDsAreTwelveDigitsAndAtMostTheLimit() throws {
        _ = try OrganizationRun(roleName: "R", accountIDs: [Self.id], sessionName: "credkit-test")
        for bad in ["11111111111", "1111111111111", "11111111111a", "١١١١١١١١١١١١"] {
            let error = #expect(throws: AuditError.self) { try OrganizationRun(roleName: "R", accountIDs: [bad], sessionName: "credkit-test") }
            #expect(error?.reason.contains("is not 12 digits") == true)
        }
        let atLimit = (0..<OrganizationRun.maximumAccountIDs).map { String(format: "%012d", $0) }
        #expect(try OrganizationRun(roleName: "R", accountIDs: atLimit, sessionName: "credkit-test").accountIDs?.count == atLimit.count)
        let error = #expect(throws: AuditError.self) {
            try OrganizationRun(roleName: "R", accountIDs: atLimit + ["999999999999"], sessionName: "credkit-test")
        }
        #expect(error?.reason.contains("maximumAccountIDs") == true)
    }

    @Test func concurrencyIsOneToTheMaximum() throws {
        _ = try OrganizationRun(roleName: "R", concurrency: 1, sessionName: "credkit-test")
        _ = try OrganizationRun(roleName: "R", concurrency: OrganizationRun.maximumConcurrency, sessionName: "credkit-test")
        for bad in [0, -1, OrganizationRun.maximumConcurrency + 1] {
            let error = #expect(throws: AuditError.self) { try OrganizationRun(roleName: "R", concurrency: bad, sessionName: "credkit-test") }
            #expect(error?.reason.contains("maximumConcurrency") == true)
        }
    }

    @Test func roleARNNamesThePartition() throws {
        let run = try OrganizationRun(roleName: "OrganizationAccountAccessRole", sessionName: "credkit-test")
        #expect(run.roleARN(Self.id, partition: "aws") == "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole")
        #expect(run.roleARN(Self.id, partition: "aws-us-gov") == "arn:aws-us-gov:iam::111111111111:role/OrganizationAccountAccessRole")
    }

    /// Counts work in flight; the fan-out must reach the bound and never pass it.
    actor InFlight {
        var now = 0
        var most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }

    @Test(arguments: [1, 3, 8])
    func fanOutNeverExceedsTheBoundAndKeepsOrder(_ bound: Int) async {
        let inFlight = InFlight()
        let results = await OrganizationRun.bounded(Array(0..<20), concurrency: bound) { index in
            await inFlight.enter()
            // Uneven durations, so later elements often finish first.
            try? await Task.sleep(nanoseconds: UInt64((20 - index) % 4 + 1) * 5_000_000)
            await inFlight.leave()
            return index * 10
        }
        #expect(results == (0..<20).map { $0 * 10 })
        #expect(await inFlight.most == bound)
    }

    @Test func emptyOrganizationGivesNoOutcomes() async {
        let results = await OrganizationRun.bounded([Int](), concurrency: 8) { $0 }
        #expect(results.isEmpty)
    }

    @Test func unreadableAccountsAndCountLine() {
        let result = OrganizationAuditResult(accounts: [
            AccountAuditOutcome(account: AuditAccount(id: "111111111111", alias: "prod"),
                                result: CredentialAudit().run(CredentialReport(source: "test", entries: []), now: Date())),
            AccountAuditOutcome(account: AuditAccount(id: "222222222222", name: "sandbox"), failure: "cannot assume the role"),
        ], roleName: "R")
        #expect(result.unreadable.map(\.account.id) == ["222222222222"])
        #expect(result.countLine == "1 account read, 1 unreadable")
        #expect(result.accounts[0].account.title == "111111111111 (prod)")
        #expect(result.accounts[1].account.title == "222222222222 (sandbox)")
        #expect(!result.hasFindings(atLeast: .warning))
    }
}
