import CredKitAWS
import Foundation

/// How far an account is through AWS's guidance for securing a new account: eight items, each
/// done, not done, partly done or unknown, with the evidence seen and the fix.
///
/// Items 1 to 5 are the IAM console's panel (`SecurityStatus`), refined with what the panel
/// leaves out; 6 reads the credential report, 7 CloudTrail, 8 billing reports.
public struct AccountChecklist: Sendable, Hashable {
    /// The state of one item.
    public enum State: String, Sendable, Hashable {
        /// Done.
        case done
        /// Not done.
        case notDone = "not-done"
        /// Started but not finished, or done the lighter way.
        case partly
        /// The data given cannot tell.
        case unknown
    }

    /// One item.
    public struct Item: Sendable, Hashable {
        /// Which item.
        public var id: ChecklistItemID
        /// Its state.
        public var state: State
        /// What was seen.
        public var evidence: String
        /// How to complete it.
        public var fix: String
        /// Further advice that does not change the state (KMS, CloudWatch Logs, hardware MFA).
        public var recommendations: [String]
        /// The exemption that accepts this item as it is, if any.
        public var exemption: Exemption?

        /// Creates an item.
        public init(id: ChecklistItemID, state: State, evidence: String, fix: String, recommendations: [String] = [],
                    exemption: Exemption? = nil) {
            self.id = id
            self.state = state
            self.evidence = evidence
            self.fix = fix
            self.recommendations = recommendations
            self.exemption = exemption
        }

        /// The severity this item contributes to `--fail-on`: nil when done, unknown or exempt.
        public var severity: Severity? {
            guard exemption == nil else { return nil }
            switch state {
            case .done, .unknown: return nil
            case .partly: return .warning
            case .notDone: return id.severity
            }
        }
    }

    /// The eight items, in order.
    public var items: [Item]

    /// How many items are done.
    public var completeCount: Int { items.filter { $0.state == .done }.count }

    /// The item with `id`.
    public func item(_ id: ChecklistItemID) -> Item? { items.first { $0.id == id } }

    /// How a root MFA device is known to be kept.
    public enum RootMFAKind: String, Sendable, Hashable {
        /// A virtual (authenticator app) device is assigned to root.
        case virtual
        /// MFA is on and no virtual device is assigned to root: hardware (TOTP token or FIDO key).
        case hardware
    }

    /// What the checklist is computed from; nil fields are unknown.
    public struct Inputs: Sendable {
        /// The panel's inputs (report, account summary, password policy, groups, baseline).
        public var status: SecurityStatus.Inputs
        /// Whether root's MFA is virtual or hardware, when the API told.
        public var rootMFAKind: RootMFAKind?
        /// Groups granting administrator access (`AdministratorAccess`, or `*` on `*`), when fetched.
        public var administratorGroups: [String]?
        /// Whether the audit found root used within `--root-use-days`, when it had root's row.
        public var rootUsedRecently: Bool?
        /// CloudTrail, when read (live or `--trails`).
        public var cloudTrail: CloudTrailEvidence?
        /// Billing reports, when read (live or files).
        public var billing: BillingEvidence?
        /// What to ask for when an item has no input (`--live or FILE`).
        public var live: Bool

        /// Creates inputs.
        public init(status: SecurityStatus.Inputs, rootMFAKind: RootMFAKind? = nil, administratorGroups: [String]? = nil,
                    rootUsedRecently: Bool? = nil, cloudTrail: CloudTrailEvidence? = nil, billing: BillingEvidence? = nil,
                    live: Bool = false) {
            self.status = status
            self.rootMFAKind = rootMFAKind
            self.administratorGroups = administratorGroups
            self.rootUsedRecently = rootUsedRecently
            self.cloudTrail = cloudTrail
            self.billing = billing
            self.live = live
        }
    }

