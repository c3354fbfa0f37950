import CredKitTestSupport
import CredKitCrypto
import Foundation
import Testing

@Suite("SecretFile")
struct SecretFileTests {
    private func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test("a new file has mode 0600")
    func newFile() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("code.svg")
            try SecretFile.write(Array("hello".utf8), to: file.path, existing: .refuse)
            #expect(try Data(contentsOf: file) == Data("hello".utf8))
            #expect(try mode(file) == 0o600)
            // Nothing else is left behind in the directory.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["code.svg"])
        }
    }

    @Test("an existing readable file is replaced by a 0600 one")
    func replaces() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("code.png")
            try Data(repeating: 7, count: 1000).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            try SecretFile.write(Array("new".utf8), to: file.path, existing: .replace)
            #expect(try Data(contentsOf: file) == Data("new".utf8))
            #expect(try mode(file) == 0o600)
        }
    }

    @Test("a symbolic link's target is replaced, the link kept")
    func symlink() throws {
        try withTemporaryDirectory { directory in
            let target = directory.appendingPathComponent("target.txt")
            let link = directory.appendingPathComponent("link.txt")
            try Data("old".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            try SecretFile.write(Array("new".utf8), to: link.path, existing: .replace)
            #expect(try Data(contentsOf: target) == Data("new".utf8))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        }
    }

    @Test("a directory, a missing directory and an empty path are clear errors")
    func failures() throws {
        try withTemporaryDirectory { directory in
            for path in [directory.path, directory.appendingPathComponent("nope/x.png").path, ""] {
                let error = #expect(throws: CryptoError.self) { try SecretFile.write(Array("x".utf8), to: path, existing: .replace) }
                #expect(error?.code == .fileWrite)
                #expect(error.map { !$0.reason.isEmpty } == true)
            }
        }
    }

    @Test("refuse keeps an existing file and says so")
    func refusesExisting() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("seed.otpauth")
            try Data("keep".utf8).write(to: file)
            let error = #expect(throws: CryptoError.self) { try SecretFile.write(Array("new".utf8), to: file.path, existing: .refuse) }
            #expect(error?.code == .fileExists)
            #expect(try Data(contentsOf: file) == Data("keep".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["seed.otpauth"])
        }
    }

    @Test("a FIFO is written in place, not replaced")
    func fifo() throws {
        try withTemporaryDirectory { directory in
            let fifo = directory.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let reader = try InteractiveSession("/bin/cat", [fifo])
            try SecretFile.write(Array("through the pipe".utf8), to: fifo, existing: .replace)
            #expect(reader.finish() == 0)
            #expect(reader.stdout == "through the pipe")
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        }
    }
}
