// libFuzzer target: AWS shared config and credentials files (CredKitAWS.AWSConfigFile), read
// as both kinds, then every profile resolved through the credential chain's profile lookup.
import CredKitAWS
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSConfig(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = String(data: Data(bytes: data, count: count), encoding: .utf8) else { return 0 }
    for kind in [AWSConfigFile.Kind.config, .credentials] {
        guard let file = try? AWSConfigFile(path: "fuzz", kind: kind, contents: text) else { continue }
        precondition(file.profileNames.count == file.profiles.count, "every profile is named once")
        for name in file.profileNames { precondition(file.profile(name) != nil) }
        _ = try? CredentialsChain.profilesWithKeys(in: file)
    }
    return 0
}
