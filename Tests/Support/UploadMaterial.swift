import Foundation
import Testing

/// Real public halves for uploads: an ed25519 key from ssh-keygen and a self-signed certificate
/// from the openssl command line (moto parses certificates).
public enum UploadMaterial {
    /// A new ed25519 public key in OpenSSH format (its private half is deleted).
    public static func sshPublicKey() throws -> String {
        let directory = try TemporaryDirectory("ssh-key")
        defer { directory.remove() }
        let key = directory.path("id")
        let made = try ProcessRunner.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "credkit-test", "-f", key])
        try #require(made.status == 0, "ssh-keygen: \(made.stderr)")
        return try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new self-signed certificate in PEM, valid two days (its key is deleted).
    public static func signingCertificate() throws -> String {
        let directory = try TemporaryDirectory("signing-cert")
        defer { directory.remove() }
        let made = try ProcessRunner.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=credkit-test",
                                                     "-days", "2", "-keyout", directory.path("key.pem"), "-out", directory.path("cert.pem")])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        return try String(contentsOfFile: directory.path("cert.pem"), encoding: .utf8)
    }

    /// Creates a user through botocore with SSH public keys, the second made inactive, and
    /// signing certificates; returns their IDs under `ssh` and `certificates`. Through botocore
    /// because moto checks signatures over the form re-encoded its way (a space as `+`), not
    /// over the bytes sent, and key bodies have spaces.
    private static let setupScript = """
    import json, sys, botocore.session
    spec = json.load(sys.stdin)
    iam = botocore.session.get_session().create_client("iam", region_name="us-east-1", endpoint_url=spec["endpoint"],
        aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
    iam.create_user(UserName=spec["name"])
    ids = {"ssh": [], "certificates": []}
    for body in spec["ssh"]:
        ids["ssh"].append(iam.upload_ssh_public_key(UserName=spec["name"], SSHPublicKeyBody=body)["SSHPublicKey"]["SSHPublicKeyId"])
    if len(ids["ssh"]) > 1:
        iam.update_ssh_public_key(UserName=spec["name"], SSHPublicKeyId=ids["ssh"][1], Status="Inactive")
    for body in spec["certificates"]:
        ids["certificates"].append(iam.upload_signing_certificate(UserName=spec["name"], CertificateBody=body)["Certificate"]["CertificateId"])
    json.dump(ids, sys.stdout)
    """

    public static func createUser(_ server: MotoServer, _ name: String, sshKeys: Int, certificates: Int) throws -> [String: [String]] {
        let spec: [String: Any] = ["endpoint": server.endpoint.absoluteString, "id": server.adminAccessKeyID, "secret": server.adminSecretAccessKey,
                                   "name": name, "ssh": try (0..<sshKeys).map { _ in try sshPublicKey() },
                                   "certificates": try (0..<certificates).map { _ in try signingCertificate() }]
        let result = try ProcessRunner.run("python3", ["-c", setupScript], stdin: try JSONSerialization.data(withJSONObject: spec))
        try #require(result.status == 0, "botocore setup failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: [String]])
    }
}