    /// Evaluates the eight items; exemptions naming an item (`{"item": "billing-reports"}`)
    /// that have not expired at `now` are attached to it.
    public static func evaluate(_ inputs: Inputs, exemptions: [Exemption] = [], now: Date = Date()) -> AccountChecklist {
        let panel = SecurityStatus.evaluate(inputs.status)
        func folded(_ id: ChecklistItemID) -> Item {
            guard let item = panel.items.first(where: { $0.id == id.rawValue }) else {
                return Item(id: id, state: .unknown, evidence: "not evaluated", fix: "")
            }
            let state: State = switch item.state {
            case .complete: .done
            case .incomplete: .notDone
            case .unknown: .unknown
            }
            return Item(id: id, state: state, evidence: item.detail, fix: item.fix)
        }
        var items = [folded(.rootAccessKeys), rootMFA(folded(.rootMFA), inputs), individualUsers(folded(.individualUsers), inputs),
                     groups(folded(.groups), inputs), folded(.passwordPolicy), userMFA(inputs), cloudTrail(inputs), billingReports(inputs)]
        for index in items.indices {
            items[index].exemption = exemptions.first { exemption in
                guard case .item(let id) = exemption.target, id == items[index].id else { return false }
                return exemption.expires.map { now <= $0 } ?? true
            }
        }
        return AccountChecklist(items: items)
    }

    /// "needs --live or FILE" in the words of this run.
    static func needs(_ option: String, _ inputs: Inputs) -> String {
        inputs.live ? "not readable" : "needs --live or \(option)"
    }

    // MARK: - Items 2, 3, 4: the panel's answer refined

    static func rootMFA(_ item: Item, _ inputs: Inputs) -> Item {
        var item = item
        guard item.state == .done, let kind = inputs.rootMFAKind else { return item }
        switch kind {
        case .virtual:
            item.evidence += "; a virtual device"
            item.recommendations.append("CIS 1.6 asks a hardware MFA device for root")
        case .hardware:
            item.evidence += "; hardware (no virtual device is assigned to root)"
        }
        return item
    }

    static func individualUsers(_ item: Item, _ inputs: Inputs) -> Item {
        var item = item
        guard item.state == .done else { return item }
        if let report = inputs.status.report {
            let people = report.users.filter { $0.passwordEnabled == true }.count
            if people == 0 {
                item.state = .partly
                item.evidence += ", none with a console password (no person's user yet)"
                item.fix = "create an IAM user with a console password for yourself, and sign in with it instead of root"
                return item
            }
            item.evidence += ", \(people) with a console password"
        }
        if inputs.rootUsedRecently == true {
            item.state = .partly
            item.evidence += "; but the root user was used recently (CIS 1.7)"
            item.fix = "stop using the root user for daily tasks; sign in as your IAM user"
        }
        return item
    }

    static func groups(_ item: Item, _ inputs: Inputs) -> Item {
        var item = item
        guard item.state != .unknown, let admins = inputs.administratorGroups else { return item }
        item.fix = "create a group with AdministratorAccess for the first admin, put users in groups, and detach policies attached to users"
        if admins.isEmpty {
            item.evidence += "; no group grants administrator access"
            if item.state == .done { item.state = .partly }
        } else {
            item.evidence += "; administrators group: \(admins.sorted().joined(separator: ", "))"
            if item.state == .notDone { item.state = .partly }
        }
        return item
    }

    // MARK: - Item 6

    static func userMFA(_ inputs: Inputs) -> Item {
        let fix = "assign an MFA device to every user with a console password; for access keys, move the workload to roles"
        guard let report = inputs.status.report else {
            return Item(id: .userMFA, state: .unknown, evidence: "needs a credential report (--report FILE) or --live", fix: fix)
        }
        let console = report.users.filter { $0.passwordEnabled == true }
        let withoutMFA = console.filter { !$0.mfaActive }.map(\.user)
        let keyOnly = report.users.filter { $0.passwordEnabled != true && !$0.activeKeys.isEmpty }.map(\.user)
        let keysNote = keyOnly.isEmpty ? "" : "; access keys without a password (MFA cannot protect a key; rotate to roles): "
            + Self.list(keyOnly)
        if console.isEmpty {
            return Item(id: .userMFA, state: .notDone,
                        evidence: "no IAM user has a console password yet, so none has MFA (item 3 first)" + keysNote, fix: fix)
        }
        if withoutMFA.isEmpty {
            return Item(id: .userMFA, state: .done, evidence: "all \(console.count) console user\(console.count == 1 ? " has" : "s have") MFA" + keysNote, fix: fix)
        }
        return Item(id: .userMFA, state: withoutMFA.count < console.count ? .partly : .notDone,
                    evidence: "\(withoutMFA.count) of \(console.count) console users without MFA: \(Self.list(withoutMFA))" + keysNote, fix: fix)
    }

    /// Up to five names, then a count.
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}
