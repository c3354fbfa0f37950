import ArgumentParser
import CredKitQR

/// `--ec L|M|Q|H`; the long names (`low`, `medium`, `quartile`, `high`) and lower case work too.
extension QRErrorCorrection: ExpressibleByArgument {
    public init?(argument: String) {
        let names: [String: QRErrorCorrection] = ["low": .low, "medium": .medium, "quartile": .quartile, "high": .high]
        if let level = QRErrorCorrection(rawValue: argument.uppercased()) ?? names[argument.lowercased()] {
            self = level
        } else {
            return nil
        }
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
