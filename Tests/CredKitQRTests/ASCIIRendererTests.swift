import CredKitQR
import CredKitTestSupport
import Foundation
import Testing

@Suite("ASCII renderer")
struct ASCIIRendererTests {
    @Test("the text scans", arguments: Sample.all, QRErrorCorrection.allCases)
    func scans(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        let picture = try TextPictures.parseASCII(try ASCIIRenderer().render(code))
        try withTemporaryDirectory { directory in
            let decoded = try QRReader.decode(picture, in: directory)
            #expect(decoded == Data(sample.text.utf8))
        }
    }

    @Test("rows are the modules inside the margin; width helper agrees", arguments: 0...4, [false, true])
    func pixels(margin: Int, invert: Bool) throws {
        let code = try QRCode(Sample.short.text, errorCorrection: .high)
        let renderer = try ASCIIRenderer(margin: margin, invert: invert)
        let output = renderer.render(code)
        let picture = try TextPictures.parseASCII(output)
        #expect(picture == expectedModules(code, margin: margin, invert: invert))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == code.size + 2 * margin)
        #expect(lines.allSatisfy { $0.count == renderer.columns(for: code) })
        if !invert {
            try withTemporaryDirectory { directory in
                let decoded = try QRReader.decode(picture.padded(by: 4 - margin), in: directory)
                #expect(decoded == Data(Sample.short.text.utf8))
            }
        }
    }

    @Test("invert flips every module and still scans")
    func invert() throws {
        let code = try QRCode(Sample.tokyo.text, errorCorrection: .quartile)
        let normal = try TextPictures.parseASCII(try ASCIIRenderer().render(code))
        let inverted = try TextPictures.parseASCII(try ASCIIRenderer(invert: true).render(code))
        #expect(inverted == normal.inverted())
        try withTemporaryDirectory { directory in
            // zbarimg only looks for light-on-dark codes when asked to.
            let decoded = try QRReader.decode(inverted, inverted: true, in: directory)
            #expect(decoded == Data(Sample.tokyo.text.utf8))
        }
    }

    @Test("plain ASCII: only '#', space and newline")
    func plain() throws {
        let output = try ASCIIRenderer(margin: 1).render(try QRCode(Sample.german.text))
        #expect(output.unicodeScalars.allSatisfy { $0 == "#" || $0 == " " || $0 == "\n" })
    }

    @Test("every format draws the same modules", arguments: Sample.all)
    func formatsAgree(sample: Sample) throws {
        let code = try QRCode(sample.text)
        let ascii = try TextPictures.parseASCII(try ASCIIRenderer(margin: 2).render(code))
        let terminal = try TextPictures.parseTerminal(try TerminalRenderer(margin: 2).render(code))
        let png = try PNGPixels.bitmap(from: try PNGRenderer(scale: 2, margin: 2).render(code)).sampled(moduleSize: 2)
        #expect(terminal.cropped(toHeight: ascii.height) == ascii)
        #expect(png == ascii)
    }
}
