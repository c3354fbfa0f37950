import CredKitJSON
import Foundation

extension IAMClient {
    /// The ARN suffix of AWS's managed administrator policy (the partition in front varies).
    static let administratorPolicySuffix = ":iam::aws:policy/AdministratorAccess"

    /// Every group name (`ListGroups`, all pages).
    public func listGroups() async throws -> [String] {
        try await query.callPaginated("ListGroups", listName: "Groups").compactMap { $0.value("GroupName") }
    }

    /// Whether a group grants administrator access: `AdministratorAccess` attached, or a managed
    /// or inline policy that allows `*` on `*`.
    public func groupHasAdministratorAccess(_ group: String) async throws -> Bool {
        let attached = try await query.callPaginated("ListAttachedGroupPolicies", listName: "AttachedPolicies", [("GroupName", group)])
            .compactMap { $0.value("PolicyArn") }
        if attached.contains(where: { $0.hasSuffix(Self.administratorPolicySuffix) }) { return true }
        for arn in attached where !arn.contains(":iam::aws:policy/") {
            guard let version = try await query.call("GetPolicy", [("PolicyArn", arn)]).child("Policy")?.value("DefaultVersionId") else { continue }
            let document = try await query.call("GetPolicyVersion", [("PolicyArn", arn), ("VersionId", version)])
                .child("PolicyVersion")?.value("Document")
            if Self.allowsEverything(document) { return true }
        }
        for name in try await query.callPaginated("ListGroupPolicies", listName: "PolicyNames", [("GroupName", group)]).map(\.text) {
            let document = try await query.call("GetGroupPolicy", [("GroupName", group), ("PolicyName", name)]).value("PolicyDocument")
            if Self.allowsEverything(document) { return true }
        }
        return false
    }

    /// Whether a policy document (URL-encoded JSON, as IAM returns it) has a statement that
    /// allows every action on every resource without conditions.
    static func allowsEverything(_ encoded: String?) -> Bool {
        guard let encoded else { return false }
        let text = encoded.removingPercentEncoding ?? encoded
        guard let document = try? JSONReader.parse(Array(text.utf8)).objectValue else { return false }
        let statements = document["Statement"].map { $0.arrayValue ?? [$0] } ?? []
        func values(_ value: JSONValue?) -> [String] { value.map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue].compactMap { $0 } } ?? [] }
        return statements.compactMap(\.objectValue).contains { statement in
            statement["Effect"]?.stringValue == "Allow" && statement["Condition"] == nil
                && values(statement["Action"]).contains("*") && values(statement["Resource"]).contains("*")
        }
    }
}
