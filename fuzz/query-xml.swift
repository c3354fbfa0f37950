// libFuzzer target: AWS Query-API XML answers (CredKitAWS.QueryXMLNode.parse), read by
// credkit's own QueryXMLReader (instrumented whole: tokens, references, depth limit, lookups).
import CredKitAWS
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryXML(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let root = try? QueryXMLNode.parse(Data(bytes: data, count: count)) else { return 0 }
    _ = root.path("GetUserResult", "User")?.value("UserName")
    _ = root.members("Users")
    return 0
}
