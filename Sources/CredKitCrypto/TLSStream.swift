internal import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TLS client connection over a socket that is already connected, through OpenSSL's libssl:
/// TLS 1.2 or later, SNI, the certificate chain verified against the system trust store (or a
/// CA bundle file instead), and the certificate checked against the host name or IP address.
///
/// The socket may be non-blocking. Whenever OpenSSL needs it to become readable or writable,
/// the stream calls `wait`, which should block until it is, or throw (at a deadline, say).
/// The stream does not own the socket: the caller closes it, after `shutdown()`.
/// One stream is used from one thread at a time.
public final class TLSStream {
    /// What the stream needs from the socket before it can go on.
    public enum Readiness: Sendable {
        /// Data to read.
        case readable
        /// Room to write.
        case writable
    }

    /// The name or address the certificate must match, as given.
    public let host: String

    private let context: OpaquePointer
    private let connection: OpaquePointer
    private let wait: (Readiness) throws -> Void
    // After SSL_ERROR_SYSCALL or SSL_ERROR_SSL, OpenSSL forbids SSL_shutdown.
    private var failed = false

    /// Prepares a client connection; nothing is sent until `handshake()`.
    /// - Parameters:
    ///   - socket: a connected stream socket.
    ///   - host: the server's DNS name or IP address (IPv6 with or without brackets).
    ///   - caBundlePath: a PEM file of trusted certificate authorities that replaces the
    ///     system trust store (`AWS_CA_BUNDLE`); nil for the system's.
    ///   - wait: blocks until the socket is ready, or throws.
    /// - Throws: `CryptoError.tls` when the trust store or CA bundle cannot be loaded.
    public init(socket: Int32, host: String, caBundlePath: String? = nil,
                wait: @escaping (Readiness) throws -> Void) throws {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        self.host = name
        self.wait = wait

        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw CryptoError(.tls, "cannot create a TLS context: \(Self.queuedErrorText() ?? "SSL_CTX_new failed")")
        }
        var ready = false
        defer { if !ready { SSL_CTX_free(context) } }
        guard credkit_ssl_ctx_set_min_tls12(context) == 1 else {
            throw CryptoError(.tls, "cannot require TLS 1.2: \(Self.queuedErrorText() ?? "unknown error")")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if let caBundlePath {
            // OpenSSL's own message for a missing file is "system lib"; say what is wrong instead.
            guard access(caBundlePath, R_OK) == 0 else {
                throw CryptoError(.tls, "cannot read the CA bundle \(caBundlePath): \(Self.errnoText(errno))")
            }
            guard SSL_CTX_load_verify_locations(context, caBundlePath, nil) == 1 else {
                throw CryptoError(.tls, "cannot load the CA bundle \(caBundlePath): \(Self.queuedErrorText() ?? "no PEM certificates in it")")
            }
        } else {
            guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                throw CryptoError(.tls, "cannot load the system trust store: \(Self.queuedErrorText() ?? "unknown error")")
            }
        }

