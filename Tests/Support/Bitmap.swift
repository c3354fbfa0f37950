import Foundation

/// A black-and-white picture recovered from rendered output, `true` for dark.
public struct Bitmap: Equatable, Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int
    public private(set) var pixels: [Bool]

    public init(width: Int, height: Int, pixels: [Bool]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(rows: [[Bool]]) {
        self.init(width: rows.first?.count ?? 0, height: rows.count, pixels: rows.flatMap { $0 })
    }

    /// The pixels row by row.
    public var rows: [[Bool]] {
        (0..<height).map { y in Array(pixels[(y * width)..<((y + 1) * width)]) }
    }

    public subscript(x: Int, y: Int) -> Bool {
        pixels[y * width + x]
    }

    public var description: String {
        "Bitmap(\(width)x\(height))\n" + (0..<height).map { y in
            String((0..<width).map { self[$0, y] ? "#" : "." })
        }.joined(separator: "\n")
    }

    /// Rows `0..<rows` only.
    public func cropped(toHeight rows: Int) -> Bitmap {
        Bitmap(width: width, height: rows, pixels: Array(pixels[0..<(rows * width)]))
    }

    /// Every pixel flipped.
    public func inverted() -> Bitmap {
        Bitmap(width: width, height: height, pixels: pixels.map { !$0 })
    }

    /// A light border of `border` pixels added on every side.
    public func padded(by border: Int, dark: Bool = false) -> Bitmap {
        var rows: [[Bool]] = []
        let newWidth = width + 2 * border
        for _ in 0..<border { rows.append(Array(repeating: dark, count: newWidth)) }
        for y in 0..<height {
            let edge = Array(repeating: dark, count: border)
            rows.append(edge + (0..<width).map { self[$0, y] } + edge)
        }
        for _ in 0..<border { rows.append(Array(repeating: dark, count: newWidth)) }
        return Bitmap(rows: rows)
    }

    /// Each pixel blown up to `factor` x `factor` pixels.
    public func scaled(by factor: Int) -> Bitmap {
        let rows = (0..<(height * factor)).map { y in
            (0..<(width * factor)).map { x in self[x / factor, y / factor] }
        }
        return Bitmap(rows: rows)
    }

    /// Samples the centre of each `moduleSize` x `moduleSize` cell, turning an image back into modules.
    public func sampled(moduleSize: Int) -> Bitmap {
        let rows = (0..<(height / moduleSize)).map { y in
            (0..<(width / moduleSize)).map { x in self[x * moduleSize + moduleSize / 2, y * moduleSize + moduleSize / 2] }
        }
        return Bitmap(rows: rows)
    }

    /// Whether every `moduleSize` x `moduleSize` cell is one colour throughout.
    public func isUniform(moduleSize: Int) -> Bool {
        (0..<height).allSatisfy { y in
            (0..<width).allSatisfy { x in
                self[x, y] == self[x - x % moduleSize, y - y % moduleSize]
            }
        }
    }

    /// A binary greyscale PGM (P5) image: dark 0, light 255.
    public func pgm() -> Data {
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels.map { $0 ? 0 : 255 })
        return data
    }
}
