import CredKitQR
import CredKitTestSupport
import Foundation
import Testing

@Suite("Terminal renderer")
struct TerminalRendererTests {
    @Test("the drawn cells scan", arguments: Sample.all, QRErrorCorrection.allCases)
    func scans(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        let picture = try TextPictures.parseTerminal(try TerminalRenderer().render(code))
        try withTemporaryDirectory { directory in
            let decoded = try QRReader.decode(picture, in: directory)
            #expect(decoded == Data(sample.text.utf8))
        }
    }

    @Test("cells are the modules inside the margin; size helpers agree", arguments: 0...4, [false, true])
    func pixels(margin: Int, invert: Bool) throws {
        let code = try QRCode(Sample.german.text)
        let renderer = try TerminalRenderer(margin: margin, invert: invert)
        let output = renderer.render(code)
        let picture = try TextPictures.parseTerminal(output)
        let side = code.size + 2 * margin
        // Two module rows per line; the side is odd, so the last line's lower half is padding.
        #expect(side % 2 == 1)
        #expect(picture.width == side)
        #expect(picture.height == side + 1)
        #expect(renderer.columns(for: code) == side)
        #expect(renderer.lines(for: code) == output.split(separator: "\n").count)
        #expect(picture.cropped(toHeight: side) == expectedModules(code, margin: margin, invert: invert))
        let padding = (0..<side).map { picture[$0, side] }
        #expect(padding == Array(repeating: invert, count: side), "padding has the quiet zone's colour")
        if !invert {
            try withTemporaryDirectory { directory in
                let decoded = try QRReader.decode(picture.padded(by: 4 - margin), in: directory)
                #expect(decoded == Data(Sample.german.text.utf8))
            }
        }
    }

    @Test("invert flips every cell and still scans")
    func invert() throws {
        let code = try QRCode(Sample.long.text)
        let normal = try TextPictures.parseTerminal(try TerminalRenderer().render(code))
        let inverted = try TextPictures.parseTerminal(try TerminalRenderer(invert: true).render(code))
        #expect(inverted == normal.inverted())
        try withTemporaryDirectory { directory in
            // zbarimg only looks for light-on-dark codes when asked to.
            let decoded = try QRReader.decode(inverted, inverted: true, in: directory)
            #expect(decoded == Data(Sample.long.text.utf8))
        }
    }

    @Test("only half blocks and SGR colour sequences; every line equally wide and reset", arguments: [0, 2, 4], [false, true])
    func characters(margin: Int, invert: Bool) throws {
        let code = try QRCode(Sample.tokyo.text)
        let renderer = try TerminalRenderer(margin: margin, invert: invert)
        let output = renderer.render(code)
        #expect(output.hasSuffix("\n"))
        let lines = output.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        let sgr = /\x{1B}\[[0-9;]*m/
        for line in lines {
            // Colours are set before the first cell and reset after the last one.
            #expect(line.prefixMatch(of: sgr) != nil)
            #expect(line.hasSuffix("\u{1B}[0m") || line.hasSuffix("\u{1B}[m"))
            let visible = line.replacing(sgr, with: "")
            #expect(visible.count == renderer.columns(for: code))
            #expect(visible.unicodeScalars.allSatisfy { "▀▄█ ".unicodeScalars.contains($0) })
            #expect(!visible.contains("\u{1B}"))
        }
    }

    @Test("options out of range throw")
    func badOptions() {
        for margin in [-1, 101] {
            let error = #expect(throws: QRError.self) { try TerminalRenderer(margin: margin) }
            #expect(error?.code == .invalidOption)
        }
    }
}
