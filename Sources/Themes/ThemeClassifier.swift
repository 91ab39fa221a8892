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

/// A classifier that decides with a trained `LogisticModel`; `debattsvar evaluate --folds`
/// cross-validates these by training a model per fold.
public protocol ModelBasedClassifier: ThemeClassifier {
    var trainedModel: LogisticModel { get }
}

/// What a classifier may need to build itself.
public struct ClassifierContext: Sendable {
    public var themes: [ThemeDictionary]
    /// A trained model (`--model FIL`); nil means the model shipped with Debattsvar.
    public var model: LogisticModel?

    public init(themes: [ThemeDictionary], model: LogisticModel? = nil) {
        self.themes = themes
        self.model = model
    }

    /// The given model, else the bundled one.
    public func trainedModel() throws -> LogisticModel {
        try model ?? LogisticModel.bundled()
    }
}

/// Every classifier the command line offers. Adding one: write the type, add a line here.
/// A test fails when a type in `Sources/Themes` conforms to `ThemeClassifier` but has no line.
public enum ClassifierRegistry {
    public typealias Factory = @Sendable (ClassifierContext) throws -> any ThemeClassifier

    public static let factories: [(id: String, type: any ThemeClassifier.Type, make: Factory)] = [
        (DictionaryClassifier.id, DictionaryClassifier.self, { DictionaryClassifier(themes: $0.themes) }),
        (LogisticClassifier.id, LogisticClassifier.self, { LogisticClassifier(model: try $0.trainedModel()) }),
        (CombinedClassifier.id, CombinedClassifier.self, {
            CombinedClassifier(dictionary: DictionaryClassifier(themes: $0.themes), model: LogisticClassifier(model: try $0.trainedModel()))
        }),
    ]

    public static var ids: [String] { factories.map(\.id) }

    /// Builds the classifier with this id; nil when no classifier has it.
    public static func make(_ id: String, context: ClassifierContext) throws -> (any ThemeClassifier)? {
        try factories.first { $0.id == id }?.make(context)
    }
}
