import Foundation

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

    /// Parses XML bytes (`QueryXMLReader`).
    /// - Throws: `AWSError.transport` when the bytes are not well-formed XML or nest deeper
    ///   than `maximumNestingDepth`.
    public static func parse(_ data: Data) throws -> QueryXMLNode {
        do {
            return try QueryXMLReader.parse([UInt8](data))
        } catch {
            if error.tooDeep {
                throw AWSError(.transport, "the response nests XML elements deeper than the limit of \(maximumNestingDepth)")
            }
            if error.processingInstruction {
                throw AWSError(.transport, "the response contains an XML processing instruction, which credkit does not read")
            }
            throw AWSError(.transport, "the response is not well-formed XML (\(error.reason))")
        }
    }
}
