import PipelineCore

/// A piece of a quote: plain text, or words that matched (shown highlighted).
public struct QuoteFragment: Sendable, Hashable {
    public var text: String
    public var isMatch: Bool

    public init(_ text: String, isMatch: Bool = false) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// Who answered, as reports name them.
public struct RespondentLabel: Sendable, Hashable {
    /// Register number, empty when unknown.
    public var number: String
    /// Name, or the file path when the respondent is unknown.
    public var name: String
    public var county: String

    public init(number: String, name: String, county: String) {
        self.number = number
        self.name = name
        self.county = county
    }

    /// `Drammen (3301)`, or the name alone when there is no number.
    public var display: String { number.isEmpty ? name : "\(name) (\(number))" }
}

/// A sentence from an answer with the matched words marked, and where it stands.
public struct Quote: Sendable, Hashable {
    public var path: String
    public var respondent: RespondentLabel
    public var question: QuestionKey
    /// Source line of the first match.
    public var line: Int?
    public var fragments: [QuoteFragment]
    /// The patterns that matched, in order of first appearance.
    public var terms: [String]

    public init(path: String, respondent: RespondentLabel, question: QuestionKey, line: Int?,
                fragments: [QuoteFragment], terms: [String]) {
        self.path = path
        self.respondent = respondent
        self.question = question
        self.line = line
        self.fragments = fragments
        self.terms = terms
    }

    /// The sentence as plain text.
    public var text: String { fragments.map(\.text).joined() }

    /// The sentence with matches in `before`/`after` marks: `Rettigheter til **BPA**`.
    public func marked(_ before: String, _ after: String, escape: (String) -> String = { $0 }) -> String {
        fragments.map { $0.isMatch ? before + escape($0.text) + after : escape($0.text) }.joined()
    }

    /// `2025/svar/drammen.md:235`
    public var location: String { line.map { "\(path):\($0)" } ?? path }
}

/// Cuts the sentence around matched words out of an answer and marks the words.
public enum SentenceContext {
    /// Longest stretch of plain text kept before the first and after the last match, in characters.
    public static let contextLimit = 160
    /// Longest stretch kept between two matches before the middle is left out.
    public static let gapLimit = 200

    /// Quotes for the byte ranges `matches` in `text`: one per sentence, with every match in
    /// that sentence marked. `terms` names the pattern of each match (same order).
    public static func quotes(text: String, matches: [(range: Range<Int>, term: String)],
                              make: (_ sentence: Range<Int>, _ fragments: [QuoteFragment], _ terms: [String], _ firstMatch: Int) -> Quote) -> [Quote] {
        quotes(bytes: Array(text.utf8), matches: matches, make: make).quotes
    }

