// libFuzzer target: the one strict JSON reader (CredKitJSON.JSONReader) behind policy,
// exemption, baseline and credential-report envelope files.
import CredKitJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    do {
        walk(try JSONReader.parse(UnsafeBufferPointer(start: data, count: count)))
    } catch {
        _ = error.reason(in: "fuzz.json")
    }
    return 0
}

/// Touches every value the way callers do (numbers as integers and doubles, keys and lines).
private func walk(_ value: JSONValue) {
    switch value {
    case .number(let number):
        _ = number.integer
        _ = number.double
    case .array(let items):
        items.forEach(walk)
    case .object(let object):
        for member in object.members {
            _ = object.line(of: member.key)
            walk(member.value)
        }
    default:
        _ = value.kind
    }
}
