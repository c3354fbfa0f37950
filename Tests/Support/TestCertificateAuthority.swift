import Foundation

/// A throwaway certificate authority made with the `openssl` CLI in a temporary directory,
/// issuing server certificates for TLS tests. `remove()` deletes the directory.
public struct TestCertificateAuthority: Sendable {
    /// The folder holding the CA and every issued certificate and key.
    public let directory: TemporaryDirectory
    /// The CA certificate (PEM): the bundle a client must trust.
    public var certificatePath: String { directory.path("ca.pem") }

    /// A certificate and its private key, both PEM files.
    public struct Issued: Sendable {
        /// The certificate.
        public let certificate: String
        /// The unencrypted private key.
        public let key: String
    }

    private static let configuration = """
    [req]
    distinguished_name = dn
    prompt = no
    [dn]
    CN = credkit test CA
    [ca]
    basicConstraints = critical,CA:TRUE
    keyUsage = critical,keyCertSign,cRLSign
    subjectKeyIdentifier = hash
    """

    /// Makes a new CA (P-256 key, valid for two days).
    public static func create() throws -> TestCertificateAuthority {
        let directory = try TemporaryDirectory("credkit-ca")
        do {
            try configuration.write(toFile: directory.path("openssl.cnf"), atomically: true, encoding: .utf8)
            try openssl(["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", directory.path("ca.key"), "-out", directory.path("ca.pem"), "-days", "2",
                         "-config", directory.path("openssl.cnf"), "-extensions", "ca"])
        } catch {
            directory.remove()
            throw error
        }
        return TestCertificateAuthority(directory: directory)
    }

    /// Issues a server certificate.
    /// - Parameters:
    ///   - name: a file name stem, also the subject's common name.
    ///   - subjectAltNames: entries such as `DNS:localhost` and `IP:127.0.0.1`.
    public func issue(_ name: String, subjectAltNames: [String]) throws -> Issued {
        let extensions = """
        [leaf]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = \(subjectAltNames.joined(separator: ","))
        """
        try extensions.write(toFile: directory.path("\(name).ext"), atomically: true, encoding: .utf8)
        let issued = Issued(certificate: directory.path("\(name).pem"), key: directory.path("\(name).key"))
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", issued.key, "-out", directory.path("\(name).csr"), "-subj", "/CN=\(name)",
                          "-config", directory.path("openssl.cnf")])
        let serial = "0x" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
        try Self.openssl(["x509", "-req", "-in", directory.path("\(name).csr"), "-CA", certificatePath,
                          "-CAkey", directory.path("ca.key"), "-set_serial", String(serial), "-days", "2",
                          "-extfile", directory.path("\(name).ext"), "-extensions", "leaf", "-out", issued.certificate])
        return issued
    }

    /// Deletes the directory.
    public func remove() { directory.remove() }

    private static func openssl(_ arguments: [String]) throws {
        let result = try ProcessRunner.run("openssl", arguments)
        guard result.status == 0 else {
            throw MotoError("openssl \(arguments.first ?? "") failed: \(result.stderr.suffix(400))")
        }
    }
}
