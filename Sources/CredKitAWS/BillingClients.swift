import Foundation

/// The Cost and Usage Report service (`cur`, us-east-1 only).
public struct CostAndUsageReportClient: Sendable {
    /// The underlying JSON-protocol client.
    public var json: AWSJSONClient

    /// Creates a client.
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        json = AWSJSONClient(service: .costAndUsageReport, configuration: configuration, retry: retry, clock: clock)
    }

    /// Every report definition (`DescribeReportDefinitions`, all pages).
    public func describeReportDefinitions() async throws -> [CURReportDefinition] {
        try await json.callPaginated("DescribeReportDefinitions", listName: "ReportDefinitions")
            .compactMap(\.objectValue).map(CURReportDefinition.init(json:))
    }
}

/// AWS Data Exports (`bcm-data-exports`, us-east-1 only).
public struct DataExportsClient: Sendable {
    /// The underlying JSON-protocol client.
    public var json: AWSJSONClient

    /// Creates a client.
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        json = AWSJSONClient(service: .dataExports, configuration: configuration, retry: retry, clock: clock)
    }

    /// Every export (`ListExports`, all pages).
    public func listExports() async throws -> [DataExport] {
        try await json.callPaginated("ListExports", listName: "Exports").compactMap(\.objectValue).map(DataExport.init(json:))
    }
}

/// AWS Budgets (one endpoint, signed for us-east-1).
public struct BudgetsClient: Sendable {
    /// The underlying JSON-protocol client.
    public var json: AWSJSONClient

    /// Creates a client.
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        json = AWSJSONClient(service: .budgets, configuration: configuration, retry: retry, clock: clock)
    }

    /// The account's budgets with their alert counts (`DescribeBudgets`, then
    /// `DescribeNotificationsForBudget` for each).
    public func budgetsWithAlerts(accountID: String) async throws -> [Budget] {
        let listed = try await json.callPaginated("DescribeBudgets", listName: "Budgets", [("AccountId", .string(accountID))])
        var budgets: [Budget] = []
        for item in listed.compactMap(\.objectValue) {
            var budget = Budget(json: item)
            let notifications = try await json.callPaginated("DescribeNotificationsForBudget", listName: "Notifications",
                                                             [("AccountId", .string(accountID)), ("BudgetName", .string(budget.name))])
            budget.alerts = notifications.count
            budgets.append(budget)
        }
        return budgets
    }
}

/// The Regions enabled for the account (`ec2:DescribeRegions`, Query protocol).
public struct EC2RegionsClient: Sendable {
    /// The underlying Query-API client.
    public var query: AWSQueryClient

    /// Creates a client in the configured Region.
    public init(configuration: AWSClientConfiguration, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        let endpoint = configuration.endpoint(for: .ec2)
        query = AWSQueryClient(endpoint: endpoint.url,
                               signer: SigV4Signer(credentials: configuration.credentials, region: endpoint.signingRegion, service: "ec2"),
                               version: "2016-11-15", retry: retry, timeout: configuration.timeout, caBundle: configuration.caBundle,
                               proxies: configuration.proxies, clock: clock)
    }

    /// The names of the Regions the account may use (opted in or needing no opt-in).
    public func enabledRegions() async throws -> [String] {
        let answer = try await query.call("DescribeRegions")
        return (answer.child("regionInfo")?.children ?? []).compactMap { $0.value("regionName") }.sorted()
    }
}
