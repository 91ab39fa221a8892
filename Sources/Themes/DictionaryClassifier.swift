import NorwegianText
import PipelineCore

/// Finds themes by the words, compounds and phrases in the theme files.
///
/// Every pattern is tried against every word token, lowercased, and against each part of a
/// hyphenated token (`BPA-ordningen` → `bpa`, `ordningen`). A phrase matches consecutive words.
/// A token that matches one of the theme's exclusions never counts for it. A theme applies when
/// it has at least `minimumHits` hits; its score is the number of hits.
public struct DictionaryClassifier: ThemeClassifier {
    public static let id = "ordliste"
    public var id: String { Self.id }
    public let summary = "Ordlister per tema: ord, sammensetninger (prefiks*/*suffiks) og fraser, med treffene som bevis."
    public let themes: [ThemeDictionary]
    /// Hits needed before a theme applies.
    public var minimumHits = 1

    public init(themes: [ThemeDictionary]) {
        self.themes = themes
    }

    public var examples: [ClassifierExample] {
        [
            ClassifierExample("Vi må øke andelen heltidsansatte og redusere uønsket deltid.", theme: "heltid", matches: true),
            ClassifierExample("Heiltidskultur er viktig for kvaliteten i tenestene.", theme: "heltid", matches: true),
            ClassifierExample("Kommunen har fått flere søknader om brukerstyrt personlig assistanse.", theme: "bpa", matches: true),
            ClassifierExample("Rettigheter til BPA gir høye kostnader.", theme: "bpa", matches: true),
            ClassifierExample("Det er stor økning i spesialundervisning i grunnskolen.", theme: "spesialundervisning", matches: true),
            ClassifierExample("Statlig detaljstyring stjeler tid og ressurser.", theme: "detaljstyring", matches: true),
            ClassifierExample("Bemanningsnormer og øremerking binder opp midlene.", theme: "detaljstyring", matches: true),
            ClassifierExample("Kommunestyret vedtok budsjettet for neste år.", theme: "heltid", matches: false),
            ClassifierExample("Kommunestyret vedtok budsjettet for neste år.", theme: "detaljstyring", matches: false),
            ClassifierExample("Skolen har et godt tilbud til alle elever.", theme: "spesialundervisning", matches: false),
            ClassifierExample("Brannvesenet har mange deltidsbrannkonstabler.", theme: "heltid", matches: false),
        ]
    }

    public func classify(_ analysed: AnalysedText) -> [ThemeScore] {
        var copy = analysed.text
        return copy.withUTF8 { bytes in classify(bytes: bytes, tokens: analysed.tokens, text: analysed.text) }
    }

    private func classify(bytes: UnsafeBufferPointer<UInt8>, tokens: TokenList, text: String) -> [ThemeScore] {
        // Lowercased form of every word token, and of the parts of hyphenated ones.
        var forms: [String?] = Array(repeating: nil, count: tokens.count)
        for index in 0 ..< tokens.count where tokens.kinds[index].isWordLike {
            let range = tokens.range(at: index)
            forms[index] = String(decoding: NorwegianCase.lowercased(UnsafeBufferPointer(rebasing: bytes[range])), as: UTF8.self)
        }
        func slice(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        var scores: [ThemeScore] = []
        for theme in themes {
            let exclusions = theme.patterns.filter(\.isExclusion)
            var hits: [ThemeHit] = []
            for index in 0 ..< tokens.count {
                guard let form = forms[index] else { continue }
                if exclusions.contains(where: { $0.elements.count == 1 && $0.elements[0].matches(form) }) { continue }
                let range = tokens.range(at: index)
                var matchedWhole = false
                for pattern in theme.terms {
                    if pattern.elements.count == 1 {
                        guard pattern.elements[0].matches(form) else { continue }
                        hits.append(ThemeHit(term: pattern.source, matched: slice(range), byteRange: range))
                        matchedWhole = true
                        break
                    }
                    if let end = phraseEnd(pattern, from: index, forms: forms, tokens: tokens) {
                        let phrase = range.lowerBound ..< tokens.range(at: end).upperBound
                        hits.append(ThemeHit(term: pattern.source, matched: slice(phrase), byteRange: phrase))
                        matchedWhole = true
                        break
                    }
                }
                if !matchedWhole, form.contains("-") {
                    hits += partHits(theme: theme, form: form, range: range, slice: slice)
                }
            }
            if hits.count >= minimumHits {
                scores.append(ThemeScore(themeID: theme.id, score: Double(hits.count), hits: hits))
            }
        }
        return scores.sorted { $0.themeID < $1.themeID }
    }

    /// The last token of `pattern` matched as a phrase starting at `start`, or nil.
    private func phraseEnd(_ pattern: ThemePattern, from start: Int, forms: [String?], tokens: TokenList) -> Int? {
        var index = start
        for (offset, element) in pattern.elements.enumerated() {
            if offset > 0 { index += 1 }
            guard index < tokens.count, let form = forms[index], element.matches(form) else { return nil }
        }
        return index
    }

    /// Hits on the parts of a hyphenated token (`BPA-ordningen`).
    private func partHits(theme: ThemeDictionary, form: String, range: Range<Int>,
                          slice: (Range<Int>) -> String) -> [ThemeHit] {
        var hits: [ThemeHit] = []
        // Part offsets are only exact when lowercasing kept the byte length.
        guard form.utf8.count == range.count else { return hits }
        var offset = range.lowerBound
        for part in form.split(separator: "-", omittingEmptySubsequences: false) {
            let partRange = offset ..< offset + part.utf8.count
            offset = partRange.upperBound + 1
            let partForm = String(part)
            if partForm.isEmpty || theme.patterns.contains(where: { $0.isExclusion && $0.elements[0].matches(partForm) }) { continue }
            if let pattern = theme.terms.first(where: { $0.elements.count == 1 && $0.elements[0].matches(partForm) }) {
                hits.append(ThemeHit(term: pattern.source, matched: slice(partRange), byteRange: partRange))
            }
        }
        return hits
    }
}
