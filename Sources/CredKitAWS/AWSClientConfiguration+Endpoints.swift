import Foundation

extension AWSClientConfiguration {
    /// The endpoint of `service` and the region requests to it are signed for.
    ///
    /// A per-service override (`AWS_ENDPOINT_URL_CLOUDTRAIL`, ...) wins over the general
    /// `endpointURL`; with either, regional services are signed for `region` (or the configured
    /// region) and the others for `us-east-1`.
    /// - Parameter region: the region of a regional service; the configured one when nil.
    public func endpoint(for service: AWSService, region: String? = nil) -> (url: URL, signingRegion: String) {
        if service == .iam { return iamEndpoint }
        let regional = region ?? self.region
        let globalRegion: String = switch partition {
        case "aws-cn": "cn-northwest-1"
        case "aws-us-gov": "us-gov-west-1"
        default: "us-east-1"
        }
        let signingRegion = service.isRegional ? regional : globalRegion
        if let url = serviceEndpoints[service] ?? endpointURL { return (url, signingRegion) }
        let suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"
        let host = service == .budgets && partition == "aws" ? "budgets.amazonaws.com" : "\(service.signingName).\(signingRegion).\(suffix)"
        return (URL(string: "https://\(host)/") ?? URL(fileURLWithPath: "/"), signingRegion)
    }

    /// Per-service endpoints from `AWS_ENDPOINT_URL_<SERVICE>` variables, as the AWS SDKs read them.
    /// - Throws: `AWSError.invalidInput` naming the variable when its value is not an http(s) URL.
    public static func serviceEndpoints(environment: [String: String]) throws -> [AWSService: URL] {
        var endpoints: [AWSService: URL] = [:]
        for service in AWSService.allCases {
            let name = "AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"
            guard let text = environment[name], !text.isEmpty else { continue }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false else {
                throw AWSError(.invalidInput, "\(name) is not an http(s) URL with a host")
            }
            endpoints[service] = url
        }
        return endpoints
    }
}
