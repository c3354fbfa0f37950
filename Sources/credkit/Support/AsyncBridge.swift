import Dispatch

/// Runs async library calls (the AWS clients) from the synchronous command tree.
enum AsyncBridge {
    /// Runs async work to completion from a synchronous `run()`.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = AsyncResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw CLIFailure.input("internal error: async work ended without a result") }
        return try result.get()
    }
}

/// Carries an async result across the semaphore in `AsyncBridge.blocking`; written once
/// before the signal and read after the wait, so access never overlaps.
final class AsyncResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
