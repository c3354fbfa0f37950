#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns echo off on a terminal while a secret is typed, and makes sure it comes back on:
/// when `restore()` is called or the value is released, and also when the process is
/// interrupted (Ctrl-C), terminated, hung up or quit meanwhile. Without that, a Ctrl-C at a
/// hidden prompt leaves the user's shell with echo off.
///
/// While echo is off, SIGINT, SIGTERM, SIGHUP and SIGQUIT run a handler that restores the saved
/// terminal settings and ends the process with status 128 + the signal number (130 for Ctrl-C),
/// as a shell reports a command it interrupted.
final class HiddenTerminalInput {
    /// The signals after which the terminal is restored.
    static let restoredOnSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    // Read by the signal handler: plain memory, written before the handlers are installed.
    nonisolated(unsafe) private static let savedSettings = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static var savedDescriptor: Int32 = -1

    private let fd: Int32
    private var previousActions: [Int32: sigaction] = [:]
    private var active = false

    /// Turns echo off on `fd`; nil when `fd` is not a terminal or its settings cannot be changed.
    init?(fd: Int32) {
        guard Console.isTerminal(fd) else { return nil }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return nil }
        self.fd = fd
        Self.savedSettings.pointee = settings
        Self.savedDescriptor = fd
        for signal in Self.restoredOnSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                HiddenTerminalInput.restoreAndExit(signal)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var previous = sigaction()
            if sigaction(signal, &action, &previous) == 0 { previousActions[signal] = previous }
        }
        var quiet = settings
        quiet.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else {
            uninstallHandlers()
            return nil
        }
        active = true
    }

    deinit { restore() }

    /// Turns echo back on and removes the signal handlers. Calling it again does nothing.
    func restore() {
        guard active else { return }
        active = false
        tcsetattr(fd, TCSAFLUSH, Self.savedSettings)
        uninstallHandlers()
    }

    private func uninstallHandlers() {
        for (signal, previous) in previousActions {
            var action = previous
            sigaction(signal, &action, nil)
        }
        previousActions = [:]
        Self.savedDescriptor = -1
    }

    /// The signal handler: only async-signal-safe calls (tcsetattr, write, _exit).
    private static func restoreAndExit(_ signal: Int32) {
        let fd = savedDescriptor
        if fd >= 0 {
            tcsetattr(fd, TCSANOW, savedSettings)
            // End the prompt's line, as a shell does after ^C.
            var newline = UInt8(ascii: "\n")
            _ = Glibc.write(2, &newline, 1)
        }
        _exit(128 + signal)
    }
}