    /// The same for a text given as its UTF-8 bytes, with the number of sentences; only the
    /// first `limit` quotes are made (the sentences are all counted).
    public static func quotes(bytes: [UInt8], matches: [(range: Range<Int>, term: String)], limit: Int = .max,
                              make: (_ sentence: Range<Int>, _ fragments: [QuoteFragment], _ terms: [String], _ firstMatch: Int) -> Quote)
        -> (quotes: [Quote], sentences: Int) {
        let sorted = matches.filter { $0.range.lowerBound >= 0 && $0.range.upperBound <= bytes.count && !$0.range.isEmpty }
            .sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var groups: [(sentence: Range<Int>, matches: [(range: Range<Int>, term: String)])] = []
        for match in sorted {
            if let last = groups.last, last.sentence.contains(match.range.lowerBound) {
                groups[groups.count - 1].matches.append(match)
                let end = max(last.sentence.upperBound, match.range.upperBound)
                groups[groups.count - 1].sentence = last.sentence.lowerBound ..< end
            } else {
                groups.append((sentence(in: bytes, around: match.range), [match]))
            }
        }
        let quotes = groups.prefix(max(0, limit)).map { group in
            var fragments: [QuoteFragment] = []
            var position = group.sentence.lowerBound
            var terms: [String] = []
            var merged: [Range<Int>] = []
            for match in group.matches {
                if !terms.contains(match.term) { terms.append(match.term) }
                if let last = merged.last, match.range.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, match.range.upperBound)
                } else {
                    merged.append(match.range)
                }
            }
            for (index, range) in merged.enumerated() {
                let plain = decode(bytes[position ..< range.lowerBound])
                let clipped = index == 0 ? clip(plain, keepEnd: true, limit: contextLimit) : shorten(plain, limit: gapLimit)
                if !clipped.isEmpty { fragments.append(QuoteFragment(clipped)) }
                fragments.append(QuoteFragment(decode(bytes[range]), isMatch: true))
                position = range.upperBound
            }
            let tail = clip(decode(bytes[position ..< max(position, group.sentence.upperBound)]), keepEnd: false, limit: contextLimit)
            if !tail.isEmpty { fragments.append(QuoteFragment(tail)) }
            return make(group.sentence, fragments, terms, merged[0].lowerBound)
        }
        return (quotes, groups.count)
    }

    /// The sentence around `range`: from the previous sentence end (`.`, `!`, `?` followed by a
    /// space and a capital letter) or the line start, to the next sentence end or the line end.
    /// Heading marks and list bullets at the line start are left out.
    public static func sentence(in bytes: [UInt8], around range: Range<Int>) -> Range<Int> {
        // A sentence is looked for within `sentenceWindow` bytes of the match, so a huge line
        // without full stops costs no more than a long sentence.
        let searchFrom = max(0, range.lowerBound - sentenceWindow)
        var lineStart = bytes[searchFrom ..< range.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? searchFrom
        if lineStart == 0 || bytes[lineStart - 1] == 0x0A {
            while lineStart < range.lowerBound, lineDecoration.contains(bytes[lineStart]) { lineStart += 1 }
        } else {
            while lineStart < range.lowerBound, bytes[lineStart] & 0xC0 == 0x80 { lineStart += 1 }
        }
        let searchTo = min(bytes.count, range.upperBound + sentenceWindow)
        var lineEnd = bytes[range.upperBound ..< searchTo].firstIndex(of: 0x0A) ?? searchTo
        while lineEnd < bytes.count, lineEnd > range.upperBound, bytes[lineEnd] & 0xC0 == 0x80 { lineEnd -= 1 }
        var start = lineStart
        var index = range.lowerBound - 1
        while index > lineStart {
            if sentenceEnds.contains(bytes[index - 1]), bytes[index] == 0x20, startsSentence(bytes, at: index + 1) {
                start = index + 1
                break
            }
            index -= 1
        }
        var end = lineEnd
        index = range.upperBound
        while index < lineEnd {
            if sentenceEnds.contains(bytes[index]),
               index + 1 == lineEnd || (bytes[index + 1] == 0x20 && startsSentence(bytes, at: index + 2)) {
                end = index + 1
                break
            }
            index += 1
        }
        // Emphasis marks around a heading (`**Tiltak:**`) are layout too.
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == UInt8(ascii: "*") || bytes[end - 1] == UInt8(ascii: "_") { end -= 1 }
        return start ..< max(start, end)
    }

    /// How far around a match its sentence is looked for.
    static let sentenceWindow = 2000

    static let lineDecoration: Set<UInt8> = [UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "*"),
                                             UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "+")]
    static let sentenceEnds: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")]

    /// A capital letter (A–Z, À–Þ such as Æ Ø Å) or an opening quote at `index`.
    static func startsSentence(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte >= 0x41 && byte <= 0x5A { return true }
        if byte == 0x22 { return true }
        guard index + 1 < bytes.count else { return false }
        if byte == 0xC3 { return (0x80 ... 0x9E).contains(bytes[index + 1]) && bytes[index + 1] != 0x97 }
        if byte == 0xC2 { return bytes[index + 1] == 0xAB } // «
        return false
    }

    /// The bytes as text with line breaks as spaces.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x0A) else { return String(decoding: bytes, as: UTF8.self) }
        // A line feed is never part of a longer UTF-8 sequence, so it can be replaced on the bytes.
        return String(decoding: bytes.lazy.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Text shortened to about `limit` characters at a word boundary, from the end or the start.
    static func clip(_ text: String, keepEnd: Bool, limit: Int) -> String {
        guard text.utf8.count > limit, ByteText.characterCount(text) > limit else { return text }
        if keepEnd {
            let tail = text.suffix(limit)
            return "…" + (tail.firstIndex(of: " ").map { String(tail[$0...]) } ?? String(tail))
        }
        let head = text.prefix(limit)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head)) + "…"
    }

    /// Text between two matches, with its middle left out when it is longer than `limit`.
    static func shorten(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit, ByteText.characterCount(text) > limit else { return text }
        let head = text.prefix(limit / 2), tail = text.suffix(limit / 2)
        let start = head.lastIndex(of: " ").map { head[...$0] } ?? head
        let end = tail.firstIndex(of: " ").map { tail[$0...] } ?? tail
        return start + "…" + end
    }
}

/// Finds a word or phrase in answers and shows each place in its sentence: `debattsvar kwic`.
///
/// The search term is one or more words, matched case-insensitively against whole words; a
/// word may start or end with `*` to match any beginning or ending (`heltid*`,
/// `*tjenester`); `*` alone matches any word. Words in a phrase may be separated by anything
/// that is not a letter or digit (spaces, a line break, a hyphen).
public struct Concordance: Sendable {
    public let words: [String]
    /// Only places inside a match of this theme, in answers where the theme applies.
    public let theme: String?

