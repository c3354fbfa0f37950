import Foundation

extension ScanConfiguration {
    /// Reads a configuration file.
    /// - Throws: `ScanError` naming the file, line and column of what is wrong.
    public static func load(file path: String) throws -> ScanConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScanError(.invalidConfiguration, "cannot read configuration file '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScanError(.invalidConfiguration, "\(path): not valid UTF-8")
        }
        var configuration = try parse(text, file: path)
        let folder = (path as NSString).deletingLastPathComponent
        configuration.directory = folder.isEmpty ? "." : folder
        return configuration
    }

    /// Parses configuration text.
    /// - Parameter file: the name used in error messages.
    /// - Throws: `ScanError` naming the line and column of what is wrong: bad TOML, an unknown
    ///   table or key, a value of the wrong type, an unknown rule or an invalid regular expression.
    public static func parse(_ text: String, file: String = fileName) throws -> ScanConfiguration {
        let root = try TOMLParser.parse(text, file: file)
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
                        configuration.allowedPaths = try strings(item, "allow.paths").map(PathGlob.init)
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
    /// - Returns: the configuration, or an empty one when there is no file.
    /// - Throws: `ScanError(.invalidConfiguration)` when the file exists but is wrong.
    public static func discover(from directory: String) throws -> ScanConfiguration {
        let root = (try? GitProcess.topLevel(directory)).flatMap { $0.isEmpty ? nil : $0 } ?? directory
        let candidate = (root.hasSuffix("/") ? root : root + "/") + fileName
        guard FileManager.default.fileExists(atPath: candidate) else { return ScanConfiguration() }
        return try load(file: candidate)
    }
}
