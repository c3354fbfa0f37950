@testable import CredKitScan
import CredKitTestSupport
import Foundation
import Testing

/// The official toml-lang/toml-test cases (TOML 1.0.0) within the subset credkit reads, from
/// the data file Vectors/toml-test/generate.py writes: valid documents must give the suite's
/// values, and every invalid document of the whole suite must be rejected with a ScanError.
@Suite struct TOMLTestSuiteTests {
    struct Cases: Decodable {
        let commit: String
        let valid: [Case]
        let invalid: [Case]
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let input: String?
        let inputBase64: String?
        let expected: Tagged?

        var bytes: [UInt8] {
            if let input { return Array(input.utf8) }
            return Array(Data(base64Encoded: inputBase64 ?? "") ?? Data())
        }

        var testDescription: String { name }
    }

    /// The suite's tagged JSON: tables are objects, arrays are arrays, and each value is
    /// `{"type": ..., "value": "..."}` with the value as text.
    indirect enum Tagged: Decodable, Equatable, Sendable {
        case value(type: String, text: String)
        case array([Tagged])
        case table([String: Tagged])

        init(from decoder: any Decoder) throws {
            if let items = try? [Tagged](from: decoder) {
                self = .array(items)
            } else if let leaf = try? [String: String](from: decoder), Set(leaf.keys) == ["type", "value"],
                      let type = leaf["type"], let text = leaf["value"] {
                self = .value(type: type, text: text)
            } else {
                self = .table(try [String: Tagged](from: decoder))
            }
        }

        init(_ value: TOMLValue) {
            switch value {
            case .string(let text): self = .value(type: "string", text: text)
            case .integer(let number): self = .value(type: "integer", text: String(number))
            case .boolean(let flag): self = .value(type: "bool", text: String(flag))
            case .array(let items): self = .array(items.map(Tagged.init))
            case .table(let table):
                self = .table(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, Tagged($0.value)) }))
            }
        }
    }

    /// The cases generated from the official suite (Vectors/toml-test/generate.py; MIT, the
    /// TOML authors), committed as data as issue 10 asks, so every run checks them.
    static let cases: Cases? = try? Fixtures.load(Cases.self, "toml-test/cases.json")

    @Test func suiteIsPresent() throws {
        let cases = try #require(Self.cases, "Vectors/toml-test/cases.json is missing or unreadable")
        #expect(cases.valid.count == 127)
        #expect(cases.invalid.count == 499)
    }

    @Test("valid toml-test documents give the suite's values",
          arguments: cases?.valid ?? [])
    func valid(_ testCase: Case) throws {
        let table = try TOMLParser.parse(bytes: testCase.bytes, file: testCase.name)
        #expect(Tagged(.table(table)) == testCase.expected)
    }

    @Test("invalid toml-test documents are rejected",
          arguments: cases?.invalid ?? [])
    func invalid(_ testCase: Case) {
        #expect(throws: ScanError.self, "\(testCase.name) was accepted") {
            try TOMLParser.parse(bytes: testCase.bytes, file: testCase.name)
        }
    }
}
