import CredKitQR
import CredKitTestSupport
import Foundation
import Testing

@Suite("PNG renderer")
struct PNGRendererTests {
    @Test("zbarimg reads the PNG", arguments: Sample.all, QRErrorCorrection.allCases)
    func scans(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        let png = try PNGRenderer().render(code)
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("code.png")
            try png.write(to: file)
            let decoded = try QRReader.decode(imageAt: file.path)
            #expect(decoded == Data(sample.text.utf8))
        }
    }

    @Test("8-bit greyscale, black and white only, default scale 8 and margin 4")
    func format() throws {
        let code = try QRCode(Sample.short.text)
        let png = try PNGRenderer().render(code)
        let header = try PNGPixels.header(of: png)
        #expect(header == PNGPixels.Header(width: (code.size + 8) * 8, height: (code.size + 8) * 8, bitDepth: 8, colourType: 0))
        #expect(try PNGPixels.greyLevels(in: png) == [0, 255])
    }

    @Test("pixels are the modules, scaled, inside the margin", arguments: 0...4, [1, 3, 8])
    func pixels(margin: Int, scale: Int) throws {
        let code = try QRCode(Sample.german.text)
        let renderer = try PNGRenderer(scale: scale, margin: margin)
        let image = try PNGPixels.bitmap(from: renderer.render(code))
        let side = (code.size + 2 * margin) * scale
        #expect(image.width == side)
        #expect(image.height == side)
        #expect(renderer.pixelWidth(for: code) == side)
        #expect(image.isUniform(moduleSize: scale))
        let modules = image.sampled(moduleSize: scale)
        #expect(modules == expectedModules(code, margin: margin))
        // Below the standard's quiet zone, give zbarimg the rest of it.
        try withTemporaryDirectory { directory in
            let decoded = try QRReader.decode(modules.padded(by: 4 - margin), in: directory)
            #expect(decoded == Data(Sample.german.text.utf8))
        }
    }

    @Test("invert flips every pixel and still scans", arguments: [Sample.short, Sample.long], [0, 4])
    func invert(sample: Sample, margin: Int) throws {
        let code = try QRCode(sample.text)
        let normal = try PNGPixels.bitmap(from: PNGRenderer(scale: 4, margin: margin).render(code))
        let invertedPNG = try PNGRenderer(scale: 4, margin: margin, invert: true).render(code)
        let inverted = try PNGPixels.bitmap(from: invertedPNG)
        #expect(inverted == normal.inverted())
        if margin == 4 {
            try withTemporaryDirectory { directory in
                let file = directory.appendingPathComponent("inverted.png")
                try invertedPNG.write(to: file)
                // zbarimg only looks for light-on-dark codes when asked to.
                let decoded = try QRReader.decode(imageAt: file.path, inverted: true)
                #expect(decoded == Data(sample.text.utf8))
            }
        }
    }

    @Test("options out of range throw")
    func badOptions() throws {
        for (scale, margin) in [(0, 4), (-1, 4), (8, -1), (8, 101)] {
            let error = #expect(throws: QRError.self) { try PNGRenderer(scale: scale, margin: margin) }
            #expect(error?.code == .invalidOption)
        }
        let huge = try QRCode(String(repeating: "a", count: 2000), errorCorrection: .low)
        let error = #expect(throws: QRError.self) { try PNGRenderer(scale: 60).render(huge) }
        #expect(error?.code == .invalidOption)
    }
}
