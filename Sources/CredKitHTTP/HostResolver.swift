import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One address of a resolved host name, copied out of `getaddrinfo`'s list.
struct ResolvedAddress: Sendable {
    let family: Int32
    let socketProtocol: Int32
    /// The `sockaddr` bytes.
    let address: [UInt8]

    /// Calls `body` with the address as the `sockaddr` pointer and length the socket calls take.
    func withSocketAddress<Result>(_ body: (UnsafeMutablePointer<sockaddr>, socklen_t) throws -> Result) rethrows -> Result {
        var copy = address
        return try copy.withUnsafeMutableBytes { raw in
            try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
    }
}

/// Host name lookup that ends at the request's deadline.
///
/// `getaddrinfo` blocks with timeouts of its own (five seconds per name server and try in
/// glibc's default `resolv.conf`), so a dead name server would hold a call far past `--timeout`.
/// The lookup runs on a thread of its own; at the deadline the caller gets an error and the
/// thread finishes (and frees its answer) on its own.
enum HostResolver {
    /// A blocking lookup of name and service, for tests to replace.
    typealias Lookup = @Sendable (_ name: String, _ port: Int) -> Result<[ResolvedAddress], HTTPError>

    /// Resolves `name` (IPv4 and IPv6 stream addresses), giving up at `deadline`.
    /// - Throws: `HTTPError.transport` when the name does not resolve, or at the deadline.
    static func resolve(_ name: String, port: Int, deadline: ContinuousClock.Instant, timeout: Double,
                        lookup: @escaping Lookup = systemLookup) throws -> [ResolvedAddress] {
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            answer.set(lookup(name, port))
            done.signal()
        }
        let remaining = deadline - .now
        let nanoseconds = max(0, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int32.max) * 1_000_000_000)))) == .success,
              let result = answer.get() else {
            throw HTTPError(.transport, "timed out after \(HTTPConnection.seconds(timeout)) resolving '\(name)'")
        }
        return try result.get()
    }

    /// `getaddrinfo` for stream sockets, with the numeric port.
    static let systemLookup: Lookup = { name, port in
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(HTTPError(.transport, "cannot resolve '\(name)': \(reason)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            let info = entry.pointee
            if let address = info.ai_addr {
                let bytes = UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen))
                addresses.append(ResolvedAddress(family: info.ai_family, socketProtocol: info.ai_protocol, address: Array(bytes)))
            }
            cursor = info.ai_next
        }
        return .success(addresses)
    }

    /// The lookup thread's result, read by the caller after the semaphore.
    private final class Answer: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<[ResolvedAddress], HTTPError>?
        func set(_ value: Result<[ResolvedAddress], HTTPError>) { lock.withLock { result = value } }
        func get() -> Result<[ResolvedAddress], HTTPError>? { lock.withLock { result } }
    }
}
