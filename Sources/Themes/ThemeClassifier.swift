import PipelineCore

/// A sentence a classifier must (or must not) find a theme in; used by the generic example test.
public struct ClassifierExample: Sendable, Hashable {
    public var text: String
    public var theme: String
    /// True when `theme` must be found in `text`, false when it must not.
    public var matches: Bool

    public init(_ text: String, theme: String, matches: Bool) {
        self.text = text
        self.theme = theme
        self.matches = matches
    }
}

/// Finds themes in an answer and says why.
public protocol ThemeClassifier: Sendable {
    /// Registry id used on the command line (`--classifier ID`).
    var id: String { get }
    /// One sentence on how it decides.
    var summary: String { get }
    /// Matching and non-matching Norwegian sentences, run by the test suite.
    var examples: [ClassifierExample] { get }
    /// The themes that apply to the text, sorted by theme id, each with its evidence.
    func classify(_ text: AnalysedText) -> [ThemeScore]
}

/// What a classifier may need to build itself.
public struct ClassifierContext: Sendable {
    public var themes: [ThemeDictionary]

    public init(themes: [ThemeDictionary]) {
        self.themes = themes
    }
}

/// Every classifier the command line offers. Adding one: write the type, add a line here.
public enum ClassifierRegistry {
    public typealias Factory = @Sendable (ClassifierContext) throws -> any ThemeClassifier

    public static let factories: [(id: String, make: Factory)] = [
        (DictionaryClassifier.id, { DictionaryClassifier(themes: $0.themes) }),
    ]

    public static var ids: [String] { factories.map(\.id) }

    /// Builds the classifier with this id; nil when no classifier has it.
    public static func make(_ id: String, context: ClassifierContext) throws -> (any ThemeClassifier)? {
        try factories.first { $0.id == id }?.make(context)
    }
}
