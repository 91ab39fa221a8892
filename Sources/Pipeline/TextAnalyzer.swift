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
    /// theme files in `themesFolder`.
    public static func make(themesFolder: URL? = nil, classifierID: String = DictionaryClassifier.id) throws -> TextAnalyzer {
        let chain = try NorwegianChain.standard()
        let themes = try themesFolder.map { try ThemeDictionary.load(folder: $0, tokenizer: chain.tokenizer) }
            ?? ThemeDictionary.bundled(tokenizer: chain.tokenizer)
        guard let classifier = try ClassifierRegistry.make(classifierID, context: ClassifierContext(themes: themes)) else {
            throw UsageError("ukjent klassifikator «\(classifierID)»; tilgjengelige: \(ClassifierRegistry.ids.joined(separator: ", "))")
        }
        return TextAnalyzer(chain: chain, themes: themes, classifier: classifier)
    }

    /// Themes of an already normalised text.
    public func classifyNormalized(_ text: String) -> [ThemeScore] {
        classifier.classify(AnalysedText(text: text, tokens: chain.tokenizer.tokenize(text)))
    }

    /// Themes of raw text: normalised first, with words split at line ends joined.
    public func classify(_ text: String) -> [ThemeScore] {
        classifyNormalized(chain.normalize(text, joinLines: true))
    }
}

/// A mistake in how the program was called; the command line exits with 64.
public struct UsageError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
