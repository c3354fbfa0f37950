import CredKitJSON
import CredKitTestSupport
import Foundation
import Testing

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws(JSONError) -> JSONValue {
        try JSONReader.parse(Array(text.utf8))
    }

    private func error(_ text: String) -> JSONError? {
        do { _ = try parse(text) } catch { return error }
        return nil
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#"{"a": [true, false, null, -1.5e3, 14, "x\n\u00e9\ud83d\ude00"], "b": {}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        let items = try #require(object["a"]?.arrayValue)
        #expect(items[0] == .bool(true) && items[1] == .bool(false) && items[2] == .null)
        guard case .number(let number) = items[3], case .number(let whole) = items[4] else {
            Issue.record("numbers not read as numbers")
            return
        }
        #expect(number.double == -1500 && number.integer == -1500 && number.text == "-1.5e3")
        #expect(whole.integer == 14)
        #expect(items[5].stringValue == "x\né😀")
        #expect(object["b"] == .object(JSONObject(members: [])))
    }

    @Test func membersKnowTheirLines() throws {
        let object = try #require(try parse("{\n  \"a\": 1,\n\n  \"b\": 2\n}").objectValue)
        #expect(object.line(of: "a") == 2)
        #expect(object.line(of: "b") == 4)
    }

    /// Python and jq keep the last of two equal keys silently; IAM refuses such a policy.
    @Test func duplicateKeyIsRefusedWithBothLines() throws {
        let failure = try #require(error("{\n\"MinimumPasswordLength\": 14,\n\"MinimumPasswordLength\": 6\n}"))
        #expect(failure.code == .duplicateKey)
        #expect(failure.line == 3 && failure.column == 1)
        #expect(failure.reason(in: "p.json") == "p.json:3:1: duplicate key 'MinimumPasswordLength' (first at line 2)")
    }

    @Test func duplicateKeysInNestedObjectsAreRefusedToo() {
        #expect(error(#"{"a": [{"x": 1, "x": 1}]}"#)?.code == .duplicateKey)
        #expect(error(#"{"a": {"x": 1}, "b": {"x": 1}}"#) == nil)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a key in double quotes"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("{\"a\"\n 1}", 2, 2, "expected ':' after the key"),
        ("[01]", 1, 3, "leading zero"),
        ("[\"a\tb\"]", 1, 4, "control character"),
        ("[\"\\x\"]", 1, 4, "unknown escape"),
        ("[\"\\ud800\"]", 1, 9, "surrogate"),
        ("[1] 2", 1, 5, "after the end of the document"),
        ("", 1, 1, "unexpected end of input"),
        ("[tru]", 1, 2, "expected a value"),
    ])
    func syntaxErrorsNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ words: String) throws {
        let failure = try #require(error(text))
        #expect(failure.code == .syntax)
        #expect(failure.line == line && failure.column == column, "\(failure)")
        #expect(failure.message.contains(words), "\(failure)")
        #expect(failure.reason(in: "f.json").hasPrefix("f.json:\(line):\(column): not valid JSON: "))
    }

    @Test func invalidUTF8InAStringIsRefused() {
        let failure = try? JSONReader.parse([0x5b, 0x22, 0xff, 0x22, 0x5d])
        #expect(failure == nil)
        do {
            _ = try JSONReader.parse([0x5b, 0x22, 0xff, 0x22, 0x5d])
        } catch {
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func nestingAtTheLimitIsReadAndOnePastIsRefused() throws {
        let depth = JSONReader.maximumNestingDepth
        let atLimit = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try parse(atLimit) }
        let pastLimit = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        let failure = try #require(error(pastLimit))
        #expect(failure.code == .limitExceeded)
        #expect(failure.message.contains("limit of \(depth)"))
    }

    /// 100,000 opening brackets crashed recursive readers with a stack overflow.
    @Test func hundredThousandOpeningBracketsEndWithAnError() {
        #expect(error(String(repeating: "[", count: 100_000))?.code == .limitExceeded)
        #expect(error(String(repeating: "{\"a\":", count: 100_000))?.code == .limitExceeded)
    }

    @Test func sizeAtTheLimitIsReadAndOnePastIsRefused() throws {
        let text = Array("[\"\(String(repeating: "a", count: 96))\"]".utf8)
        #expect(text.count == 100)
        #expect(throws: Never.self) { try JSONReader.parse(text, maximumSize: 100) }
        do {
            _ = try JSONReader.parse(text, maximumSize: 99)
            Issue.record("a document past the size limit was read")
        } catch {
            #expect(error.code == .limitExceeded && error.message.contains("limit of 99"))
        }
    }

    @Test func errorsNeverQuoteStringValues() throws {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        for text in ["{\"k\": \"\(secret)\" \"x\"}", "{\"k\": \"\(secret)\", \"k\": \"\(secret)\"}", "[\"\(secret)\\q\"]"] {
            let failure = try #require(error(text))
            #expect(!failure.description.contains(secret) && !failure.description.contains("wJal"))
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONReader.parse([0xef, 0xbb, 0xbf] + Array("{}".utf8)) == .object(JSONObject(members: [])))
    }

    struct Suite: Decodable {
        struct Case: Decodable {
            let name: String
            let expect: String
            let base64: String
        }
        let cases: [Case]
    }

    static let suite: [Suite.Case] = (try? Fixtures.load(Suite.self, "json/JSONTestSuite.json").cases) ?? []

    @Test func suiteIsPresent() {
        #expect(Self.suite.count == 318)
    }

    /// RFC 8259 allows equal keys ("SHOULD be unique"); the suite's y_ cases with them are
    /// refused on purpose: a policy or exemption file with two equal keys is a mistake.
    static let refusedOnPurpose: Set<String> = ["y_object_duplicated_key", "y_object_duplicated_key_and_value"]

    /// Every case of JSONTestSuite by name: y_ accepted, n_ refused, i_ either, never a crash.
    @Test(arguments: suite.map(\.name))
    func jsonTestSuite(_ name: String) throws {
        let testCase = try #require(Self.suite.first { $0.name == name })
        let bytes = try #require(Data(base64Encoded: testCase.base64))
        let result = Result { () throws(JSONError) in try JSONReader.parse(bytes) }
        if Self.refusedOnPurpose.contains(name) {
            #expect(throws: JSONError.self) { try result.get() }
            return
        }
        switch testCase.expect {
        case "accept": #expect(throws: Never.self) { try result.get() }
        case "reject": #expect(throws: JSONError.self) { try result.get() }
        default: break
        }
    }
}
