import Foundation

/// Runs the real command-line tools the tests check against: zbarimg, rsvg-convert, qrencode.
enum ExternalTool {
    struct Result {
        let status: Int32
        let output: Data
        let errorOutput: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `name` (found on PATH) with `arguments` and collects its output.
    static func run(_ name: String, _ arguments: [String], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try locate(name)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        // Read both pipes before waiting, so a chatty tool cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorBytes = Data()
        group.enter()
        DispatchQueue.global().async {
            errorBytes = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: outputBytes, errorOutput: String(decoding: errorBytes, as: UTF8.self))
    }

    /// Decodes the QR code in an image file with zbarimg and returns the raw bytes of the one
    /// symbol it finds, without zbar's trailing newline.
    ///
    /// zbar skips light-on-dark codes unless asked: `inverted` passes `-Stest-inverted`, with
    /// which it also tries the inverted image.
    static func zbarDecode(_ path: URL, inverted: Bool = false) throws -> Data {
        var arguments = ["--nodbus", "--raw", "-q"]
        if inverted { arguments.append("-Stest-inverted") }
        arguments.append(path.path)
        let result = try run("zbarimg", arguments)
        guard result.status == 0 else {
            throw Failure(description: "zbarimg found no code in \(path.lastPathComponent) (exit \(result.status)): \(result.errorOutput)")
        }
        guard result.output.last == 0x0A else {
            throw Failure(description: "zbarimg output does not end in a newline")
        }
        return result.output.dropLast()
    }

    /// Writes `bitmap` as a PGM file (each pixel blown up to `scale` pixels) and decodes it.
    static func zbarDecode(_ bitmap: Bitmap, scale: Int = 4, inverted: Bool = false, in directory: URL) throws -> Data {
        let file = directory.appendingPathComponent("\(UUID().uuidString).pgm")
        try bitmap.scaled(by: scale).pgm().write(to: file)
        return try zbarDecode(file, inverted: inverted)
    }

    /// Rasterises an SVG file to PNG with rsvg-convert.
    static func rasterise(svg: URL, to png: URL) throws {
        let result = try run("rsvg-convert", ["--format", "png", "--output", png.path, svg.path])
        guard result.status == 0 else {
            throw Failure(description: "rsvg-convert failed (exit \(result.status)): \(result.errorOutput)")
        }
    }

    private static func locate(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "\(name) is not on PATH: the QR tests need zbar-tools, librsvg2-bin and qrencode (apt-get install)")
    }
}
