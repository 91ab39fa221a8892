import Foundation
import NorwegianText
import PipelineCore

/// A theme as defined by an analyst in a data file.
public struct ThemeDictionary: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var source: String
    public var patterns: [ThemePattern]
    /// The file the theme came from.
    public var path: String
    /// Score at which the theme applies (`# threshold: 2`); nil means the classifier's default.
    public var threshold: Double?

    public init(id: String, name: String, description: String = "", source: String = "", patterns: [ThemePattern],
                path: String = "", threshold: Double? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.source = source
        self.patterns = patterns
        self.path = path
        self.threshold = threshold
    }

    /// Patterns that find the theme (not exclusions).
    public var terms: [ThemePattern] { patterns.filter { !$0.isExclusion } }
}

/// A theme file that cannot be used; names the file and line.
public struct ThemeFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var reason: String

    public var description: String { "\(path):\(line): \(reason)" }

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}

/// What `ThemeDictionary.check(folder:tokenizer:)` found.
public struct ThemeFolderCheck: Sendable {
    /// The themes that parsed, sorted by id.
    public var themes: [ThemeDictionary] = []
    /// Problems that make a file unusable.
    public var errors: [ThemeFileError] = []
    /// Problems worth fixing that do not stop loading.
    public var warnings: [ThemeFileError] = []
    /// Theme files read.
    public var files = 0

    public init() {}
}

extension ThemeDictionary {
    /// Header keys a theme file may use.
    public static let headerKeys: [String] = ["id", "name", "description", "source", "threshold"]

    /// Parses the theme file format (see `Sources/Themes/Resources/temaer/README.md`); throws the
    /// first error.
    public init(parsing text: String, path: String, tokenizer: NorwegianTokenizer) throws(ThemeFileError) {
        let parsed = Self.parse(text, path: path, tokenizer: tokenizer)
        if let error = parsed.errors.first { throw error }
        self = parsed.theme!
    }

