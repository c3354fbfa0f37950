import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed element of an AWS Query-API XML response: name, text and child elements.
public struct QueryXMLNode: Sendable, Hashable {
    /// The element name without namespace prefix.
    public let name: String
    /// The element's own text, trimmed.
    public let text: String
    /// Child elements in document order.
    public let children: [QueryXMLNode]

    /// The first child named `name`.
    public func child(_ name: String) -> QueryXMLNode? { children.first { $0.name == name } }

    /// The element reached by following child names.
    public func path(_ names: String...) -> QueryXMLNode? {
        var node: QueryXMLNode? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The text of the child named `name`, nil when absent or empty.
    public func value(_ name: String) -> String? {
        guard let text = child(name)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// The `<member>` children of the child named `name` (AWS's list encoding).
    public func members(_ name: String) -> [QueryXMLNode] {
        child(name)?.children.filter { $0.name == "member" } ?? []
    }

    /// The deepest element nesting accepted. AWS's Query answers nest about six levels; the
    /// bound keeps a hostile answer (`<a><a>...` 70,000 deep) from exhausting the stack.
    public static let maximumNestingDepth = 64

    /// Parses XML bytes.
    /// - Throws: `AWSError.transport` when the bytes are not well-formed UTF-8 XML or nest
    ///   deeper than `maximumNestingDepth`.
    public static func parse(_ data: Data) throws -> QueryXMLNode {
        // FoundationXML traps on an element name that is not UTF-8 (found by fuzz/query-xml.swift);
        // AWS answers in UTF-8, so anything else is refused before the parser sees it.
        guard String(validating: data, as: UTF8.self) != nil else {
            throw AWSError(.transport, "the response is not well-formed XML (it is not valid UTF-8)")
        }
        // FoundationXML also crashes on a processing instruction without data (`<?pi?>`: it hands
        // a NULL to strlen). AWS answers have none beside the XML declaration, so any is refused.
        guard !hasProcessingInstruction(data) else {
            throw AWSError(.transport, "the response contains an XML processing instruction, which credkit does not read")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        let parsed = parser.parse()
        if builder.tooDeep {
            throw AWSError(.transport, "the response nests XML elements deeper than the limit of \(maximumNestingDepth)")
        }
        guard parsed, let root = builder.root else {
            let detail = parser.parserError.map { " (\($0.localizedDescription))" } ?? ""
            throw AWSError(.transport, "the response is not well-formed XML\(detail)")
        }
        return root
    }

    /// Whether `<?` occurs anywhere but as the `<?xml ` declaration at the start (after a BOM).
    private static func hasProcessingInstruction(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") {
                let declaration = Array("<?xml".utf8)
                let isDeclaration = index == start && bytes[index...].starts(with: declaration)
                    && bytes.count > index + declaration.count
                    && [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index + declaration.count])
                if !isDeclaration { return true }
            }
            index += 1
        }
        return false
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        private var stack: [(name: String, text: String, children: [QueryXMLNode])] = []
        var root: QueryXMLNode?
        var tooDeep = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard stack.count < QueryXMLNode.maximumNestingDepth else {
                tooDeep = true
                parser.abortParsing()
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append((local, "", []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let top = stack.popLast() else { return }
            let node = QueryXMLNode(name: top.name, text: top.text.trimmingCharacters(in: .whitespacesAndNewlines), children: top.children)
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }
    }
}
