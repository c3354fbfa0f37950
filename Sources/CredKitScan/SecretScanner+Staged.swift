import Foundation

extension SecretScanner {
    /// Scans what is about to be committed: the lines the index adds relative to `HEAD`
    /// (read from the index, not the work tree), with their line numbers in the staged file;
    /// files git calls binary (UTF-16 text, archives, a NUL byte near the start) are read from
    /// the index whole (`scanStagedBinaries`).
    /// - Parameter directory: a folder inside the work tree.
    /// - Throws: `ScanError(.git)` outside a work tree or when git fails.
    public func scanStaged(in directory: String = ".") throws -> ScanResult {
        guard GitProcess.isInsideWorkTree(directory) else {
            throw ScanError(.git, "--staged needs a git work tree, and '\(directory)' is not inside one")
        }
        let root = try GitProcess.topLevel(directory)
        let rootReal = Self.realPath(root) ?? root
        let arguments = [
            "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "-M",
            "--src-prefix=a/", "--dst-prefix=b/",
        ]
        let scanner = DocumentScanner(plan: plan)
        var parser = DiffParser()
        var splitter = LineSplitter()
        var result = ScanResult()
        let handle: (DiffParser.Document) -> Void = { document in
            result.filesScanned += 1
            result.bytesScanned += document.text.count
            let findings = document.text.withUnsafeBufferPointer {
                scanner.scan(bytes: $0, file: document.file, lineMap: document.lineMap)
            }
            if !findings.isEmpty { result.findings += self.allowedByPath(findings, absolute: rootReal + "/" + document.file) }
        }
        try GitProcess.stream(arguments, in: directory) { chunk in
            splitter.feed(chunk) { parser.feed($0, emit: handle) }
        }
        splitter.finish { parser.feed($0, emit: handle) }
        parser.finish(emit: handle)
        // UTF-16 text, archives and other files git calls binary: read from the index.
        if parser.sawBinary {
            let binaries = try scanStagedBinaries(in: directory, root: rootReal)
            result.filesScanned += binaries.filesScanned
            result.findings += binaries.findings
            result.warnings += binaries.warnings
        }
        result.findings.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        return result
    }

    /// Drops findings when a file, given by absolute path, is on the path allowlist.
    func allowedByPath(_ findings: [Finding], absolute: String) -> [Finding] {
        guard !configuration.allowedPaths.isEmpty, let relative = relativeToConfiguration(absolute: absolute) else { return findings }
        return configuration.allows(path: relative) ? [] : findings
    }
}
