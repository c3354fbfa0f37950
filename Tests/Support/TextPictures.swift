/// Turns text renderings back into pixels, the way a terminal would draw them.
public enum TextPictures {
    /// Output that does not parse as a picture.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses plain text drawn with two characters per module: `"##"` dark, two spaces light
    /// (the format of ASCIIRenderer and of `qrencode -t ASCII`). Anything else is an error.
    public static func parseASCII(_ text: String) throws -> Bitmap {
        guard text.hasSuffix("\n") else { throw Failure(description: "output does not end in a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        var rows: [[Bool]] = []
        for (number, line) in lines.enumerated() {
            let characters = Array(line)
            guard characters.count % 2 == 0 else {
                throw Failure(description: "line \(number + 1) has an odd width \(characters.count)")
            }
            var row: [Bool] = []
            for index in stride(from: 0, to: characters.count, by: 2) {
                switch String(characters[index...(index + 1)]) {
                case "##": row.append(true)
                case "  ": row.append(false)
                case let other: throw Failure(description: "line \(number + 1): unexpected \(other.debugDescription)")
                }
            }
            if let first = rows.first, first.count != row.count {
                throw Failure(description: "line \(number + 1) is \(row.count) modules wide, line 1 is \(first.count)")
            }
            rows.append(row)
        }
        return Bitmap(rows: rows)
    }

    /// One terminal cell's colours, as a terminal would hold them while reading SGR sequences.
    private struct Pen {
        var foreground: Double?
        var background: Double?
    }

    /// Parses half-block terminal output like a small terminal emulator.
    ///
    /// Each cell's upper and lower halves take the foreground or background colour depending
    /// on the glyph (`▀`, `▄`, `█`, space). A cell drawn while either colour is unset (the
    /// theme's default) is an error, as is a line that does not end with a reset, so the
    /// result proves every cell is fully specified. Colours are judged by luminance.
    public static func parseTerminal(_ text: String) throws -> Bitmap {
        guard text.hasSuffix("\n") else { throw Failure(description: "output does not end in a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        var rows: [[Bool]] = []
        for (number, line) in lines.enumerated() {
            var pen = Pen()
            var top: [Bool] = []
            var bottom: [Bool] = []
            var scalars = Array(line.unicodeScalars)[...]
            while let scalar = scalars.first {
                scalars = scalars.dropFirst()
                if scalar == "\u{1B}" {
                    guard scalars.first == "[" else { throw Failure(description: "line \(number + 1): ESC not followed by [") }
                    guard let end = scalars.firstIndex(where: { $0.properties.generalCategory == .lowercaseLetter || $0.properties.generalCategory == .uppercaseLetter }) else {
                        throw Failure(description: "line \(number + 1): unterminated escape sequence")
                    }
                    guard scalars[end] == "m" else {
                        throw Failure(description: "line \(number + 1): unexpected escape sequence ending in \(scalars[end])")
                    }
                    let parameters = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<end]))
                    try apply(parameters, to: &pen, line: number + 1)
                    scalars = scalars[scalars.index(after: end)...]
                    continue
                }
                guard let foreground = pen.foreground, let background = pen.background else {
                    throw Failure(description: "line \(number + 1): cell \(top.count + 1) drawn with an unspecified colour")
                }
                let (upper, lower): (Double, Double)
                switch scalar {
                case "▀": (upper, lower) = (foreground, background)
                case "▄": (upper, lower) = (background, foreground)
                case "█": (upper, lower) = (foreground, foreground)
                case " ": (upper, lower) = (background, background)
                default: throw Failure(description: "line \(number + 1): unexpected character \(scalar.escaped(asASCII: true))")
                }
                top.append(upper < 0.5)
                bottom.append(lower < 0.5)
            }
            guard pen.foreground == nil, pen.background == nil else {
                throw Failure(description: "line \(number + 1) does not end with a reset")
            }
            if let first = rows.first, first.count != top.count {
                throw Failure(description: "line \(number + 1) is \(top.count) cells wide, line 1 is \(first.count)")
            }
            rows.append(top)
            rows.append(bottom)
        }
        return Bitmap(rows: rows)
    }

    /// Applies one SGR sequence's parameters.
    private static func apply(_ parameters: String, to pen: inout Pen, line: Int) throws {
        var codes = parameters.isEmpty ? [0] : try parameters.split(separator: ";", omittingEmptySubsequences: false).map { part in
            guard let code = Int(part) else { throw Failure(description: "line \(line): bad SGR parameter \(part)") }
            return code
        }[...]
        while let code = codes.popFirst() {
            switch code {
            case 0:
                pen = Pen()
            case 30...37: pen.foreground = paletteLuminance(code - 30)
            case 40...47: pen.background = paletteLuminance(code - 40)
            case 90...97: pen.foreground = paletteLuminance(code - 90 + 8)
            case 100...107: pen.background = paletteLuminance(code - 100 + 8)
            case 39: pen.foreground = nil
            case 49: pen.background = nil
            case 38, 48:
                let value: Double
                switch codes.popFirst() {
                case 5:
                    guard let index = codes.popFirst(), (0...255).contains(index) else {
                        throw Failure(description: "line \(line): bad 256-colour index")
                    }
                    value = paletteLuminance(index)
                case 2:
                    guard let red = codes.popFirst(), let green = codes.popFirst(), let blue = codes.popFirst() else {
                        throw Failure(description: "line \(line): bad true-colour value")
                    }
                    value = luminance(red, green, blue)
                default:
                    throw Failure(description: "line \(line): bad extended colour")
                }
                if code == 38 { pen.foreground = value } else { pen.background = value }
            default:
                throw Failure(description: "line \(line): unexpected SGR code \(code)")
            }
        }
    }

    /// The xterm 256-colour palette's luminance (0 black ... 1 white).
    private static func paletteLuminance(_ index: Int) -> Double {
        switch index {
        case 0: return 0
        case 1...6: return 0.3
        case 7: return 0.75
        case 8: return 0.5
        case 9...15: return 0.8
        case 16...231:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return luminance(levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (index - 232)
            return luminance(grey, grey, grey)
        }
    }

    private static func luminance(_ red: Int, _ green: Int, _ blue: Int) -> Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }
}
