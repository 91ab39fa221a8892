import Foundation
import NorwegianText
import PipelineCore
import Themes

/// Normalisation, tokenising and classification of one text: the part of the pipeline shared by
/// `run` and `classify`.
public struct TextAnalyzer: Sendable {
    public let chain: NorwegianChain
    public let themes: [ThemeDictionary]
    public let classifier: any ThemeClassifier

    public init(chain: NorwegianChain, themes: [ThemeDictionary], classifier: any ThemeClassifier) {
        self.chain = chain
        self.themes = themes
        self.classifier = classifier
    }

    /// Builds the standard chain and the named classifier over the bundled themes, or over the
    /// theme files in `themesFolder`, with the bundled trained model or the one in `modelFile`.
    public static func make(themesFolder: URL? = nil, classifierID: String = DictionaryClassifier.id,
                            modelFile: URL? = nil) throws -> TextAnalyzer {
        let chain = try NorwegianChain.standard()
        let themes = try loadThemes(themesFolder, tokenizer: chain.tokenizer)
        let model = try modelFile.map { try LogisticModel.load($0) }
        return try make(chain: chain, themes: themes, classifierID: classifierID, model: model)
    }

    /// The analyser with a given chain, themes and (for trained classifiers) model.
    public static func make(chain: NorwegianChain, themes: [ThemeDictionary], classifierID: String,
                            model: LogisticModel?) throws -> TextAnalyzer {
        guard let classifier = try ClassifierRegistry.make(classifierID, context: ClassifierContext(themes: themes, model: model)) else {
            throw UsageError("ukjent klassifikator «\(classifierID)»; tilgjengelige: \(ClassifierRegistry.ids.joined(separator: ", "))")
        }
        return TextAnalyzer(chain: chain, themes: themes, classifier: classifier)
    }

    /// The bundled themes, or the theme files in `folder`.
    public static func loadThemes(_ folder: URL?, tokenizer: NorwegianTokenizer) throws -> [ThemeDictionary] {
        try folder.map { try ThemeDictionary.load(folder: $0, tokenizer: tokenizer) } ?? ThemeDictionary.bundled(tokenizer: tokenizer)
    }

    /// Normalised text (words split at line ends joined) and its tokens.
    public func analyse(_ text: String) -> AnalysedText {
        let normalized = chain.normalize(text, joinLines: true)
        return AnalysedText(text: normalized, tokens: chain.tokenizer.tokenize(normalized))
    }

    /// Themes of an already normalised text.
    public func classifyNormalized(_ text: String) -> [ThemeScore] {
        classifier.classify(AnalysedText(text: text, tokens: chain.tokenizer.tokenize(text)))
    }

    /// Themes of raw text: normalised first, with words split at line ends joined.
    public func classify(_ text: String) -> [ThemeScore] {
        classifier.classify(analyse(text))
    }
}

/// A mistake in how the program was called; the command line exits with 64.
public struct UsageError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
