import Foundation

extension ScanConfiguration {
    /// The largest configuration file credkit reads. Real ones are a few hundred bytes; the
    /// file may come from any contributor and is read by every teammate's hook.
    public static let maximumFileSize = 1 << 20

    /// Reads a configuration file.
    /// - Throws: `ScanError` naming the file, line and column of what is wrong, or the limit
    ///   the file is over.
    public static func load(file path: String) throws -> ScanConfiguration {
        var configuration = try parse(bytes: try contents(ofFile: path), file: path)
        let folder = (path as NSString).deletingLastPathComponent
        configuration.directory = folder.isEmpty ? "." : folder
        return configuration
    }

    /// The bytes of a regular file, reading no more than `maximumFileSize` and one byte.
    private static func contents(ofFile path: String) throws -> [UInt8] {
        func failure(_ reason: String) -> ScanError {
            ScanError(.invalidConfiguration, "cannot read configuration file '\(path)': \(reason)")
        }
        // Non-blocking, so a FIFO put in place of the file cannot stop the hook.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw failure("not a regular file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure(String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            guard bytes.count <= maximumFileSize else { throw tooLarge(path) }
        }
    }

    private static func tooLarge(_ file: String) -> ScanError {
        ScanError(.invalidConfiguration,
                  "\(file): larger than \(maximumFileSize) bytes, the most credkit reads of a configuration file (maximumFileSize)")
    }

    /// Parses configuration text.
    /// - Parameter file: the name used in error messages.
    /// - Throws: `ScanError` naming the line and column of what is wrong: bad TOML, an unknown
    ///   table or key, a value of the wrong type, an unknown rule or an invalid regular expression.
    public static func parse(_ text: String, file: String = fileName) throws -> ScanConfiguration {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses configuration bytes, which must be UTF-8.
    static func parse(bytes: [UInt8], file: String) throws -> ScanConfiguration {
        guard bytes.count <= maximumFileSize else { throw tooLarge(file) }
        let root = try TOMLParser.parse(bytes: bytes, file: file)
        var configuration = ScanConfiguration(source: file)
        let known = Set(Rule.builtIn.map(\.id))

        func failure(_ entry: TOMLTable.Entry, _ message: String) -> ScanError {
            ScanError(.invalidConfiguration, "\(file):\(entry.line):\(entry.column): \(message)")
        }
        func unknown(_ entry: TOMLTable.Entry, _ message: String) -> ScanError {
            let line = entry.keyLine > 0 ? entry.keyLine : entry.line
            let column = entry.keyLine > 0 ? entry.keyColumn : entry.column
            return ScanError(.invalidConfiguration, "\(file):\(line):\(column): \(message)")
        }
        func table(_ entry: TOMLTable.Entry, _ name: String) throws -> TOMLTable {
            guard case .table(let table) = entry.value else {
                throw failure(entry, "'\(name)' must be a table ([\(name)]), found \(entry.value.typeName)")
            }
            return table
        }
        func strings(_ entry: TOMLTable.Entry, _ name: String) throws -> [String] {
            guard case .array(let items) = entry.value else {
                throw failure(entry, "'\(name)' must be an array of strings, found \(entry.value.typeName)")
            }
            return try items.map { item in
                guard case .string(let text) = item else {
                    throw failure(entry, "'\(name)' must contain only strings, found \(item.typeName)")
                }
                return text
            }
        }
        func ruleIDs(_ entry: TOMLTable.Entry, _ name: String) throws -> Set<String> {
            let ids = try strings(entry, name)
            for id in ids where !known.contains(id) {
                throw failure(entry, "unknown rule '\(id)' in '\(name)' (rules: \(known.sorted().joined(separator: ", ")))")
            }
            return Set(ids)
        }

        for entry in root.entries {
            switch entry.key {
            case "allow":
                for item in try table(entry, "allow").entries {
                    switch item.key {
                    case "paths":
                        configuration.allowedPaths = try strings(item, "allow.paths").map { pattern in
                            do { return try PathGlob(pattern) } catch let error as ScanError {
                                throw failure(item, "in 'allow.paths': \(error.reason)")
                            }
                        }
                    case "values":
                        configuration.allowedValues = Set(try strings(item, "allow.values"))
                    case "patterns", "regexes":
                        let patterns = try strings(item, "allow.\(item.key)")
                        for pattern in patterns {
                            do {
                                _ = try NSRegularExpression(pattern: pattern)
                            } catch {
                                throw failure(item, "invalid regular expression '\(pattern)' in 'allow.\(item.key)'")
                            }
                        }
                        configuration.allowedPatterns += patterns
                    default:
                        throw unknown(item, "unknown key 'allow.\(item.key)' (expected paths, values or patterns)")
                    }
                }
            case "rules":
                for item in try table(entry, "rules").entries {
                    switch item.key {
                    case "enable": configuration.enabledRules = try ruleIDs(item, "rules.enable")
                    case "disable": configuration.disabledRules = try ruleIDs(item, "rules.disable")
                    default: throw unknown(item, "unknown key 'rules.\(item.key)' (expected enable or disable)")
                    }
                }
            case "scan":
                for item in try table(entry, "scan").entries {
                    switch item.key {
                    case "baseline":
                        guard case .string(let path) = item.value, !path.isEmpty else {
                            throw failure(item, "'scan.baseline' must be a file name in quotes, found \(item.value.typeName)")
                        }
                        configuration.baseline = path
                    default: throw unknown(item, "unknown key 'scan.\(item.key)' (expected baseline)")
                    }
                }
            default:
                throw unknown(entry, "unknown setting '\(entry.key)' (expected [allow], [rules] or [scan])")
            }
        }
        return configuration
    }
}

extension ScanConfiguration {
    /// Finds and reads `.credkit.toml` for a scan starting at `directory`: at the root of the
    /// git work tree containing it, or in `directory` itself outside git.
    /// - Parameter askGit: whether to ask git for the work tree's root; when false (a scan with
    ///   ignore rules off starts no git process), the nearest folder holding a `.git` is the root.
    /// - Returns: the configuration, or an empty one when there is no file.
    /// - Throws: `ScanError(.invalidConfiguration)` when the file exists but is wrong.
    public static func discover(from directory: String, askGit: Bool = true) throws -> ScanConfiguration {
        let top = askGit ? try? GitProcess.topLevel(directory) : GitProcess.topLevelByLooking(directory)
        let root = top.flatMap { $0.isEmpty ? nil : $0 } ?? directory
        let candidate = (root.hasSuffix("/") ? root : root + "/") + fileName
        guard FileManager.default.fileExists(atPath: candidate) else { return ScanConfiguration() }
        return try load(file: candidate)
    }
}
