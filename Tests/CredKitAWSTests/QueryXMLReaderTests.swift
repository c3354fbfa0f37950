@testable import CredKitAWS
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// credkit's own XML reader (which let the release binary drop libxml2 and ICU) against
/// Foundation's XMLParser over libxml2, on AWS answers and generated documents.
@Suite struct QueryXMLReaderTests {
    /// The tree Foundation's XMLParser builds, as the reader before this one did.
    final class FoundationTree: NSObject, XMLParserDelegate {
        private var stack: [(name: String, text: String, children: [QueryXMLNode])] = []
        var root: QueryXMLNode?

        static func parse(_ data: Data) -> QueryXMLNode? {
            let builder = FoundationTree()
            let parser = XMLParser(data: data)
            parser.delegate = builder
            return parser.parse() ? builder.root : nil
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append((elementName.split(separator: ":").last.map(String.init) ?? elementName, "", []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let top = stack.popLast() else { return }
            let node = QueryXMLNode(name: top.name, text: top.text.trimmingCharacters(in: .whitespacesAndNewlines), children: top.children)
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }

    static let documents = [
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <ListUsersResult>
            <IsTruncated>false</IsTruncated>
            <Users>
              <member><UserName>alice</UserName><Arn>arn:aws:iam::123456789012:user/alice</Arn>
                <CreateDate>2025-01-01T00:00:00Z</CreateDate></member>
              <member><UserName>bob &amp; carol</UserName><Path>/a&lt;b&gt;/</Path></member>
            </Users>
          </ListUsersResult>
          <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
        </ListUsersResponse>
        """,
        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate &quot;exceeded&quot; &#233;&#x263A;</Message></Error></ErrorResponse>",
        "<a:Root xmlns:a=\"urn:x\" b='1' c=\"2\"><a:Child/><Empty></Empty><!-- note --><T>  spaced\ttext  </T></a:Root>",
        "<Response><Errors><Error><Code>UnauthorizedOperation</Code></Error></Errors><RequestID>x</RequestID></Response>",
        "<R><![CDATA[a < b & c]]><C>1</C>tail</R>",
        "\u{FEFF}<R>bom</R>",
    ]

    @Test(arguments: documents)
    func readsAsFoundationDoes(_ text: String) throws {
        let data = Data(text.utf8)
        let expected = try #require(FoundationTree.parse(data))
        #expect(try QueryXMLReader.parse([UInt8](data)) == expected)
    }

    @Test func generatedDocumentsReadAsFoundationDoes() throws {
        var generator = SystemRandomNumberGenerator()
        let names = ["a", "member", "x:y", "Users", "B"]
        let texts = ["", " ", "v", "a &amp; b", "&lt;&gt;", "é", "1 2", "&#65;"]
        func element(_ depth: Int) -> String {
            let name = names.randomElement(using: &generator) ?? "a"
            var body = texts.randomElement(using: &generator) ?? ""
            if depth < 5 {
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    body += element(depth + 1) + (texts.randomElement(using: &generator) ?? "")
                }
            }
            return body.isEmpty && Bool.random(using: &generator) ? "<\(name)/>" : "<\(name)>\(body)</\(name)>"
        }
        for _ in 0..<300 {
            let data = Data(element(0).utf8)
            let expected = try #require(FoundationTree.parse(data), "\(String(decoding: data, as: UTF8.self))")
            #expect(try QueryXMLReader.parse([UInt8](data)) == expected, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        ("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>", "a document type declaration is not accepted"),
        ("<a><b></a></b>", "</a> closes <b>"),
        ("<a></a><b></b>", "content after the root element"),
        ("<a>&nbsp;</a>", "unknown reference '&nbsp;'"),
        ("<a>&amp</a>", "an '&' that starts no reference"),
        ("<a>", "the document ends inside <a>"),
        ("text<a/>", "text outside the root element"),
        ("", "no root element"),
        ("<a b></a>", "an attribute without a value"),
        ("<a b=c></a>", "an attribute value without quotes"),
        ("<a><!-- open</a>", "an unclosed comment"),
    ])
    func malformedDocumentsAreRefused(_ text: String, _ reason: String) {
        do {
            _ = try QueryXMLReader.parse(Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason.hasPrefix(reason), "\(error.reason)")
            // Stricter than libxml2 on purpose: no document type (no entity expansion), and one
            // root element as XML 1.0 says (libxml2 keeps the last).
            let strictOnPurpose = text.contains("DOCTYPE") || text == "<a></a><b></b>"
            #expect(strictOnPurpose || FoundationTree.parse(Data(text.utf8)) == nil, "Foundation accepts \(text)")
        }
    }

    @Test func processingInstructionsOtherThanTheDeclarationAreRefused() {
        #expect(throws: QueryXMLReader.Failure.self) { try QueryXMLReader.parse(Array("<a><?pi data?></a>".utf8)) }
        #expect(throws: Never.self) { try QueryXMLReader.parse(Array("<?xml version=\"1.0\"?><a/>".utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: QueryXMLReader.Failure.self) { try QueryXMLReader.parse([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]) }
    }
}
