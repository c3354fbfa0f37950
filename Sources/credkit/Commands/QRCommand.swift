import ArgumentParser

// Stub: replaced by the QR work (issue 3).
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qr", abstract: "Print text as a QR code.")
}
