/// Amazon Bedrock API keys, recognised by their documented structure.
///
/// A long-term key is an IAM service-specific credential: `ABSK` followed by the Base64 of
/// `BedrockAPIKey-<id>-at-<12-digit account>:<secret>`. A short-term key is
/// `bedrock-api-key-` followed by the Base64 of a SigV4 presigned URL for
/// `bedrock.amazonaws.com` without its scheme, as AWS's own aws-bedrock-token-generator
/// builds it (`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-...&Version=1`); AWS
/// does not document the long-term layout, which follows what the keys look like. Both are
/// checked by decoding, so random Base64 that happens to start with `ABSK` is not a finding.
enum BedrockAPIKey {
    enum Kind { case longTerm, shortTerm }

    static let longTermPrefix = Array("ABSK".utf8)
    static let shortTermPrefix = Array("bedrock-api-key-".utf8)
    static let longTermDecodedPrefix = Array("BedrockAPIKey-".utf8)
    static let shortTermDecodedPrefix = Array("bedrock.amazonaws.com/".utf8)
    /// Enough decoded bytes to check the structure: the user name, account and colon.
    static let checkedBytes = 96

    /// The kind of key the long Base64 run `span` of `window` is, or nil.
    static func kind(_ window: UnsafePointer<UInt8>, count: Int, span: ShapeScanner.Span) -> Kind? {
        let run = UnsafeBufferPointer(start: window + span.start, count: span.end - span.start)
        if run.starts(with: longTermPrefix) {
            let decoded = decode(UnsafeBufferPointer(rebasing: run[longTermPrefix.count...]))
            return isLongTermBody(decoded) ? .longTerm : nil
        }
        let prefixLength = shortTermPrefix.count
        guard span.start >= prefixLength,
              UnsafeBufferPointer(start: window + span.start - prefixLength, count: prefixLength).elementsEqual(shortTermPrefix)
        else { return nil }
        // A word character before the prefix makes it part of a longer name.
        if span.start > prefixLength, ByteClass.table[Int(window[span.start - prefixLength - 1])] & ByteClass.word != 0 {
            return nil
        }
        return decode(run).starts(with: shortTermDecodedPrefix) ? .shortTerm : nil
    }

    /// `BedrockAPIKey-<id>-at-<12 digits>:<at least 16 more bytes>`.
    static func isLongTermBody(_ decoded: [UInt8]) -> Bool {
        guard decoded.starts(with: longTermDecodedPrefix) else { return false }
        let marker = Array("-at-".utf8)
        var index = longTermDecodedPrefix.count
        while index + marker.count <= decoded.count, !decoded[index..<(index + marker.count)].elementsEqual(marker) {
            index += 1
        }
        let account = index + marker.count
        guard account + 13 <= decoded.count else { return false }
        guard decoded[account..<(account + 12)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              decoded[account + 12] == UInt8(ascii: ":") else { return false }
        return decoded.count - (account + 13) >= 16
    }

    /// The first `checkedBytes` bytes of Base64 `text`, up to its padding.
    private static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(checkedBytes)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x41...0x5a: value = byte - 0x41
            case 0x61...0x7a: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: return out
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                if out.count >= checkedBytes { return out }
            }
        }
        return out
    }
}
