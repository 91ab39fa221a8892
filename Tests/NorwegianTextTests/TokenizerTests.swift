import Foundation
import NorwegianText
import PipelineCore
import Testing

/// One line of `Fixtures/tokenizer.tsv`.
struct TokenizerCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let input: String
    let tokens: [String]
    let kinds: [TokenKind]?

    var testDescription: String { "tokenizer.tsv:\(line) \(visible(input))" }
}

/// Reads `Fixtures/tokenizer.tsv` (format described in its header).
enum TokenizerFixture {
    static let separator: Character = "\u{241F}"

    struct FormatError: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "tokenizer.tsv:\(line): \(message)" }
    }

    static func load() throws -> [TokenizerCase] {
        let text = try String(contentsOf: Paths.fixture("tokenizer.tsv"), encoding: .utf8)
        var cases: [TokenizerCase] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let columns = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2 || columns.count == 3 else {
                throw FormatError(line: number, message: "expected 2 or 3 tab-separated columns, found \(columns.count)")
            }
            let input = try unescape(columns[0], line: number)
            let tokens = try columns[1].split(separator: separator).map { try unescape($0, line: number) }
            var kinds: [TokenKind]?
            if columns.count == 3 {
                kinds = try columns[2].split(separator: separator).map { name in
                    guard let kind = TokenKind.allCases.first(where: { "\($0)" == name }) else {
                        throw FormatError(line: number, message: "unknown token kind \(name)")
                    }
                    return kind
                }
                guard kinds?.count == tokens.count else {
                    throw FormatError(line: number, message: "\(tokens.count) tokens but \(kinds?.count ?? 0) kinds")
                }
            }
            cases.append(TokenizerCase(line: number, input: input, tokens: tokens, kinds: kinds))
        }
        return cases
    }

    /// Resolves `\t`, `\\` and `\u{HEX}`.
    static func unescape(_ field: Substring, line: Int) throws -> String {
        var out = ""
        var rest = field[...]
        while let slash = rest.firstIndex(of: "\\") {
            out += rest[..<slash]
            rest = rest[rest.index(after: slash)...]
            if rest.hasPrefix("t") {
                out += "\t"
                rest = rest.dropFirst()
            } else if rest.hasPrefix("\\") {
                out += "\\"
                rest = rest.dropFirst()
            } else if rest.hasPrefix("u{"), let close = rest.firstIndex(of: "}"),
                      let value = UInt32(rest[rest.index(rest.startIndex, offsetBy: 2) ..< close], radix: 16),
                      let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: close)...]
            } else {
                throw FormatError(line: line, message: "bad escape in \(field)")
            }
        }
        return out + rest
    }
}

/// Checks every invariant of a token list against its text: ranges in bounds, increasing and
/// non-overlapping; `text(at:in:)` equals the bytes cut by the range; tokens are never empty;
/// only space-like characters fall between tokens.
func checkOffsets(_ tokens: TokenList, in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = utf8(text)
    var previousEnd = 0
    for index in 0 ..< tokens.count {
        let range = tokens.range(at: index)
        #expect(!range.isEmpty, "empty token \(index) in \(visible(text))", sourceLocation: sourceLocation)
        #expect(range.lowerBound >= previousEnd && range.upperBound <= bytes.count,
                "token \(index) \(range) out of order or bounds in \(visible(text))", sourceLocation: sourceLocation)
        guard range.lowerBound >= previousEnd, range.upperBound <= bytes.count else { return }
        #expect(utf8(tokens.text(at: index, in: text)) == Array(bytes[range]), sourceLocation: sourceLocation)
        checkGap(bytes[previousEnd ..< range.lowerBound], in: text, sourceLocation: sourceLocation)
        previousEnd = range.upperBound
    }
    checkGap(bytes[previousEnd...], in: text, sourceLocation: sourceLocation)
}

