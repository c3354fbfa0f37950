internal import CQREncode

extension QRErrorCorrection {
    /// The libqrencode constant for this level.
    var qrecLevel: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