        guard let connection = SSL_new(context) else {
            throw CryptoError(.tls, "cannot create a TLS connection: \(Self.queuedErrorText() ?? "SSL_new failed")")
        }
        var configured = false
        defer { if !configured { SSL_free(connection) } }
        guard SSL_set_fd(connection, socket) == 1 else {
            throw CryptoError(.tls, "cannot attach TLS to the socket: \(Self.queuedErrorText() ?? "SSL_set_fd failed")")
        }
        if Self.isIPAddress(name) {
            // No SNI for addresses (RFC 6066); the certificate needs a matching IP SAN.
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(connection), name) == 1 else {
                throw CryptoError(.tls, "cannot check certificates for address \(name)")
            }
        } else {
            SSL_set_hostflags(connection, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            guard credkit_ssl_set_server_name(connection, name) == 1, SSL_set1_host(connection, name) == 1 else {
                throw CryptoError(.tls, "cannot check certificates for host name '\(name)'")
            }
        }
        self.context = context
        self.connection = connection
        ready = true
        configured = true
    }

    deinit {
        SSL_free(connection)
        SSL_CTX_free(context)
    }

    /// Performs the TLS handshake and verifies the server's certificate.
    /// - Throws: `CryptoError.tls` with OpenSSL's reason, for example
    ///   "certificate verify failed: self-signed certificate in certificate chain" or
    ///   "certificate verify failed: hostname mismatch"; or whatever `wait` throws.
    public func handshake() throws {
        while true {
            ERR_clear_error()
            errno = 0
            let result = SSL_connect(connection)
            if result == 1 { return }
            let savedErrno = errno
            switch SSL_get_error(connection, result) {
            case SSL_ERROR_WANT_READ: try wait(.readable)
            case SSL_ERROR_WANT_WRITE: try wait(.writable)
            case let error:
                failed = true
                let verify = SSL_get_verify_result(connection)
                let reason: String
                if verify != Int(X509_V_OK) {
                    reason = "certificate verify failed: \(String(cString: X509_verify_cert_error_string(verify)))"
                } else {
                    reason = failureText(error, savedErrno: savedErrno)
                }
                throw CryptoError(.tls, "TLS handshake with \(host) failed: \(reason)")
            }
        }
    }

    /// Reads decrypted bytes into `buffer`.
    /// - Returns: the number of bytes read, at least one; 0 when the server closed the TLS session cleanly.
    /// - Throws: `CryptoError.tls` on a protocol or socket error, including a connection cut without close_notify.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            ERR_clear_error()
            errno = 0
            var count = 0
            if SSL_read_ex(connection, base, buffer.count, &count) == 1 { return count }
            let savedErrno = errno
            switch SSL_get_error(connection, 0) {
            case SSL_ERROR_WANT_READ: try wait(.readable)
            case SSL_ERROR_WANT_WRITE: try wait(.writable)
            case SSL_ERROR_ZERO_RETURN: return 0
            case let error:
                failed = true
                throw CryptoError(.tls, "TLS read from \(host) failed: \(failureText(error, savedErrno: savedErrno))")
            }
        }
    }

    /// Encrypts and sends all of `bytes`.
    /// - Throws: `CryptoError.tls` on a protocol or socket error.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            errno = 0
            var written = 0
            // A retry after WANT_* repeats the same arguments, as OpenSSL requires.
            if SSL_write_ex(connection, base + offset, bytes.count - offset, &written) == 1 {
                offset += written
                continue
            }
            let savedErrno = errno
            switch SSL_get_error(connection, 0) {
            case SSL_ERROR_WANT_READ: try wait(.readable)
            case SSL_ERROR_WANT_WRITE: try wait(.writable)
            case let error:
                failed = true
                throw CryptoError(.tls, "TLS write to \(host) failed: \(failureText(error, savedErrno: savedErrno))")
            }
        }
    }

    /// Sends close_notify once, without waiting for the server's; errors are ignored
    /// because the socket is closed right after. Does nothing after a failed handshake,
    /// read or write.
    public func shutdown() {
        guard !failed else { return }
        ERR_clear_error()
        _ = SSL_shutdown(connection)
        ERR_clear_error()
    }

    private func failureText(_ error: Int32, savedErrno: Int32) -> String {
        if let queued = Self.queuedErrorText() { return queued }
        switch error {
        case SSL_ERROR_SYSCALL where savedErrno != 0: return Self.errnoText(savedErrno)
        case SSL_ERROR_SYSCALL, SSL_ERROR_ZERO_RETURN: return "the server closed the connection"
        default: return "OpenSSL error \(error)"
        }
    }

    /// The reason of the first error on OpenSSL's queue (which is then emptied), or nil.
    private static func queuedErrorText() -> String? {
        let code = ERR_get_error()
        defer { ERR_clear_error() }
        guard code != 0 else { return nil }
        if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func errnoText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var storage = in6_addr()
        return inet_pton(AF_INET, text, &storage) == 1 || inet_pton(AF_INET6, text, &storage) == 1
    }
}
