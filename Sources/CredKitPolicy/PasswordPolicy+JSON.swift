import CredKitJSON
import Foundation

extension PasswordPolicy {
    /// The fields of an IAM password policy, in the order IAM documents them.
    public static let fieldNames = [
        "MinimumPasswordLength", "RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters",
        "RequireLowercaseCharacters", "AllowUsersToChangePassword", "ExpirePasswords", "MaxPasswordAge",
        "PasswordReusePrevention", "HardExpiry",
    ]

    /// The largest policy document read, in bytes: a policy is a few hundred bytes; the bound keeps
    /// a hostile file (a 50-million-element array) from costing minutes before it is refused.
    public static let maximumDocumentSize = 64 << 10

    /// Reads a policy from JSON: the output of `aws iam get-account-password-policy`
    /// (`{"PasswordPolicy": {...}}`), the bare object (as `update-account-password-policy
    /// --cli-input-json` takes it), or AWS's `NoSuchEntity` answer (the account has no policy:
    /// the result is `awsDefault`), either as the AWS CLI's error line or as an error document
    /// (`{"Error": {"Code": "NoSuchEntity", ...}}`).
    ///
    /// Booleans that are absent are false; `ExpirePasswords`, when present, must agree with
    /// `MaxPasswordAge`. The checks are those of `init(iamFields:source:)`.
    /// - Parameter source: the file name to put in messages.
    /// - Throws: `PolicyError.invalidPolicy` naming `source`, the line and the field at fault.
    public init(json data: Data, source: String) throws {
        guard data.count <= Self.maximumDocumentSize else {
            throw PolicyError(.invalidPolicy,
                              "\(source): \(data.count) bytes is more than a password policy's limit of \(Self.maximumDocumentSize)")
        }
        let text = String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.hasPrefix("{"), text.contains("(NoSuchEntity)") {
            self = .awsDefault
            return
        }
        let root: JSONValue
        do {
            root = try JSONReader.parse(data, maximumSize: Self.maximumDocumentSize)
        } catch {
            throw PolicyError(.invalidPolicy, error.reason(in: source))
        }
        guard case .object(var object) = root else {
            throw PolicyError(.invalidPolicy, "\(source): expected a JSON object (a password policy), found \(root.kind)")
        }
        if let error = object["Error"]?.objectValue, error["Code"]?.stringValue == "NoSuchEntity" {
            self = .awsDefault
            return
        }
        var prefix = ""
        if let inner = object["PasswordPolicy"] {
            guard case .object(let innerObject) = inner else {
                throw PolicyError(.invalidPolicy, "\(source): PasswordPolicy must be an object, not \(inner.kind)")
            }
            if let extra = object.members.first(where: { $0.key != "PasswordPolicy" }) {
                throw PolicyError(.invalidPolicy, "\(source):\(extra.line): unexpected field '\(extra.key)' beside PasswordPolicy")
            }
            object = innerObject
            prefix = "PasswordPolicy."
        }
        var fields: [PolicyField] = []
        for member in object.members {
            let value: PolicyField.Value
            switch member.value {
            case .bool(let flag): value = .boolean(flag)
            case .number(let number): value = number.integer.map { .integer($0) } ?? .other("\(number)")
            default: value = .other(member.value.kind)
            }
            fields.append(PolicyField(name: member.key, value: value, location: "\(source):\(member.line)", displayName: prefix + member.key))
        }
        try self.init(fields: fields, source: source, prefix: prefix)
    }

    /// Reads a policy from the `<PasswordPolicy>` element of a live `GetAccountPasswordPolicy`
    /// answer (field name to text), with the same checks as a file.
    /// - Parameter source: what to name in messages (`GetAccountPasswordPolicy`).
    /// - Throws: `PolicyError.invalidPolicy` naming the field at fault.
    public init(iamFields: [String: String], source: String) throws {
        let fields = iamFields.sorted { $0.key < $1.key }.map { name, text -> PolicyField in
            let value: PolicyField.Value
            switch text {
            case "true": value = .boolean(true)
            case "false": value = .boolean(false)
            default: value = Int(text).map { .integer($0) } ?? .other("'\(text.prefix(20))'")
            }
            return PolicyField(name: name, value: value, location: source, displayName: name)
        }
        try self.init(fields: fields, source: source, prefix: "")
    }

