import PipelineCore

/// The Norwegian analysis chain, assembled in one place.
public struct NorwegianChain: Sendable {
    /// Filters that keep every line where it is: safe for `normalize` without `--join-lines`.
    public let lineFilters: [any TextFilter]
    /// Filters for whole documents, which may move a split word's fragment up one line.
    public let documentFilters: [any TextFilter]
    public let tokenizer: NorwegianTokenizer

    public init(abbreviations: AbbreviationList) {
        lineFilters = [WhitespaceFilter(), CanonicalCompositionFilter()]
        documentFilters = lineFilters + [LineEndHyphenJoiner()]
        tokenizer = NorwegianTokenizer(abbreviations: abbreviations)
    }

    /// The chain with the bundled abbreviation list.
    public static func standard() throws -> NorwegianChain {
        NorwegianChain(abbreviations: try AbbreviationList.bundled())
    }

    /// Normalises text; with `joinLines`, words split at line ends are joined too.
    public func normalize(_ text: String, joinLines: Bool = false) -> String {
        (joinLines ? documentFilters : lineFilters).apply(text)
    }

    /// Normalised text and its tokens.
    public func analyse(_ text: String) -> AnalysedText {
        let normalized = normalize(text)
        return AnalysedText(text: normalized, tokens: tokenizer.tokenize(normalized))
    }
}
