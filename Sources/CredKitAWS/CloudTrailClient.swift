import CredKitJSON
import Foundation

/// The read-only CloudTrail calls the account checklist needs, over the JSON protocol.
public struct CloudTrailClient: Sendable {
    /// The underlying JSON-protocol client.
    public var json: AWSJSONClient

    /// Creates a client for `region` (the configured one when nil).
    public init(configuration: AWSClientConfiguration, region: String? = nil, retry: RetryPolicy = RetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        json = AWSJSONClient(service: .cloudTrail, configuration: configuration, region: region, retry: retry, clock: clock)
    }

    /// The trails this Region sees (`DescribeTrails`), shadow copies of other Regions'
    /// multi-Region trails included.
    public func describeTrails() async throws -> [CloudTrailTrail] {
        let answer = try await json.call("DescribeTrails", .object([("includeShadowTrails", .bool(true))]))
        return (answer["trailList"]?.arrayValue ?? []).compactMap(\.objectValue).map(CloudTrailTrail.init(json:))
    }

    /// Whether the trail is logging now (`GetTrailStatus`, `IsLogging`).
    public func isLogging(_ trail: String) async throws -> Bool {
        try await json.call("GetTrailStatus", .object([("Name", .string(trail))]))["IsLogging"]?.boolValue ?? false
    }

    /// Which management events the trail records (`GetEventSelectors`).
    public func eventCoverage(_ trail: String) async throws -> CloudTrailEventCoverage {
        CloudTrailEventCoverage(json: try await json.call("GetEventSelectors", .object([("TrailName", .string(trail))])))
    }
}