    /// Parses a theme file and reports every error and warning with its line; `theme` is nil
    /// when there are errors.
    public static func parse(_ text: String, path: String,
                             tokenizer: NorwegianTokenizer) -> (theme: ThemeDictionary?, errors: [ThemeFileError], warnings: [ThemeFileError]) {
        var errors: [ThemeFileError] = [], warnings: [ThemeFileError] = []
        func error(_ line: Int, _ reason: String) { errors.append(ThemeFileError(path: path, line: line, reason: reason)) }
        func warning(_ line: Int, _ reason: String) { warnings.append(ThemeFileError(path: path, line: line, reason: reason)) }

        var header: [String: (value: String, line: Int)] = [:]
        var patterns: [ThemePattern] = []
        var seen: [String: Int] = [:]
        var inHeader = true
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var line = String(rawLine).trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"]))
            if line.hasPrefix("#") {
                let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if inHeader, let colon = body.firstIndex(of: ":") {
                    let key = body[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                    if Self.headerKeys.contains(key) {
                        if let earlier = header[key] {
                            error(lineNumber, "«\(key)» står to ganger i hodet (også på linje \(earlier.line))")
                        } else {
                            header[key] = (body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces), lineNumber)
                        }
                    } else if !key.isEmpty, key.allSatisfy({ $0.isASCII && $0.isLetter }) {
                        warning(lineNumber, "ukjent nøkkel «\(key)» i hodet leses som en kommentar; kjente nøkler: "
                            + Self.headerKeys.joined(separator: ", "))
                    }
                }
                continue
            }
            if let comment = line.range(of: " #") { line = line[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
            if line.isEmpty { continue }
            inHeader = false
            let pattern: ThemePattern
            do throws(ThemeFileError) {
                pattern = try Self.pattern(line, lineNumber: lineNumber, path: path, tokenizer: tokenizer)
            } catch let problem {
                errors.append(problem)
                continue
            }
            if let earlier = seen[pattern.source] {
                error(lineNumber, "mønsteret «\(pattern.source)» står også på linje \(earlier)")
                continue
            }
            seen[pattern.source] = lineNumber
            patterns.append(pattern)
        }

        for key in ["id", "name"] where (header[key]?.value ?? "").isEmpty {
            error(header[key]?.line ?? 1, "hodet mangler «# \(key): …»")
        }
        for key in ["description", "source"] where (header[key]?.value ?? "").isEmpty {
            warning(header[key]?.line ?? 1, "hodet mangler «# \(key): …»")
        }
        if let (id, line) = header["id"], !id.isEmpty,
           !(id.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" || $0 == "_" }) && id.first!.isLetter) {
            error(line, "id «\(id)» kan bare ha små bokstaver, sifre, - og _, og må begynne med en bokstav")
        }
        var threshold: Double?
        if let (text, line) = header["threshold"] {
            if let value = Double(text.replacingOccurrences(of: ",", with: ".")), value > 0, value.isFinite {
                threshold = value
            } else {
                error(line, "«threshold» må være et tall større enn 0, fikk «\(text)»")
            }
        }
        if !patterns.contains(where: { !$0.isExclusion }) && !errors.contains(where: { $0.line > 1 }) {
            error(1, "temaet har ingen mønstre")
        }
        // A term that an exclusion of the same theme always removes can never count.
        for term in patterns where !term.isExclusion {
            guard term.elements.count == 1, let literal = term.elements[0].literal else { continue }
            if let exclusion = patterns.first(where: { $0.isExclusion && $0.elements.count == 1 && $0.elements[0].matches(literal) }) {
                warning(term.line, "«\(term.source)» gir aldri treff: ekskluderingen «\(exclusion.source)» på linje \(exclusion.line) fjerner det")
            }
        }
        if let (id, line) = header["id"], !id.isEmpty {
            let fileName = (path as NSString).lastPathComponent
            if fileName.hasSuffix(".txt"), fileName != id + ".txt" {
                warning(line, "fila heter \(fileName), men id er «\(id)»; gi fila navnet \(id).txt")
            }
        }
        guard errors.isEmpty else { return (nil, errors, warnings) }
        let theme = ThemeDictionary(id: header["id"]!.value, name: header["name"]!.value,
                                    description: header["description"]?.value ?? "", source: header["source"]?.value ?? "",
                                    patterns: patterns, path: path, threshold: threshold)
        return (theme, errors, warnings)
    }

    private static func pattern(_ line: String, lineNumber: Int, path: String,
                                tokenizer: NorwegianTokenizer) throws(ThemeFileError) -> ThemePattern {
        func fail(_ reason: String) -> ThemeFileError { ThemeFileError(path: path, line: lineNumber, reason: reason) }
        let isExclusion = line.hasPrefix("!")
        var body = NorwegianCase.lowercased(String(isExclusion ? line.dropFirst() : Substring(line))
            .trimmingCharacters(in: .whitespaces)).precomposedStringWithCanonicalMapping
        var weight = 1.0
        if let caret = body.lastIndex(of: "^") {
            let text = String(body[body.index(after: caret)...])
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value > 0, value <= 100 else {
                throw fail("vekten «^\(text)» må være et tall større enn 0 (for eksempel ^2 eller ^0.5)")
            }
            guard !isExclusion else { throw fail("en ekskludering («!…») kan ikke ha vekt") }
            weight = value
            body = String(body[..<caret]).trimmingCharacters(in: .whitespaces)
        }
        guard !body.isEmpty else { throw fail(isExclusion ? "tomt mønster etter «!»" : "tomt mønster foran vekten") }
        var elements: [ThemePattern.Element] = []
        for word in body.split(separator: " ") {
            var rest = Substring(word)
            let exact = rest.hasPrefix("=")
            if exact { rest = rest.dropFirst() }
            let leading = rest.hasPrefix("*"), trailing = rest.hasSuffix("*") && rest.count > 1
            let core = String(rest.drop { $0 == "*" }.reversed().drop { $0 == "*" }.reversed())
            guard !core.isEmpty, !core.contains("*"), rest.filter({ $0 == "*" }).count <= 2 else {
                throw fail("«\(word)»: * kan bare stå først eller sist i et ord, og ordet må ha bokstaver")
            }
            guard !core.contains("=") else { throw fail("«\(word)»: = kan bare stå først i et ord") }
            if exact, leading || trailing { throw fail("«\(word)»: = (nøyaktig form) kan ikke kombineres med *") }
            let parts = core.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            guard !parts.contains(where: \.isEmpty) else {
                throw fail("«\(word)»: + skal stå mellom to ledd i en sammensetning (bemanning+norm)")
            }
            for part in parts {
                // Each part must be one token, or the matcher could never see it.
                let tokens = tokenizer.tokenize(part)
                guard tokens.count == 1, tokens.kinds[0].isWordLike else {
                    throw fail("«\(part)» blir \(tokens.count) ord for ordsplitteren; skriv ordene med mellomrom")
                }
            }
            let ending: ThemePattern.Element.Ending = exact ? .exact : trailing ? .any : .inflected
            elements.append(ThemePattern.Element(parts: parts, leadingWildcard: leading, ending: ending))
        }
        return ThemePattern(source: (isExclusion ? "!" : "") + body, elements: elements,
                            isExclusion: isExclusion, line: lineNumber, weight: weight)
    }

    /// Loads every `*.txt` theme file in `folder`, sorted by id; ids must be unique. Throws the
    /// first error; `check(folder:tokenizer:)` lists them all.
    public static func load(folder: URL, tokenizer: NorwegianTokenizer) throws(ThemeFileError) -> [ThemeDictionary] {
        let result = check(folder: folder, tokenizer: tokenizer)
        if let error = result.errors.first { throw error }
        return result.themes
    }

    /// Reads every `*.txt` theme file in `folder` and reports every error and warning, each with
    /// its file and line.
    public static func check(folder: URL, tokenizer: NorwegianTokenizer) -> ThemeFolderCheck {
        var result = ThemeFolderCheck()
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "txt" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            result.errors.append(ThemeFileError(path: folder.path, line: 0, reason: "kan ikke lese temamappen (\(error.localizedDescription))"))
            return result
        }
        guard !files.isEmpty else {
            result.errors.append(ThemeFileError(path: folder.path, line: 0, reason: "ingen temafiler (*.txt) i mappen"))
            return result
        }
        var ids: [String: String] = [:]
        for file in files {
            result.files += 1
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                result.errors.append(ThemeFileError(path: file.path, line: 0, reason: "kan ikke lese fila som UTF-8"))
                continue
            }
            let parsed = parse(text, path: file.path, tokenizer: tokenizer)
            result.errors += parsed.errors
            result.warnings += parsed.warnings
            // Ids must be unique, also among files with other errors.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("# id:") }) {
                let id = lines[index].split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
                if let other = ids[id] {
                    result.errors.append(ThemeFileError(path: file.path, line: index + 1, reason: "id «\(id)» brukes også i \(other)"))
                    continue
                }
                ids[id] = file.path
            }
            if let theme = parsed.theme { result.themes.append(theme) }
        }
        result.themes.sort { $0.id < $1.id }
        return result
    }

    /// The themes shipped with Debattsvar.
    public static func bundled(tokenizer: NorwegianTokenizer) throws -> [ThemeDictionary] {
        try load(folder: try ResourceLocator.url(target: "Themes", subpath: "temaer"), tokenizer: tokenizer)
    }
}
