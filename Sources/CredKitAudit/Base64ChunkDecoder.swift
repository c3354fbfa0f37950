import Foundation

/// Base64 text (line breaks and spaces allowed) decoded a piece at a time, as `GetCredentialReport`'s
/// `Content` or `base64 report.csv` gives it: whole 4-character groups are decoded once about
/// `pieceCharacters` have gathered, so the decoded report is never held whole.
struct Base64ChunkDecoder {
    /// Characters gathered before a piece is decoded.
    static let pieceCharacters = 65_536

    private var input: () throws -> ArraySlice<UInt8>?
    private let source: String
    private var ended = false
    private var sawPadding = false
    /// Characters read but not yet decoded (fewer than a group, or a piece's worth).
    private var characters: [UInt8] = []

    /// Decodes the runs of text `input` gives (nil at the end); `source` names the input in messages.
    init(source: String, input: @escaping () throws -> ArraySlice<UInt8>?) {
        self.source = source
        self.input = input
        characters.reserveCapacity(Self.pieceCharacters + 4)
    }

    /// The next decoded piece, nil at the end.
    /// - Throws: `AuditError.invalidInput` at a character that is not base64 or text that does not decode.
    mutating func next() throws -> [UInt8]? {
        while !ended && characters.count < Self.pieceCharacters {
            guard let run = try input() else {
                ended = true
                break
            }
            try gather(run)
        }
        let whole = ended ? characters.count : characters.count - characters.count % 4
        guard whole > 0 else {
            if ended && !characters.isEmpty { throw AuditError(.invalidInput, "\(source): not base64 (the text does not decode)") }
            return nil
        }
        guard whole % 4 == 0, let decoded = Data(base64Encoded: Data(characters[..<whole])) else {
            throw AuditError(.invalidInput, "\(source): not base64 (the text does not decode)")
        }
        characters.removeFirst(whole)
        return [UInt8](decoded)
    }

    /// Appends the base64 characters of `run`, skipping white space.
    private mutating func gather(_ run: ArraySlice<UInt8>) throws {
        for byte in run {
            switch Self.classes[Int(byte)] {
            case .space:
                continue
            case .padding:
                sawPadding = true
            case .character:
                if sawPadding { throw AuditError(.invalidInput, "\(source): base64 goes on after its '=' padding") }
            case .other:
                throw AuditError(.invalidInput, "\(source): not base64 (a byte that is not a base64 character)")
            }
            characters.append(byte)
        }
    }

    private enum ByteClass { case character, padding, space, other }

    /// What each byte is to base64.
    private static let classes: [ByteClass] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"): .character
        case UInt8(ascii: "="): .padding
        case 0x20, 0x0a, 0x0d, 0x09: .space
        default: .other
        }
    }
}