/// Bytes skipped between tokens must be whole characters that are spaces, controls or a BOM.
private func checkGap(_ gap: ArraySlice<UInt8>, in text: String, sourceLocation: SourceLocation) {
    guard !gap.isEmpty else { return }
    let decoded = String(validating: gap, as: UTF8.self)
    #expect(decoded != nil, "gap splits a character in \(visible(text))", sourceLocation: sourceLocation)
    for scalar in decoded?.unicodeScalars ?? "".unicodeScalars {
        let skippable = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.value == 0xFEFF
        #expect(skippable, "skipped \(visible(String(scalar))) in \(visible(text))", sourceLocation: sourceLocation)
    }
}

@Suite("Tokeniser")
struct TokenizerTests {
    @Test("Fixture cases", arguments: try TokenizerFixture.load())
    func fixture(_ example: TokenizerCase) throws {
        let tokens = try Shared.chain().tokenizer.tokenize(example.input)
        let texts = tokenTexts(tokens, in: example.input)
        #expect(texts.map(utf8) == example.tokens.map(utf8), "got \(texts.map(visible).joined(separator: " ␟ "))")
        if let kinds = example.kinds {
            #expect(tokens.kinds == kinds)
        }
        checkOffsets(tokens, in: example.input)
    }

    @Test("The fixture has every section and enough cases")
    func fixtureCoverage() throws {
        let cases = try TokenizerFixture.load()
        #expect(cases.count >= 100)
        let kinds = Set(cases.flatMap { $0.kinds ?? [] })
        #expect(kinds == Set(TokenKind.allCases))
        let text = try String(contentsOf: Paths.fixture("tokenizer.tsv"), encoding: .utf8)
        for section in ["# abbreviations", "# numbers", "# hyphenated words", "# apostrophes", "# punctuation and quotes",
                        "# slashes", "# URLs and e-mail", "# sentences from the seed texts", "# nynorsk", "# Sámi names",
                        "# emoji and combining marks"] {
            #expect(text.contains(section), "missing section \(section)")
        }
    }

    @Test("Sentences in the fixture are real lines of the seed texts")
    func seedSentencesAreReal() throws {
        let seeds = try ["2021/hefte.txt", "2022/hefte.txt", "2025/hefte.txt", "2025/svar/drammen.md"]
            .map { try Paths.readCorpus($0) }
            .joined(separator: "\n")
        let text = try String(contentsOf: Paths.fixture("tokenizer.tsv"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "# sentences from the seed texts").last?
            .components(separatedBy: "\n# ").first)
        // The first line is the rest of the section heading.
        let inputs = try section.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("#") }
            .map { try TokenizerFixture.unescape($0.split(separator: "\t")[0], line: 0) }
        #expect(inputs.count >= 15)
        for input in inputs where !input.contains("omsorgsyrker frem mot 2060") {
            let trimmed = input.trimmingCharacters(in: .whitespaces)
            #expect(seeds.contains(trimmed), "not in the seed texts: \(visible(input))")
        }
    }

    @Test("Kinds of single tokens", arguments: [
        ("180.000", TokenKind.number), ("2024–2027", .number), ("f.eks.", .abbreviation), ("T.D.", .abbreviation),
        ("https://www.ks.no", .url), ("www.ks.no/x", .url), ("post@drammen.kommune.no", .email), ("«", .punctuation),
        ("–", .punctuation), ("§", .punctuation), ("🙂", .symbol), ("%", .symbol), ("Evenášši", .word), ("1-årig", .word),
    ])
    func kind(_ input: String, _ kind: TokenKind) throws {
        let tokens = try Shared.chain().tokenizer.tokenize(input)
        #expect(tokens.count == 1)
        #expect(tokens.kinds == [kind])
        #expect(tokens.range(at: 0) == 0 ..< input.utf8.count)
    }

    @Test("Empty and space-only text gives no tokens", arguments: ["", " ", "\t\n", "\u{00A0}\u{2009}\u{202F}\u{3000}", "\u{FEFF}"])
    func noTokens(_ input: String) throws {
        #expect(try Shared.chain().tokenizer.tokenize(input).count == 0)
    }

    @Test("Emoji, even with variation selectors and modifiers, never make word-like tokens")
    func emojiAreNotWords() throws {
        let tokenizer = try Shared.chain().tokenizer
        var random = RandomText(seed: 0xE0_0001)
        for _ in 0 ..< 1000 {
            let text = random.make(from: Alphabet.emoji + [" ", "\u{00A0}", "!", "«", "»", "–"], maxPieces: 12)
            let tokens = tokenizer.tokenize(text)
            let wordLike = tokens.kinds.filter { $0.isWordLike }
            #expect(wordLike.isEmpty, "\(visible(text))")
        }
    }

    @Test("A custom abbreviation list is honoured, case-insensitively")
    func customAbbreviations() {
        let tokenizer = NorwegianTokenizer(abbreviations: AbbreviationList(contentsOf: "# test\n  Ø.a. \nbl.a.\n"))
        let text = "ø.a. og Ø.A. men ikke f.eks."
        let tokens = tokenizer.tokenize(text)
        #expect(tokenTexts(tokens, in: text) == ["ø.a.", "og", "Ø.A.", "men", "ikke", "f", ".", "eks", "."])
        #expect(tokens.kinds.prefix(3) == [.abbreviation, .word, .abbreviation])
    }

    @Test("Abbreviations with letters beyond Latin-1 are lowercased the general way; closing ones end sentences")
    func abbreviationsBeyondLatin1() {
        let tokenizer = NorwegianTokenizer(abbreviations: AbbreviationList(contentsOf: "Č.p.\nosv.\n"))
        let text = "Se č.p. og Č.P. nå, osv. Neste setning."
        let tokens = tokenizer.tokenize(text)
        #expect(tokenTexts(tokens, in: text).prefix(4) == ["Se", "č.p.", "og", "Č.P."])
        #expect(tokens.kinds[1] == .abbreviation && tokens.kinds[3] == .abbreviation)
        let neste = tokenTexts(tokens, in: text).firstIndex(of: "Neste")!
        #expect(tokens.isSentenceStart(neste))
    }
}

