// libFuzzer target: password-policy JSON (CredKitPolicy.PasswordPolicy(json:source:)), the file
// `credkit policy check` reads as well as the output of `aws iam get-account-password-policy`.
import CredKitPolicy
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPasswordPolicy(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? PasswordPolicy(json: Data(bytes: data, count: count), source: "fuzz.json")
    return 0
}
