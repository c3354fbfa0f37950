import CredKitTestSupport
import CPNG
import Foundation

/// Reads a PNG back with libpng's simplified read API, so tests can check the image's exact
/// size and every pixel, not only that zbarimg finds a code in it.
enum PNGPixels {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The fields of the IHDR chunk, read straight from the bytes.
    struct Header: Equatable {
        let width: Int
        let height: Int
        let bitDepth: Int
        let colourType: Int
    }

    /// Parses the signature and the IHDR chunk by hand.
    static func header(of data: Data) throws -> Header {
        let bytes = [UInt8](data.prefix(33))
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count == 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw Failure(description: "no PNG signature and IHDR chunk")
        }
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return Header(width: be32(16), height: be32(20), bitDepth: Int(bytes[24]), colourType: Int(bytes[25]))
    }

    /// Decodes `data` as 8-bit grey; a pixel is dark below 128.
    static func bitmap(from data: Data) throws -> Bitmap {
        let (width, height, grey) = try greyPixels(from: data)
        return Bitmap(width: width, height: height, pixels: grey.map { $0 < 128 })
    }

    /// The grey values that occur in the image.
    static func greyLevels(in data: Data) throws -> Set<UInt8> {
        Set(try greyPixels(from: data).2)
    }

    private static func greyPixels(from data: Data) throws -> (Int, Int, [UInt8]) {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let began = data.withUnsafeBytes { bytes in
            png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count)
        }
        guard began != 0 else { throw Failure(description: "not a PNG: \(message(image))") }
        image.format = png_uint_32(PNG_FORMAT_GRAY)
        let width = Int(image.width)
        let height = Int(image.height)
        var grey = [UInt8](repeating: 0, count: width * height)
        let finished = grey.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil)
        }
        guard finished != 0 else { throw Failure(description: "PNG read failed: \(message(image))") }
        return (width, height, grey)
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