    /// The one set of checks for every source: known fields, types, IAM's ranges.
    private init(fields: [PolicyField], source: String, prefix: String) throws {
        var byName: [String: PolicyField] = [:]
        for field in fields {
            guard Self.fieldNames.contains(field.name) else {
                let hint = Self.fieldNames.first { $0.lowercased() == field.name.lowercased() }.map { " (did you mean \($0)?)" } ?? ""
                throw PolicyError(.invalidPolicy, "\(field.location): unknown field '\(field.displayName)'\(hint)")
            }
            byName[field.name] = field
        }
        func boolean(_ name: String) throws -> Bool? {
            guard let field = byName[name] else { return nil }
            guard case .boolean(let flag) = field.value else {
                throw PolicyError(.invalidPolicy, "\(field.location): \(field.displayName) must be true or false, not \(field.value)")
            }
            return flag
        }
        // IAM's UpdateAccountPasswordPolicy documents 0 as "not set" for these two.
        func integer(_ name: String, in range: ClosedRange<Int>, zeroMeansUnset: Bool, hint: String = "") throws -> Int? {
            guard let field = byName[name] else { return nil }
            guard case .integer(let whole) = field.value else {
                throw PolicyError(.invalidPolicy, "\(field.location): \(field.displayName) must be a whole number, not \(field.value)")
            }
            if zeroMeansUnset && whole == 0 { return nil }
            guard range.contains(whole) else {
                throw PolicyError(.invalidPolicy,
                                  "\(field.location): \(field.displayName) must be from \(range.lowerBound) to \(range.upperBound), not \(whole)\(hint)")
            }
            return whole
        }
        guard let minimumLength = try integer("MinimumPasswordLength", in: Self.minimumLengthRange, zeroMeansUnset: false) else {
            throw PolicyError(.invalidPolicy,
                              "\(source): \(prefix)MinimumPasswordLength is missing (IAM would use 6; write it out)")
        }
        let maxAge = try integer("MaxPasswordAge", in: Self.maxPasswordAgeRange, zeroMeansUnset: true,
                                 hint: "; leave it out (or 0) for passwords that never expire")
        if let expire = try boolean("ExpirePasswords"), expire != (maxAge != nil), let field = byName["ExpirePasswords"] {
            throw PolicyError(.invalidPolicy, expire
                ? "\(field.location): \(field.displayName) is true but MaxPasswordAge is missing or 0"
                : "\(field.location): \(field.displayName) is false but MaxPasswordAge is set")
        }
        self.init(
            minimumLength: minimumLength,
            requireUppercase: try boolean("RequireUppercaseCharacters") ?? false,
            requireLowercase: try boolean("RequireLowercaseCharacters") ?? false,
            requireNumbers: try boolean("RequireNumbers") ?? false,
            requireSymbols: try boolean("RequireSymbols") ?? false,
            allowUsersToChangePassword: try boolean("AllowUsersToChangePassword") ?? false,
            maxPasswordAge: maxAge,
            passwordReusePrevention: try integer("PasswordReusePrevention", in: Self.reusePreventionRange, zeroMeansUnset: true,
                                                 hint: "; leave it out (or 0) to allow reuse"),
            hardExpiry: try boolean("HardExpiry") ?? false)
    }

    /// The policy as JSON for `aws iam update-account-password-policy --cli-input-json`:
    /// every settable field, `MaxPasswordAge` and `PasswordReusePrevention` only when set.
    /// AWS's default policy cannot be written this way (its three-of-four rule has no field);
    /// it comes out as the nearest settable policy.
    public func updateJSON() -> String {
        var lines = [
            "\"MinimumPasswordLength\": \(minimumLength)",
            "\"RequireSymbols\": \(requireSymbols)",
            "\"RequireNumbers\": \(requireNumbers)",
            "\"RequireUppercaseCharacters\": \(requireUppercase)",
            "\"RequireLowercaseCharacters\": \(requireLowercase)",
            "\"AllowUsersToChangePassword\": \(allowUsersToChangePassword)",
        ]
        if let maxPasswordAge { lines.append("\"MaxPasswordAge\": \(maxPasswordAge)") }
        if let passwordReusePrevention { lines.append("\"PasswordReusePrevention\": \(passwordReusePrevention)") }
        lines.append("\"HardExpiry\": \(hardExpiry)")
        return "{\n" + lines.map { "  " + $0 }.joined(separator: ",\n") + "\n}\n"
    }
}

/// One field of a policy document, whatever it was read from.
private struct PolicyField {
    enum Value: CustomStringConvertible {
        case boolean(Bool)
        case integer(Int)
        /// Anything else, described for messages ("a string", "1.5").
        case other(String)

        var description: String {
            switch self {
            case .boolean: "a boolean"
            case .integer: "a number"
            case .other(let text): text
            }
        }
    }

    let name: String
    let value: Value
    /// Where it was read: "file:line" or the API call.
    let location: String
    /// The name as the document spells its path (`PasswordPolicy.MinimumPasswordLength`).
    let displayName: String
}
