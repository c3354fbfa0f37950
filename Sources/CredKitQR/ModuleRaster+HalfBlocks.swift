extension ModuleRaster {
    /// The raster as Unicode half blocks, two module rows a text line (`▀`, `▄`, `█` or a space
    /// for dark-over-light, light-over-dark, both dark, both light), each line wrapped in
    /// `lineStart` and `lineEnd` and ended by a newline. Past the last row the raster answers
    /// with the quiet-zone colour, so the odd last row is padded as qrencode pads it.
    func halfBlockText(lineStart: String = "", lineEnd: String = "") -> String {
        var output = ""
        output.reserveCapacity((width + 1) / 2 * (width * 3 + lineStart.utf8.count + lineEnd.utf8.count + 1))
        for y in stride(from: 0, to: width, by: 2) {
            output += lineStart
            for x in 0..<width {
                switch (isDark(x: x, y: y), isDark(x: x, y: y + 1)) {
                case (true, true): output += "█"
                case (true, false): output += "▀"
                case (false, true): output += "▄"
                case (false, false): output += " "
                }
            }
            output += lineEnd
            output += "\n"
        }
        return output
    }
}
