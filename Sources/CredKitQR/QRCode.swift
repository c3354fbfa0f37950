internal import CQREncode
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A QR code symbol: the square matrix of dark and light modules that encodes some text.
///
/// Encoding uses libqrencode, case sensitive, in 8-bit (byte) mode; in plain ASCII text, runs of
/// digits or upper-case letters may use the denser numeric and alphanumeric modes. Text that is
/// not plain ASCII is all byte mode, preceded by an ECI header declaring UTF-8 (ECI 000026), so an issuer named "Bücher & Söhne" or "東京" comes out
/// unchanged: without it readers guess the byte encoding, and zbar, for one, reads UTF-8
/// "ü" as two Shift-JIS katakana. The matrix is copied into this value and libqrencode's
/// buffer is wiped and freed before the initializer returns.
///
/// `description` and reflection show only the version, size and error-correction level:
/// the modules encode the input, which is usually a secret.
public struct QRCode: Hashable, Sendable {
    /// The largest QR code version.
    public static let maximumVersion = 40

    /// The symbol version, 1 through 40. The symbol is `17 + 4 * version` modules wide.
    public let version: Int
    /// The number of modules along each side, without a quiet zone.
    public let size: Int
    /// The error-correction level the symbol was encoded with.
    public let errorCorrection: QRErrorCorrection
    /// Row-major, `size * size` entries, `true` for dark.
    private let modules: [Bool]

