/// A git object name (SHA-1 or SHA-256) held in 32 bytes instead of a 40- or 64-character
/// string: a history lists hundreds of thousands of them.
struct GitObjectID: Hashable, Sendable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Hex digits: 40 for SHA-1, 64 for SHA-256.
    let length: Int

    /// Reads lower-case hex as git prints it; nil for anything else.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 40 || hex.count == 64 else { return nil }
        length = hex.count
        var values: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in hex.enumerated() {
            let nibble: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            values[index / 16] |= nibble << (60 - 4 * UInt64(index % 16))
        }
        words = (values[0], values[1], values[2], values[3])
    }

    init?(_ text: String) {
        var text = text
        guard let id = text.withUTF8({ GitObjectID(hex: $0) }) else { return nil }
        self = id
    }

    /// Whether this is git's all-zero name for "no object" (an added or deleted side).
    var isNull: Bool { words == (0, 0, 0, 0) }

    /// The name in hex, as git reads it.
    var description: String {
        let digits = Array("0123456789abcdef".utf8)
        let values = [words.0, words.1, words.2, words.3]
        var out = [UInt8]()
        out.reserveCapacity(length)
        for index in 0..<length {
            out.append(digits[Int((values[index / 16] >> (60 - 4 * UInt64(index % 16))) & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func == (lhs: GitObjectID, rhs: GitObjectID) -> Bool {
        lhs.length == rhs.length && lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }
}
