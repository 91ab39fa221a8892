/// One piece of evidence for a theme: the pattern that matched, the words it matched and where.
public struct ThemeHit: Sendable, Hashable, Codable {
    /// The pattern as written in the theme file, e.g. `heltid*`.
    public var term: String
    /// The matched text exactly as it stands in the answer.
    public var matched: String
    /// Byte range of the match in the answer's UTF-8 text.
    public var byteRange: Range<Int>

    public init(term: String, matched: String, byteRange: Range<Int>) {
        self.term = term
        self.matched = matched
        self.byteRange = byteRange
    }
}

/// A theme found in a text, with its score and every hit behind it.
public struct ThemeScore: Sendable, Hashable, Codable {
    public var themeID: String
    public var score: Double
    public var hits: [ThemeHit]

    public init(themeID: String, score: Double, hits: [ThemeHit]) {
        self.themeID = themeID
        self.score = score
        self.hits = hits
    }
}
