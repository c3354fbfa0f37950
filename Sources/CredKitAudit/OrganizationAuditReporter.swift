import CredKitJSON

/// Renders an organization run: each account's report under its ID and alias, then the accounts
/// that could not be read, with the reason. Each format reuses its single-account reporter.
public protocol OrganizationAuditReporter: AuditReporter {
    /// The rendered report of every account.
    func render(_ organization: OrganizationAuditResult) -> String
}

extension AuditTextReporter: OrganizationAuditReporter {
    public func render(_ organization: OrganizationAuditResult) -> String {
        var out = ""
        for outcome in organization.accounts {
            out += "=== Account \(outcome.account.title) ===\n"
            if let result = outcome.result {
                out += render(result) + "\n"
            } else {
                out += "Cannot be read: \(outcome.failure ?? "unknown reason")\n\n"
            }
        }
        out += "Organization (role \(organization.roleName)): \(organization.countLine)\n"
        for outcome in organization.unreadable {
            out += "  unreadable: \(outcome.account.title): \(outcome.failure ?? "unknown reason")\n"
        }
        return out
    }
}

extension AuditMarkdownReporter: OrganizationAuditReporter {
    public func render(_ organization: OrganizationAuditResult) -> String {
        var out = "# credkit \(options.command): organization, \(organization.countLine)\n\n"
        if !organization.unreadable.isEmpty {
            out += "| Unreadable account | Reason |\n|---|---|\n"
            for outcome in organization.unreadable {
                out += "| \(escape(outcome.account.title)) | \(escape(outcome.failure ?? "unknown reason")) |\n"
            }
            out += "\n"
        }
        for outcome in organization.accounts {
            guard let result = outcome.result else { continue }
            out += "# Account \(escape(outcome.account.title))\n\n" + render(result) + "\n"
        }
        return out
    }
}

extension AuditGitHubReporter: OrganizationAuditReporter {
    public func render(_ organization: OrganizationAuditResult) -> String {
        var out = ""
        for outcome in organization.accounts {
            if let result = outcome.result {
                out += render(result)
            } else {
                out += "::error title=credkit account \(outcome.account.id) unreadable::"
                    + escapedData("\(outcome.account.title): \(outcome.failure ?? "unknown reason")") + "\n"
            }
        }
        out += "credkit \(options.command): organization, \(organization.countLine)\n"
        return out
    }
}

extension AuditJSONReporter: OrganizationAuditReporter {
    public func render(_ organization: OrganizationAuditResult) -> String {
        var out = "{\n  \"command\": \(JSONString.quoted(options.command)),\n"
        out += "  \"organization\": {\"role\": \(JSONString.quoted(organization.roleName)), \"accounts\": \(organization.accounts.count), "
            + "\"read\": \(organization.accounts.count - organization.unreadable.count), \"unreadable\": \(organization.unreadable.count)},\n"
        out += "  \"accounts\": ["
        for (index, outcome) in organization.accounts.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            out += "{\"account_id\": \(JSONString.quoted(outcome.account.id)), \"account_name\": \(JSONString.quoted(outcome.account.name)), "
                + "\"account_alias\": \(outcome.account.alias.map(JSONString.quoted) ?? "null"), \"readable\": \(outcome.result != nil), "
            if let result = outcome.result {
                out += "\"reason\": null, \"report\": " + render(result).split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n    ").trimmingCharacters(in: .whitespacesAndNewlines) + "}"
            } else {
                out += "\"reason\": \(JSONString.quoted(outcome.failure ?? "unknown reason")), \"report\": null}"
            }
        }
        out += organization.accounts.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
