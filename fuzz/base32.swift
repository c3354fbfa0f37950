// libFuzzer target: Base32 decoding of pasted seeds (CredKitCrypto.Base32).
// Any input must decode or throw; whatever decodes must re-encode to text that decodes to
// the same bytes, and any non-empty bytes must survive encode -> decode (empty text is refused).
import CredKitCrypto

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase32(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: count))
    if let decoded = try? Base32.decode(input) {
        for padding in [false, true] {
            guard (try? Base32.decode(Base32.encode(decoded, padding: padding))) == decoded else {
                fatalError("Base32 re-encoding of decoded bytes does not round-trip")
            }
        }
        if let secret = try? Base32.decodeSecret(input) {
            guard secret.withUnsafeBytes({ Array($0) }) == decoded else { fatalError("decodeSecret differs from decode") }
        } else {
            fatalError("decode accepted what decodeSecret refused")
        }
    }
    guard input.isEmpty || (try? Base32.decode(Base32.encode(input))) == input else {
        fatalError("encode -> decode does not round-trip")
    }
    return 0
}
