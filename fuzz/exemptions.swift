// libFuzzer target: audit exemption files (CredKitAudit.Exemption.parseList).
import CredKitAudit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExemptions(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let exemptions = try? Exemption.parseList(Data(bytes: data, count: count), path: "fuzz.json") else { return 0 }
    // Targets are globs and tags: ask each exemption what the audit asks.
    for exemption in exemptions {
        _ = exemption.covers(.keyAge, user: "ci-deploy-bot", groups: ["break-glass"], tags: ["credkit-exempt": "true"],
                             now: Date(timeIntervalSince1970: 1_750_000_000))
    }
    return 0
}
