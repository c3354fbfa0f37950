// libFuzzer target: AWS Query-API XML answers (CredKitAWS.QueryXMLNode.parse). libxml2 itself
// is not instrumented; what is fuzzed is the tree building, depth limit and lookups.
import CredKitAWS
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryXML(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let root = try? QueryXMLNode.parse(Data(bytes: data, count: count)) else { return 0 }
    _ = root.path("GetUserResult", "User")?.value("UserName")
    _ = root.members("Users")
    return 0
}
