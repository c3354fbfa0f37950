import CredKitTestSupport
import CredKitQR

/// The picture a renderer should draw, one pixel per module: the code's modules from the
/// public `isDark(x:y:)` (checked against the qrencode tool in QRCodeTests) inside a light
/// quiet zone of `margin` modules, all flipped when `invert` is set.
func expectedModules(_ code: QRCode, margin: Int, invert: Bool = false) -> Bitmap {
    let side = code.size + 2 * margin
    let rows = (0..<side).map { y in
        (0..<side).map { x in
            let inside = (margin..<(margin + code.size)).contains(x) && (margin..<(margin + code.size)).contains(y)
            let dark = inside && code.isDark(x: x - margin, y: y - margin)
            return dark != invert
        }
    }
    return Bitmap(rows: rows)
}
