import Foundation

/// The credentials an IAM user can hold besides access keys and a password.
extension IAMClient {
    /// A user's service-specific credentials (`ListServiceSpecificCredentials`, all pages): CodeCommit
    /// and Keyspaces passwords, long-term Bedrock and CloudWatch Logs API keys. The caller's own
    /// when `userName` is nil.
    public func listServiceSpecificCredentials(userName: String? = nil) async throws -> [IAMServiceSpecificCredential] {
        try await query.callPaginated("ListServiceSpecificCredentials", listName: "ServiceSpecificCredentials",
                                      userName.map { [("UserName", $0)] } ?? []).map { member in
            IAMServiceSpecificCredential(
                userName: member.value("UserName") ?? userName ?? "", credentialID: member.value("ServiceSpecificCredentialId") ?? "",
                serviceName: member.value("ServiceName") ?? "", serviceUserName: member.value("ServiceUserName"),
                serviceCredentialAlias: member.value("ServiceCredentialAlias"), status: IAMCredentialStatus(iamText: member.value("Status")),
                createDate: Self.date(member.value("CreateDate")), expirationDate: Self.date(member.value("ExpirationDate")))
        }
    }

    /// A user's SSH public keys for CodeCommit (`ListSSHPublicKeys`, all pages); the caller's own
    /// when `userName` is nil.
    public func listSSHPublicKeys(userName: String? = nil) async throws -> [IAMSSHPublicKey] {
        try await query.callPaginated("ListSSHPublicKeys", listName: "SSHPublicKeys", userName.map { [("UserName", $0)] } ?? []).map { member in
            IAMSSHPublicKey(userName: member.value("UserName") ?? userName ?? "", keyID: member.value("SSHPublicKeyId") ?? "",
                            status: IAMCredentialStatus(iamText: member.value("Status")), uploadDate: Self.date(member.value("UploadDate")))
        }
    }

    /// A user's X.509 signing certificates (`ListSigningCertificates`, all pages); the caller's own
    /// when `userName` is nil.
    public func listSigningCertificates(userName: String? = nil) async throws -> [IAMSigningCertificate] {
        try await query.callPaginated("ListSigningCertificates", listName: "Certificates", userName.map { [("UserName", $0)] } ?? []).map { member in
            IAMSigningCertificate(userName: member.value("UserName") ?? userName ?? "", certificateID: member.value("CertificateId") ?? "",
                                  status: IAMCredentialStatus(iamText: member.value("Status")), uploadDate: Self.date(member.value("UploadDate")))
        }
    }
}