    /// One place the term was found.
    public struct Line: Sendable, Hashable {
        public var year: Int
        public var quote: Quote
        /// Themes whose matches cover the place (sorted ids); empty when none does.
        public var themes: [String]

        /// Two lines for the terminal: where the place is, then the sentence with the place
        /// marked in bold yellow (`color`) or as `**word**`. Control characters from the text
        /// are dropped, so an answer cannot move the cursor or change colours.
        public func terminalText(color: Bool) -> String {
            let place = quote.question == .general ? "generelt" : "spørsmål \(quote.question)"
            var head = "\(year) · \(Self.clean(quote.respondent.display))"
            if !quote.respondent.county.isEmpty { head += ", \(Self.clean(quote.respondent.county))" }
            head += " · \(place) · \(Self.clean(quote.location))"
            head += " · tema: " + (themes.isEmpty ? "–" : themes.joined(separator: ", "))
            let text = color ? quote.marked("\u{1B}[1;33m", "\u{1B}[0m", escape: Self.clean) : quote.marked("**", "**", escape: Self.clean)
            return head + "\n    " + text + "\n"
        }

        static func clean(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.filter {
                $0.value >= 0x20 && $0.value != 0x7F && !(0x80 ..< 0xA0).contains($0.value) && !BidiControls.contains($0)
            }))
        }
    }

    /// Nil when `term` has no words and no theme is given.
    public init?(term: String, theme: String? = nil) {
        words = Self.words(in: term, keepingStars: true).map { $0.text }
        self.theme = theme
        if words.isEmpty && theme == nil { return nil }
    }

    /// Every place in the document's processed answers, in answer and text order.
    public func search(_ document: ProcessedDocument, year: Int) -> [Line] {
        guard document.entry.status == .ok else { return [] }
        let respondent = YearAggregator.label(document.entry)
        var lines: [Line] = []
        for classified in document.answers {
            let hits = classified.themes.flatMap { score in score.hits.map { (score.themeID, $0) } }
            var places: [(range: Range<Int>, term: String, themes: [String])] = []
            if words.isEmpty {
                for (themeID, hit) in hits where themeID == theme {
                    places.append((hit.byteRange, hit.term, [themeID]))
                }
            } else {
                for range in occurrences(in: classified.answer.text) {
                    let covering = Set(hits.filter { $0.1.byteRange.overlaps(range) }.map(\.0)).sorted()
                    if let theme, !covering.contains(theme) { continue }
                    places.append((range, words.joined(separator: " "), covering))
                }
            }
            // Each place gets its own line, with only itself marked.
            for place in places {
                let quotes = SentenceContext.quotes(text: classified.answer.text, matches: [(place.range, place.term)]) { _, fragments, terms, first in
                    Quote(path: document.entry.path, respondent: respondent, question: classified.answer.question,
                          line: classified.answer.sourceLine(atByteOffset: first), fragments: fragments, terms: terms)
                }
                for quote in quotes { lines.append(Line(year: year, quote: quote, themes: place.themes)) }
            }
        }
        return lines
    }

    /// Byte ranges in `text` where the words follow each other.
    func occurrences(in text: String) -> [Range<Int>] {
        let tokens = Self.words(in: text)
        guard !words.isEmpty, tokens.count >= words.count else { return [] }
        var found: [Range<Int>] = []
        for start in 0 ... tokens.count - words.count {
            var matches = true
            for offset in 0 ..< words.count where !Self.matches(tokens[start + offset].text, pattern: words[offset]) {
                matches = false
                break
            }
            if matches { found.append(tokens[start].range.lowerBound ..< tokens[start + words.count - 1].range.upperBound) }
        }
        return found
    }

    static func matches(_ word: String, pattern: String) -> Bool {
        if pattern == "*" { return true }
        let leading = pattern.hasPrefix("*"), trailing = pattern.hasSuffix("*")
        let core = String(pattern.dropFirst(leading ? 1 : 0).dropLast(trailing ? 1 : 0))
        switch (leading, trailing) {
        case (true, true): return word.contains(core)
        case (true, false): return word.hasSuffix(core)
        case (false, true): return word.hasPrefix(core)
        case (false, false): return word == core
        }
    }

    /// Lowercased words (runs of letters and digits, and `*` in a search term) with byte ranges.
    static func words(in text: String, keepingStars: Bool = false) -> [(text: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var current = ""
        var start = 0
        var offset = 0
        for scalar in text.unicodeScalars {
            let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || (keepingStars && scalar == "*")
            if isWord {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append((current.lowercased(), start ..< offset))
                current = ""
            }
            offset += String(scalar).utf8.count
        }
        if !current.isEmpty { result.append((current.lowercased(), start ..< offset)) }
        return result
    }
}
