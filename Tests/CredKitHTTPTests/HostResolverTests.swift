@testable import CredKitHTTP
import Dispatch
import Foundation
import Testing

/// Name lookups end at the request's deadline, whatever the name servers do.
@Suite struct HostResolverTests {
    @Test func aLookupThatNeverAnswersEndsAtTheDeadline() throws {
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let started = ContinuousClock.now
        let error = #expect(throws: HTTPError.self) {
            try HostResolver.resolve("sts.example.invalid", port: 443, deadline: .now + .milliseconds(300), timeout: 0.3) { _, _ in
                release.wait() // a name server that never answers
                return .success([])
            }
        }
        #expect(error?.code == .transport)
        #expect(error?.description == "timed out after 0.3 seconds resolving 'sts.example.invalid'", "\(String(describing: error))")
        // The lookup thread is still blocked; the call did not wait for it.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func answersAndFailuresOfTheLookupPassThrough() throws {
        let loopback = try HostResolver.resolve("127.0.0.1", port: 80, deadline: .now + .seconds(30), timeout: 30)
        #expect(!loopback.isEmpty)
        #expect(loopback.allSatisfy { $0.family == AF_INET })
        let error = #expect(throws: HTTPError.self) {
            try HostResolver.resolve("x", port: 1, deadline: .now + .seconds(30), timeout: 30) { name, _ in
                .failure(HTTPError(.transport, "cannot resolve '\(name)': no such host"))
            }
        }
        #expect(error?.description == "cannot resolve 'x': no such host")
    }

    @Test func aDeadlineAlreadyPastIsNotWaitedFor() throws {
        // Zero time left: the lookup is not waited for, and the error says so.
        let error = #expect(throws: HTTPError.self) {
            try HostResolver.resolve("late", port: 1, deadline: .now - .seconds(1), timeout: 1) { _, _ in
                Thread.sleep(forTimeInterval: 0.5)
                return .success([])
            }
        }
        #expect(error?.description.contains("timed out") == true)
    }
}
