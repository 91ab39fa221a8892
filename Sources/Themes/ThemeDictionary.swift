import Foundation
import NorwegianText
import PipelineCore

/// One line of a theme file: what to look for.
public struct ThemePattern: Sendable, Hashable {
    /// One element of a pattern, matched against one lowercased token.
    public enum Element: Sendable, Hashable {
        case exact(String)
        /// `heltid*`: the token starts with the text (compounds, inflections).
        case prefix(String)
        /// `*normer`: the token ends with the text.
        case suffix(String)
        /// `*undervisning*`: the token contains the text.
        case infix(String)

        func matches(_ token: String) -> Bool {
            switch self {
            case let .exact(text): token == text
            case let .prefix(text): token.hasPrefix(text)
            case let .suffix(text): token.hasSuffix(text)
            case let .infix(text): token.contains(text)
            }
        }
    }

    /// The pattern as written in the file (`brukerstyrt personlig assistanse`).
    public var source: String
    /// One element per word; several for a phrase.
    public var elements: [Element]
    /// An exclusion (`!deltidsbrann*`): tokens matching it never count for the theme.
    public var isExclusion: Bool
    /// Line in the theme file.
    public var line: Int
}

/// A theme as defined by an analyst in a data file.
public struct ThemeDictionary: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var source: String
    public var patterns: [ThemePattern]
    /// The file the theme came from.
    public var path: String

    /// Patterns that find the theme (not exclusions).
    public var terms: [ThemePattern] { patterns.filter { !$0.isExclusion } }
}

/// A theme file that cannot be used; names the file and line.
public struct ThemeFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var reason: String

    public var description: String { "\(path):\(line): \(reason)" }
}

extension ThemeDictionary {
    static let headerKeys: Set<String> = ["id", "name", "description", "source"]

    /// Parses the theme file format (see `Sources/Themes/Resources/temaer/README.md`).
    public init(parsing text: String, path: String, tokenizer: NorwegianTokenizer) throws(ThemeFileError) {
        var header: [String: String] = [:]
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
                        guard header[key] == nil else {
                            throw ThemeFileError(path: path, line: lineNumber, reason: "«\(key)» står to ganger i hodet")
                        }
                        header[key] = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    }
                }
                continue
            }
            if let comment = line.range(of: " #") { line = line[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
            if line.isEmpty { continue }
            inHeader = false
            let pattern = try Self.pattern(line, lineNumber: lineNumber, path: path, tokenizer: tokenizer)
            if let earlier = seen[pattern.source] {
                throw ThemeFileError(path: path, line: lineNumber, reason: "mønsteret «\(pattern.source)» står også på linje \(earlier)")
            }
            seen[pattern.source] = lineNumber
            patterns.append(pattern)
        }
        for key in ["id", "name"] where (header[key] ?? "").isEmpty {
            throw ThemeFileError(path: path, line: 1, reason: "hodet mangler «# \(key): …»")
        }
        let id = header["id"]!
        guard id.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" || $0 == "_" }), id.first!.isLetter else {
            throw ThemeFileError(path: path, line: 1, reason: "id «\(id)» kan bare ha små bokstaver, sifre, - og _, og må begynne med en bokstav")
        }
        guard patterns.contains(where: { !$0.isExclusion }) else {
            throw ThemeFileError(path: path, line: 1, reason: "temaet har ingen mønstre")
        }
        self.init(id: id, name: header["name"]!, description: header["description"] ?? "",
                  source: header["source"] ?? "", patterns: patterns, path: path)
    }

    private static func pattern(_ line: String, lineNumber: Int, path: String,
                                tokenizer: NorwegianTokenizer) throws(ThemeFileError) -> ThemePattern {
        let isExclusion = line.hasPrefix("!")
        let body = NorwegianCase.lowercased(String(isExclusion ? line.dropFirst() : Substring(line))
            .trimmingCharacters(in: .whitespaces)).precomposedStringWithCanonicalMapping
        guard !body.isEmpty else { throw ThemeFileError(path: path, line: lineNumber, reason: "tomt mønster etter «!»") }
        var elements: [ThemePattern.Element] = []
        for word in body.split(separator: " ") {
            let leading = word.hasPrefix("*"), trailing = word.hasSuffix("*")
            let core = String(word.drop { $0 == "*" }.reversed().drop { $0 == "*" }.reversed())
            guard !core.isEmpty, !core.contains("*"), word.filter({ $0 == "*" }).count <= 2 else {
                throw ThemeFileError(path: path, line: lineNumber,
                                     reason: "«\(word)»: * kan bare stå først eller sist i et ord, og ordet må ha bokstaver")
            }
            // A pattern word must be one token, or the matcher could never see it.
            let tokens = tokenizer.tokenize(core)
            guard tokens.count == 1, tokens.kinds[0].isWordLike else {
                throw ThemeFileError(path: path, line: lineNumber,
                                     reason: "«\(core)» blir \(tokens.count) ord for ordsplitteren; skriv ordene med mellomrom")
            }
            switch (leading, trailing) {
            case (false, false): elements.append(.exact(core))
            case (false, true): elements.append(.prefix(core))
            case (true, false): elements.append(.suffix(core))
            case (true, true): elements.append(.infix(core))
            }
        }
        return ThemePattern(source: (isExclusion ? "!" : "") + body, elements: elements,
                            isExclusion: isExclusion, line: lineNumber)
    }

    /// Loads every `*.txt` theme file in `folder`, sorted by id; ids must be unique.
    public static func load(folder: URL, tokenizer: NorwegianTokenizer) throws(ThemeFileError) -> [ThemeDictionary] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "txt" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw ThemeFileError(path: folder.path, line: 0, reason: "kan ikke lese temamappen (\(error.localizedDescription))")
        }
        guard !files.isEmpty else { throw ThemeFileError(path: folder.path, line: 0, reason: "ingen temafiler (*.txt) i mappen") }
        var themes: [ThemeDictionary] = []
        var ids: [String: String] = [:]
        for file in files {
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                throw ThemeFileError(path: file.path, line: 0, reason: "kan ikke lese fila som UTF-8")
            }
            let theme = try ThemeDictionary(parsing: text, path: file.path, tokenizer: tokenizer)
            if let other = ids[theme.id] {
                throw ThemeFileError(path: file.path, line: 1, reason: "id «\(theme.id)» brukes også i \(other)")
            }
            ids[theme.id] = file.path
            themes.append(theme)
        }
        return themes.sorted { $0.id < $1.id }
    }

    /// The themes shipped with Debattsvar.
    public static func bundled(tokenizer: NorwegianTokenizer) throws -> [ThemeDictionary] {
        try load(folder: try ResourceLocator.url(target: "Themes", subpath: "temaer"), tokenizer: tokenizer)
    }
}