@Suite("Token offsets")
struct TokenOffsetTests {
    static let prefix = "æøå 🙂 "

    /// Pieces for random token soup: words, separators, joiners, spaces, multi-byte characters.
    static let pieces = Alphabet.ascii + Alphabet.norwegian + Alphabet.combining + Alphabet.emoji + Alphabet.words
        + [" ", " ", " ", "\t", "\u{00A0}", "\u{202F}", "\n", "–", "’", "‑", "«", "»", "@", "www.", "https://", "§", "×"]

    static func randomInputs() -> [String] {
        var random = RandomText(seed: 0x5EED_0001)
        return (0 ..< 2000).map { _ in random.make(from: pieces, maxPieces: 24) }
    }

    @Test("Offsets of fixture inputs are consistent and shift with a multi-byte prefix")
    func fixtureOffsets() throws {
        let tokenizer = try Shared.chain().tokenizer
        for example in try TokenizerFixture.load() {
            checkOffsets(tokenizer.tokenize(example.input), in: example.input)
            checkShift(example.input, tokenizer)
        }
    }

    @Test("Offsets of random inputs are consistent and shift with a multi-byte prefix")
    func randomOffsets() throws {
        let tokenizer = try Shared.chain().tokenizer
        for input in Self.randomInputs() {
            checkOffsets(tokenizer.tokenize(input), in: input)
            checkShift(input, tokenizer)
        }
    }

