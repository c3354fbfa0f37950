import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a clean-up when the run is interrupted while it waits for the user (Ctrl-C, a closed
/// terminal, SIGTERM), then exits with 128 + the signal's number, as a shell reports a signal.
final class InterruptCleanup: @unchecked Sendable {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; `cleanup` runs at most once, on a queue of its own.
    init(_ cleanup: @escaping @Sendable (Int32) -> Void) {
        // A parent may have blocked them (a test runner's thread does): unblocked, they reach the sources.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in Self.signals { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanup(number)
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the handlers and restores the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
