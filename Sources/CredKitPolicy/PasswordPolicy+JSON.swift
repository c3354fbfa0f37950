import Foundation

extension PasswordPolicy {
    /// The fields of an IAM password policy, in the order IAM documents them.
    public static let fieldNames = [
        "MinimumPasswordLength", "RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters",
        "RequireLowercaseCharacters", "AllowUsersToChangePassword", "ExpirePasswords", "MaxPasswordAge",
        "PasswordReusePrevention", "HardExpiry",
    ]

    /// Reads a policy from JSON: the output of `aws iam get-account-password-policy`
    /// (`{"PasswordPolicy": {...}}`) or the bare object (as `update-account-password-policy
    /// --cli-input-json` takes it).
    ///
    /// Booleans that are absent are false; `ExpirePasswords`, when present, must agree with
    /// `MaxPasswordAge`.
    /// - Parameter source: the file name to put in messages.
    /// - Throws: `PolicyError.invalidPolicy` naming `source` and the field at fault.
    public init(json data: Data, source: String) throws {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw PolicyError(.invalidPolicy, "\(source): not valid JSON\(Self.location(of: error))")
        }
        guard case .object(var fields, _) = root else {
            throw PolicyError(.invalidPolicy, "\(source): expected a JSON object (a password policy), found \(root.kind)")
        }
        var prefix = ""
        if let inner = fields["PasswordPolicy"] {
            guard case .object(let innerFields, _) = inner else {
                throw PolicyError(.invalidPolicy, "\(source): PasswordPolicy must be an object, not \(inner.kind)")
            }
            if let extra = fields.keys.sorted().first(where: { $0 != "PasswordPolicy" }) {
                throw PolicyError(.invalidPolicy, "\(source): unexpected field '\(extra)' beside PasswordPolicy")
            }
            fields = innerFields
            prefix = "PasswordPolicy."
        }
        let reader = FieldReader(fields: fields, source: source, prefix: prefix)
        if let unknown = fields.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            let hint = Self.fieldNames.first { $0.lowercased() == unknown.lowercased() }.map { " (did you mean \($0)?)" } ?? ""
            throw PolicyError(.invalidPolicy, "\(source): unknown field '\(prefix)\(unknown)'\(hint)")
        }
        guard let minimumLength = try reader.integer("MinimumPasswordLength", in: Self.minimumLengthRange) else {
            throw PolicyError(.invalidPolicy,
                              "\(source): \(prefix)MinimumPasswordLength is missing (IAM would use 6; write it out)")
        }
        let maxAge = try reader.integer("MaxPasswordAge", in: Self.maxPasswordAgeRange,
                                        hint: "; leave it out for passwords that never expire")
        if let expire = try reader.boolean("ExpirePasswords"), expire != (maxAge != nil) {
            throw PolicyError(.invalidPolicy, expire
                ? "\(source): \(prefix)ExpirePasswords is true but MaxPasswordAge is missing"
                : "\(source): \(prefix)ExpirePasswords is false but MaxPasswordAge is set")
        }
        self.init(
            minimumLength: minimumLength,
            requireUppercase: try reader.boolean("RequireUppercaseCharacters") ?? false,
            requireLowercase: try reader.boolean("RequireLowercaseCharacters") ?? false,
            requireNumbers: try reader.boolean("RequireNumbers") ?? false,
            requireSymbols: try reader.boolean("RequireSymbols") ?? false,
            allowUsersToChangePassword: try reader.boolean("AllowUsersToChangePassword") ?? false,
            maxPasswordAge: maxAge,
            passwordReusePrevention: try reader.integer("PasswordReusePrevention", in: Self.reusePreventionRange,
                                                        hint: "; leave it out to allow reuse"),
            hardExpiry: try reader.boolean("HardExpiry") ?? false)
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

    private static func location(of error: Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error,
              let underlying = context.underlyingError else { return "" }
        let text = String(describing: underlying)
        // Foundation's message carries "line N, column M"; pass it on when it is there.
        if let range = text.range(of: "line \\d+, column \\d+", options: .regularExpression) {
            return " (at \(text[range]))"
        }
        return ""
    }
}

/// Reads typed, range-checked fields and names the field in every error.
private struct FieldReader {
    let fields: [String: JSONValue]
    let source: String
    let prefix: String

    func boolean(_ name: String) throws -> Bool? {
        guard let value = fields[name] else { return nil }
        guard case .bool(let flag) = value else {
            throw PolicyError(.invalidPolicy, "\(source): \(prefix)\(name) must be true or false, not \(value.kind)")
        }
        return flag
    }

    func integer(_ name: String, in range: ClosedRange<Int>, hint: String = "") throws -> Int? {
        guard let value = fields[name] else { return nil }
        guard case .number(let number) = value else {
            throw PolicyError(.invalidPolicy, "\(source): \(prefix)\(name) must be a whole number, not \(value.kind)")
        }
        guard let whole = Int(exactly: number) else {
            throw PolicyError(.invalidPolicy, "\(source): \(prefix)\(name) must be a whole number, not \(number)")
        }
        guard range.contains(whole) else {
            throw PolicyError(.invalidPolicy,
                              "\(source): \(prefix)\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(whole)\(hint)")
        }
        return whole
    }
}
