import CredKitAWS
import CredKitTestSupport
import Foundation
import Testing

@Suite struct QueryXMLNodeTests {
    private func nested(_ depth: Int) -> Data {
        Data((String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)).utf8)
    }

    @Test func readsAQueryAnswer() throws {
        let xml = "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User><UserName>alice</UserName></User></GetUserResult></GetUserResponse>"
        let root = try QueryXMLNode.parse(Data(xml.utf8))
        #expect(root.path("GetUserResult", "User")?.value("UserName") == "alice")
    }

    @Test func nestingAtTheLimitIsReadAndOnePastIsRefused() throws {
        let depth = QueryXMLNode.maximumNestingDepth
        #expect(throws: Never.self) { try QueryXMLNode.parse(nested(depth)) }
        let error = #expect(throws: AWSError.self) { try QueryXMLNode.parse(nested(depth + 1)) }
        #expect(error?.reason == "the response nests XML elements deeper than the limit of \(depth)")
    }

    /// An element name that is not UTF-8 (`<a\xD4>`) made FoundationXML trap, ending every --live
    /// command; found by fuzz/query-xml.swift (Vectors/fuzz/query-xml/regression-non-utf8-element-name).
    @Test func anElementNameThatIsNotUTF8IsAnError() throws {
        let crash = try Data(contentsOf: Fixtures.vectors.appendingPathComponent("fuzz/query-xml/regression-non-utf8-element-name"))
        let error = #expect(throws: AWSError.self) { try QueryXMLNode.parse(crash) }
        #expect(error?.reason == "the response is not well-formed XML (it is not valid UTF-8)")
        #expect(throws: AWSError.self) { try QueryXMLNode.parse(Data([0x3c, 0x61, 0xd4, 0x3e, 0x78, 0x3c, 0x2f, 0x61, 0x3e])) }
    }

    /// A processing instruction without data (`<?pi?>`) made FoundationXML read through a NULL
    /// pointer; found by fuzz/query-xml.swift (Vectors/fuzz/query-xml/regression-empty-processing-instruction).
    @Test func aProcessingInstructionIsAnError() throws {
        let crash = try Data(contentsOf: Fixtures.vectors.appendingPathComponent("fuzz/query-xml/regression-empty-processing-instruction"))
        let error = #expect(throws: AWSError.self) { try QueryXMLNode.parse(crash) }
        #expect(error?.reason == "the response contains an XML processing instruction, which credkit does not read")
        #expect(throws: AWSError.self) { try QueryXMLNode.parse(Data("<a><?pi data?></a>".utf8)) }
        let declared = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b>x</b></a>"
        #expect(try QueryXMLNode.parse(Data(declared.utf8)).value("b") == "x")
    }

    /// An answer nested about 70,000 levels crashed every --live command with a stack overflow.
    @Test func seventyThousandLevelsEndWithAnError() {
        #expect(throws: AWSError.self) { try QueryXMLNode.parse(nested(70_000)) }
    }
}
