/// The JSON that `aws iam get-credential-report` prints, read as a stream:
/// `{"Content": "<base64>", "ReportFormat": "text/csv", "GeneratedTime": "..."}`.
///
/// `contentRun()` hands out the characters of the `Content` string in runs, JSON
/// escapes undone, without holding the string; the members before it are checked and skipped,
/// and once the string ends the rest of the object is checked to its closing brace. Other members
/// may hold any JSON value, nested at most `maximumDepth` deep; member names are at most
/// `maximumNameBytes` long. Messages name the byte offset of the last byte read (1 is the first).
struct CredentialReportEnvelope {
    /// The deepest nesting of arrays and objects allowed in the envelope's other members.
    static let maximumDepth = 64
    /// The longest member name read (the envelope's names are a dozen bytes).
    static let maximumNameBytes = 1_024

    private var bytes: ReportByteSource
    private let source: String
    private var state = State.start

    private enum State { case start, inContent, done }

    /// Reads the envelope from `bytes`; `source` names it in messages.
    init(source: String, bytes: ReportByteSource) {
        self.source = source
        self.bytes = bytes
    }

    /// The next run of characters of the `Content` string, JSON escapes undone, nil after its last.
    /// - Throws: `AuditError.invalidInput` naming the byte offset when the JSON is malformed,
    ///   has no `Content` string or has two.
    mutating func contentRun() throws -> ArraySlice<UInt8>? {
        switch state {
        case .done:
            return nil
        case .start:
            guard try bytes.nextSignificant() == UInt8(ascii: "{") else { throw failure("expected a JSON object") }
            guard try findContent(first: true) else {
                throw failure("JSON without a \"Content\" field; expected the output of 'aws iam get-credential-report'")
            }
            state = .inContent
        case .inContent:
            break
        }
        // Plain characters in bulk; a quote, backslash or control character one at a time.
        if let run = try bytes.run(upTo: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }), !run.isEmpty {
            return run
        }
        if let character = try stringCharacter() { return [character][...] }
        // The string ended: the rest of the object must be well formed and hold no second Content.
        if try findContent(first: false) { throw failure("two \"Content\" fields") }
        state = .done
        return nil
    }

    /// Reads members until a `Content` string starts (true) or the object ends (false).
    /// `first`: right after the opening brace; else right after a member's value.
    private mutating func findContent(first: Bool) throws -> Bool {
        var afterMember = !first
        while true {
            var byte = try bytes.nextSignificant()
            if afterMember {
                if byte == UInt8(ascii: "}") { return try end() }
                guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or '}'") }
                byte = try bytes.nextSignificant()
            } else if byte == UInt8(ascii: "}") {
                return try end()
            }
            guard byte == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let name = try memberName()
            guard try bytes.nextSignificant() == UInt8(ascii: ":") else { throw failure("expected ':'") }
            let value = try bytes.nextSignificant()
            if name == Array("Content".utf8) {
                guard value == UInt8(ascii: "\"") else { throw failure("\"Content\" is not a string") }
                return true
            }
            try skipValue(first: value, depth: 1)
            afterMember = true
        }
    }

    /// After the closing brace only white space may follow.
    private mutating func end() throws -> Bool {
        if try bytes.nextSignificant() != nil { throw failure("text after the JSON object") }
        return false
    }

    /// A member name after its opening quote, at most `maximumNameBytes`.
    private mutating func memberName() throws -> [UInt8] {
        var name: [UInt8] = []
        while let character = try stringCharacter() {
            guard name.count < Self.maximumNameBytes else {
                throw failure("a member name is longer than \(Self.maximumNameBytes) bytes")
            }
            name.append(character)
        }
        return name
    }

    /// The next character of a string whose opening quote was read, escapes undone (`\u` only
    /// for ASCII, which is all base64 and the envelope's names need); nil at the closing quote.
    private mutating func stringCharacter() throws -> UInt8? {
        guard let byte = try bytes.next() else { throw failure("the file ends inside a string") }
        switch byte {
        case UInt8(ascii: "\""):
            return nil
        case UInt8(ascii: "\\"):
            guard let escaped = try bytes.next() else { throw failure("the file ends inside a string") }
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return escaped
            case UInt8(ascii: "n"): return 0x0a
            case UInt8(ascii: "r"): return 0x0d
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "b"): return 0x08
            case UInt8(ascii: "f"): return 0x0c
            case UInt8(ascii: "u"):
                var value = 0
                for _ in 0..<4 {
                    guard let digit = try bytes.next(), let nibble = Self.hexValue(digit) else { throw failure("a \\u escape without 4 hex digits") }
                    value = value * 16 + nibble
                }
                // Other characters are kept as '?': they cannot be base64 and are refused there.
                return value < 0x80 ? UInt8(value) : UInt8(ascii: "?")
            default:
                throw failure("an unknown escape in a string")
            }
        case 0..<0x20:
            throw failure("a control character in a string")
        default:
            return byte
        }
    }

    /// Skips one JSON value starting with `first`, nested at most `maximumDepth`.
    private mutating func skipValue(first: UInt8?, depth: Int) throws {
        guard let first else { throw failure("the file ends where a value should be") }
        switch first {
        case UInt8(ascii: "\""):
            while try stringCharacter() != nil {}
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw failure("values nested deeper than \(Self.maximumDepth)") }
            let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            var next = try bytes.nextSignificant()
            if next == close { return }
            while true {
                if first == UInt8(ascii: "{") {
                    guard next == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                    while try stringCharacter() != nil {}
                    guard try bytes.nextSignificant() == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    next = try bytes.nextSignificant()
                }
                try skipValue(first: next, depth: depth + 1)
                let separator = try bytes.nextSignificant()
                if separator == close { return }
                guard separator == UInt8(ascii: ",") else { throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                next = try bytes.nextSignificant()
            }
        default:
            try skipScalar(first: first)
        }
    }

    /// Skips `true`, `false`, `null` or a number; a bare word or malformed number is an error.
    private mutating func skipScalar(first: UInt8) throws {
        var word = [first]
        // The longest literal or number worth reading; longer numbers are still numbers.
        while let byte = try peekScalarByte() {
            if word.count < 64 { word.append(byte) }
        }
        let text = String(decoding: word, as: UTF8.self)
        if text == "true" || text == "false" || text == "null" { return }
        let isNumber = text.first.map { $0 == "-" || $0.isASCII && $0.isNumber } ?? false
            && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard isNumber else { throw failure("expected a JSON value") }
    }

    /// Reads the next byte when it can continue a literal or number; leaves a delimiter unread.
    private mutating func peekScalarByte() throws -> UInt8? {
        guard let byte = try bytes.peek() else { return nil }
        let continues = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "E")
        guard continues else { return nil }
        _ = try bytes.next()
        return byte
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    private func failure(_ what: String) -> AuditError {
        AuditError(.invalidInput, "\(source): byte \(bytes.offset): \(what)")
    }
}
