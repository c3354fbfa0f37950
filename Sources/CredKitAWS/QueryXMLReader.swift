/// A small XML reader for AWS Query-API answers (IAM, STS, EC2, S3 errors): the XML
/// declaration, elements, text, the five predefined entities and character references, CDATA
/// and comments. Attributes are read past, namespace prefixes dropped. A document type
/// declaration (no entity expansion), other processing instructions, text that is not UTF-8
/// and anything not well-formed are refused. It keeps its
/// own stack instead of recursing, bounded by `QueryXMLNode.maximumNestingDepth`.
///
/// It replaces Foundation's XMLParser, whose libxml2 (and, through it, ICU and liblzma) was the
/// only reason the release binary needed those libraries.
struct QueryXMLReader {
    /// Why a document was refused.
    struct Failure: Error {
        /// What is wrong, for "the response is not well-formed XML (...)".
        let reason: String
        /// Nested past `QueryXMLNode.maximumNestingDepth`.
        var tooDeep = false
        /// A processing instruction other than the XML declaration.
        var processingInstruction = false
    }

    private struct OpenElement {
        let qualifiedName: ArraySlice<UInt8>
        var text: [UInt8] = []
        var children: [QueryXMLNode] = []
    }

    private let bytes: [UInt8]
    private var index = 0
    private var stack: [OpenElement] = []
    private var root: QueryXMLNode?

    static func parse(_ bytes: [UInt8]) throws(Failure) -> QueryXMLNode {
        // All of it, names included, before any of it is read.
        guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure(reason: "it is not valid UTF-8") }
        var reader = QueryXMLReader(bytes: bytes)
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) { reader.index = 3 }
        reader.skipWhitespace()
        if reader.starts(with: "<?xml ") { try reader.skip(past: "?>", what: "XML declaration") }
        return try reader.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ reason: String) -> Failure {
        Failure(reason: "\(reason) at byte \(index)")
    }

    private mutating func document() throws(Failure) -> QueryXMLNode {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                try markup()
            } else {
                try characters()
            }
        }
        guard stack.isEmpty else { throw failure("the document ends inside <\(name(stack[stack.count - 1].qualifiedName))>") }
        guard let root else { throw failure("no root element") }
        return root
    }

    private mutating func markup() throws(Failure) {
        if starts(with: "<!--") {
            try skip(past: "-->", what: "comment")
        } else if starts(with: "<?") {
            // Not in AWS's answers; libxml2 crashed on an empty one (found by fuzz/query-xml.swift).
            throw Failure(reason: "a processing instruction", processingInstruction: true)
        } else if starts(with: "<![CDATA[") {
            guard !stack.isEmpty else { throw failure("CDATA outside the root element") }
            index += 9
            let start = index
            try skip(past: "]]>", what: "CDATA section")
            stack[stack.count - 1].text += bytes[start..<(index - 3)] // taken as written: no references

        } else if starts(with: "<!") {
            throw failure("a document type declaration is not accepted")
        } else if starts(with: "</") {
            try endTag()
        } else {
            try startTag()
        }
    }

    private mutating func startTag() throws(Failure) {
        guard root == nil else { throw failure("content after the root element") }
        index += 1
        let nameStart = index
        while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
        let qualifiedName = bytes[nameStart..<index]
        guard !qualifiedName.isEmpty else { throw failure("an element without a name") }
        // Attributes: name="value" or name='value', read past.
        var selfClosing = false
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw failure("the document ends inside a start tag") }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { index += 1; break }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw failure("'/' inside a start tag") }
                index += 2
                selfClosing = true
                break
            }
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), !Self.endsName(bytes[index]) { index += 1 }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw failure("an attribute without a value") }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw failure("an attribute value without quotes")
            }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote {
                guard bytes[index] != UInt8(ascii: "<") else { throw failure("'<' in an attribute value") }
                index += 1
            }
            guard index < bytes.count else { throw failure("the document ends inside an attribute value") }
            index += 1
        }
        guard stack.count < QueryXMLNode.maximumNestingDepth else {
            throw Failure(reason: "nested deeper than \(QueryXMLNode.maximumNestingDepth)", tooDeep: true)
        }
        stack.append(OpenElement(qualifiedName: qualifiedName))
        if selfClosing { try close() }
    }

    private mutating func endTag() throws(Failure) {
        index += 2
        let nameStart = index
        while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
        let qualifiedName = bytes[nameStart..<index]
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw failure("an end tag not closed by '>'") }
        index += 1
        guard let open = stack.last else { throw failure("an end tag without a start tag") }
        guard open.qualifiedName.elementsEqual(qualifiedName) else {
            throw failure("</\(name(qualifiedName))> closes <\(name(open.qualifiedName))>")
        }
        try close()
    }

    private mutating func close() throws(Failure) {
        let open = stack.removeLast()
        let text = String(decoding: open.text, as: UTF8.self) // checked as UTF-8 up front
        let qualified = name(open.qualifiedName)
        let local = qualified.split(separator: ":").last.map(String.init) ?? qualified
        let node = QueryXMLNode(name: local, text: text.trimmingXMLWhitespace(), children: open.children)
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    private mutating func characters() throws(Failure) {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        let run = bytes[start..<index]
        if stack.isEmpty {
            guard run.allSatisfy(Self.isWhitespace) else { throw failure("text outside the root element") }
            return
        }
        stack[stack.count - 1].text += try decode(run)
    }

    /// A run of text with its references replaced; an unknown reference is an error.
    private func decode(_ raw: ArraySlice<UInt8>) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                position += 1
                continue
            }
            guard let end = raw[position...].firstIndex(of: UInt8(ascii: ";")), end - position <= 12 else {
                throw failure("an '&' that starts no reference")
            }
            let reference = String(decoding: raw[(position + 1)..<end], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch reference {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if reference.hasPrefix("#x") {
                    scalar = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if reference.hasPrefix("#") {
                    scalar = UInt32(reference.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
            }
            guard let scalar else { throw failure("unknown reference '&\(reference.prefix(12));'") }
            output += Array(String(scalar).utf8)
            position = end + 1
        }
        return output
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(Failure) {
        let pattern = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
        throw failure("an unclosed \(what)")
    }

    private func starts(with literal: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return bytes.count - index >= pattern.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    }

    private func name(_ raw: ArraySlice<UInt8>) -> String {
        String(decoding: raw.prefix(60), as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<")
    }
}

private extension String {
    /// Without leading and trailing XML whitespace (space, tab, CR, LF), as the Foundation-based
    /// reader trimmed.
    func trimmingXMLWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) ?? first
        return String(scalars[first...last])
    }
}
