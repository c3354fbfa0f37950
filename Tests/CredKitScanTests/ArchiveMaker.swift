import CredKitTestSupport
import Foundation

/// Builds real zip, tar and gzip files with Python's standard library (zipfile, tarfile, gzip),
/// an implementation independent of the scanner's readers.
enum ArchiveMaker {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Writes `archive` (kind: zip, zip-stored, tar, tar.gz, gz) holding each (name, file on disk).
    static func make(_ archive: String, kind: String, members: [(name: String, file: String)]) throws {
        let script = """
        import os, sys, zipfile, tarfile, gzip, shutil
        out, kind, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
        os.makedirs(os.path.dirname(out), exist_ok=True)
        pairs = list(zip(rest[0::2], rest[1::2]))
        if kind in ('zip', 'zip-stored'):
            method = zipfile.ZIP_STORED if kind == 'zip-stored' else zipfile.ZIP_DEFLATED
            with zipfile.ZipFile(out, 'w', method) as z:
                for name, path in pairs: z.write(path, arcname=name)
        elif kind in ('tar', 'tar.gz'):
            with tarfile.open(out, 'w:gz' if kind == 'tar.gz' else 'w', format=tarfile.PAX_FORMAT) as t:
                for name, path in pairs: t.add(path, arcname=name)
        elif kind == 'gz':
            with open(pairs[0][1], 'rb') as src, gzip.open(out, 'wb') as dst: shutil.copyfileobj(src, dst)
        """
        let result = try ProcessRunner.run("python3", ["-c", script, archive, kind] + members.flatMap { [$0.name, $0.file] })
        guard result.status == 0 else { throw Failure(description: "python3 could not make \(archive): \(result.stderr)") }
    }

    /// A zip of many small members written by zipfile in one go: (name, text) pairs from a template.
    static func manyMembers(_ archive: String, count: Int, lastText: String) throws {
        let script = """
        import os, sys, zipfile
        out, count, last = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            for i in range(count): z.writestr('dir/f%05d.txt' % i, last if i == count - 1 else 'nothing here %d\\n' % i)
        """
        let result = try ProcessRunner.run("python3", ["-c", script, archive, String(count), lastText])
        guard result.status == 0 else { throw Failure(description: "python3 could not make \(archive): \(result.stderr)") }
    }

    /// A zip with one deflated member of `size` zero bytes followed by `text`: a high-ratio entry.
    static func bomb(_ archive: String, zeros size: Int, then text: String) throws {
        let script = """
        import os, sys, zipfile
        out, size, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            with z.open('zeros.bin', 'w', force_zip64=False) as f:
                chunk = bytes(1 << 20)
                left = size
                while left > 0:
                    f.write(chunk[:min(left, len(chunk))]); left -= min(left, len(chunk))
                f.write(text.encode())
        """
        let result = try ProcessRunner.run("python3", ["-c", script, archive, String(size), text])
        guard result.status == 0 else { throw Failure(description: "python3 could not make \(archive): \(result.stderr)") }
    }
}