    @Test("Offsets of the seed texts are consistent", arguments: ["2021/hefte.txt", "2022/hefte.txt", "2025/hefte.txt", "2025/svar/drammen.md"])
    func seedOffsets(_ path: String) throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus(path)
        checkOffsets(chain.tokenizer.tokenize(text), in: text)
        let analysed = chain.analyse(text)
        checkOffsets(analysed.tokens, in: analysed.text)
    }

    @Test("Tokenising bytes directly gives the same tokens as tokenising the string")
    func bytesAndString() throws {
        let tokenizer = try Shared.chain().tokenizer
        for input in Self.randomInputs().prefix(300) {
            let bytes = utf8(input)
            let direct = bytes.withUnsafeBufferPointer { tokenizer.tokenize(bytes: $0) }
            #expect(direct == tokenizer.tokenize(input))
        }
    }

    /// Tokens of `prefix + input` are the prefix's two tokens, then `input`'s tokens moved by the
    /// prefix's UTF-8 length.
    private func checkShift(_ input: String, _ tokenizer: NorwegianTokenizer, sourceLocation: SourceLocation = #_sourceLocation) {
        let shift = Self.prefix.utf8.count
        #expect(shift == 12, sourceLocation: sourceLocation)
        let plain = tokenizer.tokenize(input)
        let prefixed = tokenizer.tokenize(Self.prefix + input)
        checkOffsets(prefixed, in: Self.prefix + input, sourceLocation: sourceLocation)
        guard prefixed.count == plain.count + 2 else {
            Issue.record("\(prefixed.count) tokens with the prefix, \(plain.count) without: \(visible(input))",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(Array(prefixed.kinds.prefix(2)) == [.word, .symbol], sourceLocation: sourceLocation)
        for index in 0 ..< plain.count {
            let moved = prefixed.range(at: index + 2)
            let original = plain.range(at: index)
            #expect(moved == original.lowerBound + shift ..< original.upperBound + shift, sourceLocation: sourceLocation)
            #expect(prefixed.kinds[index + 2] == plain.kinds[index], sourceLocation: sourceLocation)
        }
    }
}

@Suite("Sentence boundaries")
struct SentenceTests {
    /// The sentences of `text`, each as its tokens joined by spaces.
    static func sentences(_ text: String) throws -> [String] {
        let chain = try Shared.chain()
        let tokens = chain.tokenizer.tokenize(text)
        let texts = tokenTexts(tokens, in: text)
        return tokens.sentences.map { texts[$0].joined(separator: " ") }
    }

    @Test("Sentences end at . ! ? before a capital, a digit or a quote, and at blank lines and bullets", arguments: [
        ("Vi må gjøre mer. Det haster!", ["Vi må gjøre mer .", "Det haster !"]),
        ("Hva gjør vi? «Vi venter,» sa hun.", ["Hva gjør vi ?", "« Vi venter , » sa hun ."]),
        ("Se f.eks. Oslo og jf. kap. 4 i loven.", ["Se f.eks. Oslo og jf. kap. 4 i loven ."]),
        ("Det gjelder ca. 180.000 ansatte, nr. 3,9 i rekken.", ["Det gjelder ca. 180.000 ansatte , nr. 3,9 i rekken ."]),
        ("Lønn, pensjon m.m. Neste punkt er arbeidstid.", ["Lønn , pensjon m.m.", "Neste punkt er arbeidstid ."]),
        ("Fra 1.5.2024 gjelder nye regler. 3 kommuner svarte.", ["Fra 1.5.2024 gjelder nye regler .", "3 kommuner svarte ."]),
        ("Overskrift\n\nbrødtekst her", ["Overskrift", "brødtekst her"]),
        ("Tiltak:\n• heltid\n• deltid", ["Tiltak :", "• heltid", "• deltid"]),
        ("i 2024. økonomien er stram", ["i 2024 . økonomien er stram"]),
    ])
    func boundaries(_ text: String, _ expected: [String]) throws {
        #expect(try Self.sentences(text) == expected)
    }

    @Test("Every token belongs to one sentence; starts are word-like tokens")
    func cover() throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus("2025/hefte.txt")
        let tokens = chain.tokenizer.tokenize(text)
        let sentences = tokens.sentences
        #expect(sentences.count > 200)
        #expect(sentences.first?.lowerBound == 0)
        #expect(sentences.last?.upperBound == tokens.count)
        for start in tokens.sentenceStarts {
            #expect(tokens.isSentenceStart(Int(start)))
        }
    }
}