    /// Encodes text as a QR code.
    ///
    /// - Parameters:
    ///   - text: The text to encode, usually an `otpauth://` URI. It is encoded as UTF-8.
    ///   - errorCorrection: The error-correction level; `.medium` by default.
    ///   - minimumVersion: The smallest version to use, 1 through 40, or 0 (the default) for
    ///     the smallest version the text fits in. A larger version is chosen if the text needs one.
    /// - Throws: `QRError` with code `.emptyInput` for empty text, `.inputTooLong` when the text
    ///   does not fit in version 40 at this level, `.invalidOption` for a version outside 0...40.
    public init(
        _ text: String,
        errorCorrection: QRErrorCorrection = .medium,
        minimumVersion: Int = 0
    ) throws(QRError) {
        let byteCount = text.utf8.count
        try Self.checkInput(byteCount: byteCount, minimumVersion: minimumVersion, level: errorCorrection)
        let level = errorCorrection.qrecLevel
        let result: (UnsafeMutablePointer<CQREncode.QRcode>?, Int32)
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            result = Self.encode(Array(text.utf8), version: minimumVersion, level: level, eci: Self.utf8ECI)
        } else if text.utf8.contains(0) {
            // QRcode_encodeString stops at the first NUL; encode every byte instead.
            result = Self.encode(Array(text.utf8), version: minimumVersion, level: level, eci: nil)
        } else {
            // ASCII: digit and upper-case runs may use the denser numeric and alphanumeric
            // modes, everything else is encoded byte for byte.
            result = text.withCString { string in
                (QRcode_encodeString(string, Int32(minimumVersion), level, QR_MODE_8, 1), errno)
            }
        }
        try self.init(symbol: result.0, errno: result.1, errorCorrection: errorCorrection, byteCount: byteCount)
    }

    /// Encodes arbitrary bytes as a QR code in 8-bit mode, with no ECI header.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode; they may contain NUL.
    ///   - errorCorrection: The error-correction level; `.medium` by default.
    ///   - minimumVersion: The smallest version to use, 1 through 40, or 0 (the default) for
    ///     the smallest version the bytes fit in.
    /// - Throws: `QRError` as for `init(_:errorCorrection:minimumVersion:)`.
    public init(
        bytes: some Collection<UInt8>,
        errorCorrection: QRErrorCorrection = .medium,
        minimumVersion: Int = 0
    ) throws(QRError) {
        let data = Array(bytes)
        try Self.checkInput(byteCount: data.count, minimumVersion: minimumVersion, level: errorCorrection)
        let result = Self.encode(data, version: minimumVersion, level: errorCorrection.qrecLevel, eci: nil)
        try self.init(symbol: result.0, errno: result.1, errorCorrection: errorCorrection, byteCount: data.count)
    }

    /// Whether the module at column `x`, row `y` is dark. (0, 0) is the top-left module.
    ///
    /// Coordinates outside the symbol are light, as the quiet zone around it is.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    // MARK: - Private

    /// The most bytes any QR code holds (version 40-L, numeric mode); longer input is
    /// rejected before libqrencode spends time on it.
    private static let maximumByteCount = 7089

    /// The ECI assignment number for UTF-8.
    private static let utf8ECI: UInt32 = 26

    /// Encodes all of `bytes` in one 8-bit segment, after an ECI header if `eci` is given.
    /// - Returns: libqrencode's symbol, or nil and the `errno` it set.
    private static func encode(
        _ bytes: [UInt8],
        version: Int,
        level: QRecLevel,
        eci: UInt32?
    ) -> (UnsafeMutablePointer<CQREncode.QRcode>?, Int32) {
        guard let input = QRinput_new2(Int32(version), level) else { return (nil, errno) }
        defer { QRinput_free(input) }
        if let eci, QRinput_appendECIheader(input, eci) != 0 { return (nil, errno) }
        let appended = bytes.withUnsafeBufferPointer { buffer in
            QRinput_append(input, QR_MODE_8, Int32(buffer.count), buffer.baseAddress)
        }
        guard appended == 0 else { return (nil, errno) }
        return (QRcode_encodeInput(input), errno)
    }

    private static func checkInput(byteCount: Int, minimumVersion: Int, level: QRErrorCorrection) throws(QRError) {
        guard (0...maximumVersion).contains(minimumVersion) else {
            throw QRError(.invalidOption, "QR code version must be between 0 (automatic) and 40, not \(minimumVersion)")
        }
        guard byteCount > 0 else {
            throw QRError(.emptyInput, "there is no text to encode in a QR code")
        }
        guard byteCount <= maximumByteCount else {
            throw tooLong(byteCount: byteCount, level: level)
        }
    }

    private static func tooLong(byteCount: Int, level: QRErrorCorrection) -> QRError {
        // Byte-mode capacities of version 40 (ISO/IEC 18004, table 7).
        let capacity = switch level {
        case .low: 2953
        case .medium: 2331
        case .quartile: 1663
        case .high: 1273
        }
        let hint = level == .low ? "" : "; a lower error-correction level holds more"
        return QRError(.inputTooLong, "the text (\(byteCount) bytes) is too long for a QR code: at error-correction level \(level.rawValue) the largest holds about \(capacity) bytes\(hint)")
    }

    /// Copies libqrencode's result, then wipes and frees it.
    private init(
        symbol: UnsafeMutablePointer<CQREncode.QRcode>?,
        errno code: Int32,
        errorCorrection: QRErrorCorrection,
        byteCount: Int
    ) throws(QRError) {
        guard let symbol else {
            switch code {
            case ERANGE: throw Self.tooLong(byteCount: byteCount, level: errorCorrection)
            case EINVAL: throw QRError(.qrencode, "libqrencode rejected the input as invalid")
            case ENOMEM: throw QRError(.qrencode, "libqrencode ran out of memory")
            default: throw QRError(.qrencode, "libqrencode failed (errno \(code))")
            }
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let count = width * width
        guard width > 0, let data = symbol.pointee.data else {
            throw QRError(.qrencode, "libqrencode returned an empty symbol")
        }
        // Bit 0 of each byte is the module colour; the other bits say what the module is for.
        modules = (0..<count).map { data[$0] & 1 == 1 }
        // The modules encode the input, usually a secret: don't leave them in freed memory.
        memset(data, 0, count)
        version = Int(symbol.pointee.version)
        size = width
        self.errorCorrection = errorCorrection
    }
}

extension QRCode: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without the modules, safe to log.
    public var description: String {
        "QRCode(version: \(version), size: \(size), errorCorrection: \(errorCorrection.rawValue))"
    }

    /// The same summary as `description`.
    public var debugDescription: String { description }

    /// Reflection shows the summary fields only, never the modules.
    public var customMirror: Mirror {
        Mirror(self, children: ["version": version, "size": size, "errorCorrection": errorCorrection])
    }
}
