import PipelineCore

/// Which repairs a normalisation runs. All are on by default; each has its own switch.
public struct RepairOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// æ/ø/å/I lost by OCR (`OCRLetterRepair`).
    public static let ocr = RepairOptions(rawValue: 1)
    /// fi/fl/ff lost from PDF ligatures (`LigatureRepair`).
    public static let ligatures = RepairOptions(rawValue: 2)
    /// Letter-spaced headings (`LetterSpacingRepair`).
    public static let letterSpacing = RepairOptions(rawValue: 4)
    /// Words split by a hyphen at a line end (`LineEndHyphenJoiner`); only with `joinLines`.
    public static let hyphenJoin = RepairOptions(rawValue: 8)
    /// Words split at a line end without a hyphen, the soft hyphen lost (`LostHyphenJoiner`);
    /// only with `joinLines`.
    public static let splitJoin = RepairOptions(rawValue: 16)

    public static let all: RepairOptions = [.ocr, .ligatures, .letterSpacing, .hyphenJoin, .splitJoin]
}

/// The Norwegian analysis chain, assembled in one place.
public struct NorwegianChain: Sendable {
    public let lexicon: Lexicon
    public let statistics: WordStatistics
    public let tokenizer: NorwegianTokenizer

    public init(abbreviations: AbbreviationList, lexicon: Lexicon, statistics: WordStatistics) {
        self.lexicon = lexicon
        self.statistics = statistics
        tokenizer = NorwegianTokenizer(abbreviations: abbreviations)
    }

    /// The chain with the bundled abbreviation list, lexicon and word statistics.
    public static func standard() throws -> NorwegianChain {
        NorwegianChain(abbreviations: try AbbreviationList.bundled(), lexicon: try Lexicon.bundled(),
                       statistics: try WordStatistics.bundled())
    }

    /// The filters in order. Every filter keeps the line count; with `joinLines`, the joiners
    /// move a split word's second half up to the line where the word starts.
    public func filters(joinLines: Bool, repairs: RepairOptions = .all) -> [any TextFilter] {
        var filters: [any TextFilter] = [WhitespaceFilter(), CanonicalCompositionFilter()]
        if repairs.contains(.ligatures) { filters.append(LigatureRepair(lexicon: lexicon, statistics: statistics)) }
        if repairs.contains(.letterSpacing) { filters.append(LetterSpacingRepair(lexicon: lexicon, statistics: statistics)) }
        // Joined first, so the OCR repair sees whole words.
        if joinLines, repairs.contains(.hyphenJoin) { filters.append(LineEndHyphenJoiner(lexicon: lexicon)) }
        if repairs.contains(.ocr) { filters.append(OCRLetterRepair(lexicon: lexicon, statistics: statistics)) }
        if joinLines, repairs.contains(.splitJoin) { filters.append(LostHyphenJoiner(lexicon: lexicon)) }
        return filters
    }

    /// Filters that keep every line where it is: safe for `normalize` without `--join-lines`.
    public var lineFilters: [any TextFilter] { filters(joinLines: false) }
    /// Filters for whole documents, which may move a split word's fragment up one line.
    public var documentFilters: [any TextFilter] { filters(joinLines: true) }

    /// Normalises text with every repair; with `joinLines`, words split at line ends are
    /// joined too.
    public func normalize(_ text: String, joinLines: Bool = false) -> String {
        normalize(text, joinLines: joinLines, repairs: .all)
    }

    /// Normalises text with the chosen repairs.
    public func normalize(_ text: String, joinLines: Bool, repairs: RepairOptions) -> String {
        var ignored: [TextChange] = []
        return normalize(text, joinLines: joinLines, repairs: repairs, changes: &ignored)
    }

    /// Normalises text and lists every change the repairs made.
    public func normalize(_ text: String, joinLines: Bool, repairs: RepairOptions,
                          changes: inout [TextChange]) -> String {
        var result = text
        for filter in filters(joinLines: joinLines, repairs: repairs) {
            if let repairing = filter as? any RepairingTextFilter {
                result = repairing.apply(result, changes: &changes)
            } else {
                result = filter.apply(result)
            }
        }
        return result
    }

    /// Normalised text and its tokens.
    public func analyse(_ text: String) -> AnalysedText {
        let normalized = normalize(text)
        return AnalysedText(text: normalized, tokens: tokenizer.tokenize(normalized))
    }
}
