import CredKitQR
import CredKitTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("SVG renderer")
struct SVGRendererTests {
    /// Renders, rasterises with rsvg-convert and reads the pixels back.
    private func rasterise(_ svg: String, in directory: URL) throws -> (png: URL, bitmap: Bitmap) {
        let name = UUID().uuidString
        let svgFile = directory.appendingPathComponent("\(name).svg")
        let pngFile = directory.appendingPathComponent("\(name).png")
        try Data(svg.utf8).write(to: svgFile)
        try QRReader.rasterise(svg: svgFile.path, to: pngFile.path)
        return (pngFile, try PNGPixels.bitmap(from: Data(contentsOf: pngFile)))
    }

    @Test("zbarimg reads the rasterised SVG", arguments: Sample.all, QRErrorCorrection.allCases)
    func scans(sample: Sample, level: QRErrorCorrection) throws {
        let code = try QRCode(sample.text, errorCorrection: level)
        let svg = try SVGRenderer(scale: 4).render(code)
        try withTemporaryDirectory { directory in
            let (png, _) = try rasterise(svg, in: directory)
            let decoded = try QRReader.decode(imageAt: png.path)
            #expect(decoded == Data(sample.text.utf8))
        }
    }

    @Test("rasterised pixels are the modules inside the margin", arguments: 0...4)
    func pixels(margin: Int) throws {
        let code = try QRCode(Sample.tokyo.text)
        let svg = try SVGRenderer(scale: 3, margin: margin).render(code)
        try withTemporaryDirectory { directory in
            let (_, image) = try rasterise(svg, in: directory)
            #expect(image.width == (code.size + 2 * margin) * 3)
            #expect(image.height == image.width)
            #expect(image.isUniform(moduleSize: 3))
            let modules = image.sampled(moduleSize: 3)
            #expect(modules == expectedModules(code, margin: margin))
            let decoded = try QRReader.decode(modules.padded(by: 4 - margin), in: directory)
            #expect(decoded == Data(Sample.tokyo.text.utf8))
        }
    }

    @Test("invert flips every pixel and still scans")
    func invert() throws {
        let code = try QRCode(Sample.long.text, errorCorrection: .high)
        try withTemporaryDirectory { directory in
            let (_, normal) = try rasterise(try SVGRenderer(scale: 2).render(code), in: directory)
            let (png, inverted) = try rasterise(try SVGRenderer(scale: 2, invert: true).render(code), in: directory)
            #expect(inverted == normal.inverted())
            // zbarimg only looks for light-on-dark codes when asked to.
            let decoded = try QRReader.decode(imageAt: png.path, inverted: true)
            #expect(decoded == Data(Sample.long.text.utf8))
        }
    }

    @Test("document structure", arguments: [false, true])
    func structure(invert: Bool) throws {
        let code = try QRCode(Sample.short.text)
        let svg = try SVGRenderer(scale: 5, margin: 2, invert: invert).render(code)
        let elements = try SVGElements.parse(svg)
        let side = code.size + 4
        #expect(elements.map(\.name) == ["svg", "rect", "path"])
        let root = elements[0].attributes
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root["viewBox"] == "0 0 \(side) \(side)")
        #expect(root["width"] == "\(side * 5)")
        #expect(root["height"] == "\(side * 5)")
        #expect(root["shape-rendering"] == "crispEdges")
        let rect = elements[1].attributes
        #expect(rect["width"] == "\(side)")
        #expect(rect["height"] == "\(side)")
        let white = ["#FFFFFF", "#ffffff", "#fff", "white"]
        let black = ["#000000", "#000", "black"]
        #expect((invert ? black : white).contains(rect["fill"] ?? ""))
        #expect((invert ? white : black).contains(elements[2].attributes["fill"] ?? ""))
    }

    @Test("options out of range throw")
    func badOptions() {
        for (scale, margin) in [(0, 4), (8, -1)] {
            let error = #expect(throws: QRError.self) { try SVGRenderer(scale: scale, margin: margin) }
            #expect(error?.code == .invalidOption)
        }
    }
}

/// Collects element names and attributes with Foundation's XML parser.
private final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private var elements: [Element] = []

    static func parse(_ svg: String) throws -> [Element] {
        let collector = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw QRReader.Failure(description: "not well-formed XML: \(String(describing: parser.parserError))")
        }
        return collector.elements
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributes))
    }
}
