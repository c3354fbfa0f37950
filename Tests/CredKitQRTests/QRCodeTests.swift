import CredKitQR
import CredKitTestSupport
import Foundation
import Testing

@Suite("QRCode")
struct QRCodeTests {
    @Test("size is 17 + 4 × version", arguments: Sample.all, QRErrorCorrection.allCases)
    func sizeFollowsVersion(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        #expect((1...40).contains(code.version))
        #expect(code.size == 17 + 4 * code.version)
        #expect(code.errorCorrection == level)
    }

    @Test("the long sample needs version 10 or more at every level")
    func longSampleIsLarge() throws {
        for level in QRErrorCorrection.allCases {
            #expect(try QRCode(Sample.long.text, errorCorrection: level).version >= 10)
        }
    }

    @Test("more error correction never makes a smaller code", arguments: Sample.all)
    func levelsGrow(sample: Sample) throws {
        let versions = try QRErrorCorrection.allCases.map { try QRCode(sample.text, errorCorrection: $0).version }
        #expect(versions == versions.sorted())
        #expect(versions.first! < versions.last!)
    }

    @Test("non-ASCII text scans back byte for byte thanks to the UTF-8 ECI header", arguments: [
        "Bücher & Söhne", "ü", "東京", "otpauth://totp/Ärger:über?secret=JBSWY3DPEHPK3PXP&issuer=Ärger", "emoji 🔐 key",
    ])
    func utf8RoundTrip(text: String) throws {
        let code = try QRCode(text)
        try withTemporaryDirectory { directory in
            let decoded = try QRReader.decode(expectedModules(code, margin: 4), in: directory)
            #expect(decoded == Data(text.utf8))
        }
    }

    @Test("default level is M")
    func defaultLevel() throws {
        let code = try QRCode(Sample.short.text)
        #expect(code.errorCorrection == .medium)
        let explicit = try QRCode(Sample.short.text, errorCorrection: .medium)
        #expect(code == explicit)
    }

    /// ASCII only: for other text QRCode adds a UTF-8 ECI header, which the qrencode tool cannot.
    @Test("modules match the qrencode tool's", arguments: [Sample.short, Sample.long], QRErrorCorrection.allCases)
    func matchesQrencodeTool(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        let result = try ProcessRunner.run("qrencode", ["-t", "ASCII", "-m", "0", "-l", level.rawValue, "-o", "-", sample.text])
        try #require(result.status == 0, "\(result.stderr)")
        let reference = try TextPictures.parseASCII(String(decoding: result.stdoutData, as: UTF8.self))
        #expect(reference == expectedModules(code, margin: 0))
    }

    @Test("bytes with NUL match qrencode -8 and scan", arguments: QRErrorCorrection.allCases)
    func bytesWithNUL(level: QRErrorCorrection) throws {
        // ASCII only: without an ECI header zbarimg guesses the charset of other bytes and
        // converts them (to Latin-1 or Shift-JIS), even with --raw.
        let bytes: [UInt8] = Array("key\u{0}value\u{0}".utf8) + [0x01, 0x7F]
        let code = try QRCode(bytes: bytes, errorCorrection: level)
        let result = try ProcessRunner.run("qrencode", ["-8", "-t", "ASCII", "-m", "0", "-l", level.rawValue, "-o", "-"], stdin: Data(bytes))
        try #require(result.status == 0, "\(result.stderr)")
        #expect(try TextPictures.parseASCII(String(decoding: result.stdoutData, as: UTF8.self)) == expectedModules(code, margin: 0))
        // A String with NUL in it must not be cut at the NUL.
        let text = "a\u{0}b"
        let textCode = try QRCode(text, errorCorrection: level)
        let bytesCode = try QRCode(bytes: Array(text.utf8), errorCorrection: level)
        #expect(textCode == bytesCode)
        try withTemporaryDirectory { directory in
            let decoded = try QRReader.decode(expectedModules(code, margin: 4), in: directory)
            #expect(decoded == Data(bytes))
        }
    }

    /// 8-bit capacity of a version-40 symbol, from the QR code standard's table (ISO/IEC 18004, table 7).
    static let version40ByteCapacity: [(QRErrorCorrection, Int)] = [(.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273)]

    @Test("input filling version 40 fits, one byte more throws", arguments: version40ByteCapacity)
    func capacity(level: QRErrorCorrection, capacity: Int) throws {
        let fits = try QRCode(String(repeating: "a", count: capacity), errorCorrection: level)
        #expect(fits.version == 40)
        #expect(fits.size == 177)
        let error = #expect(throws: QRError.self) {
            try QRCode(String(repeating: "a", count: capacity + 1), errorCorrection: level)
        }
        #expect(error?.code == .inputTooLong)
    }

    @Test("far too long input throws without echoing the text")
    func tooLong() throws {
        let secret = "SECRETSECRET"
        for length in [3000, 7089, 7090, 100_000] {
            let text = "otpauth://totp/x?secret=\(secret)&pad=" + String(repeating: "x", count: length)
            let error = #expect(throws: QRError.self) { try QRCode(text, errorCorrection: .low) }
            #expect(error?.code == .inputTooLong)
            #expect(error.map { !$0.description.contains(secret) } == true)
            #expect(error.map { $0.reason.contains("too long") } == true)
        }
    }

    @Test("empty input throws a clear error")
    func empty() {
        let error = #expect(throws: QRError.self) { try QRCode("") }
        #expect(error?.code == .emptyInput)
        let bytesError = #expect(throws: QRError.self) { try QRCode(bytes: [UInt8]()) }
        #expect(bytesError?.code == .emptyInput)
    }

    @Test("minimum version is honoured and range checked")
    func minimumVersion() throws {
        let automatic = try QRCode(Sample.short.text)
        let forced = try QRCode(Sample.short.text, minimumVersion: automatic.version + 3)
        #expect(forced.version == automatic.version + 3)
        #expect(forced.size == 17 + 4 * forced.version)
        // Too small a version is raised to one that fits.
        let raised = try QRCode(Sample.long.text, minimumVersion: 1)
        #expect(raised.version == (try QRCode(Sample.long.text)).version)
        for bad in [-1, 41] {
            let error = #expect(throws: QRError.self) { try QRCode(Sample.short.text, minimumVersion: bad) }
            #expect(error?.code == .invalidOption)
        }
    }

    @Test("description and reflection do not reveal the modules")
    func descriptionIsSafe() throws {
        let code = try QRCode(Sample.short.text)
        var dumped = ""
        dump(code, to: &dumped)
        for text in [code.description, String(reflecting: code), dumped] {
            #expect(text.contains("version"))
            #expect(!text.contains("true"))
            #expect(!text.contains("JBSWY3DPEHPK3PXP"))
        }
    }

    @Test("coordinates outside the symbol are light")
    func outside() throws {
        let code = try QRCode(Sample.short.text)
        // The top-left finder pattern's corner is dark.
        #expect(code.isDark(x: 0, y: 0))
        for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size), (-5, -5)] {
            #expect(!code.isDark(x: x, y: y))
        }
    }
}
