import PipelineCore

/// The dictionary and the trained model together.
///
/// A theme applies when the dictionary says so (its score reaches the theme's threshold), or
/// when the dictionary has some evidence below the threshold and the trained model gives the
/// theme a probability of at least `supportedProbability` on some line, or when the model alone
/// is very sure (`aloneProbability`). Both values were chosen by 5-fold cross-validation on the
/// tuning split; the model adds little there, the dictionary decides most. The evidence is the dictionary's matches, followed by the
/// model's words when the model carried the decision.
public struct CombinedClassifier: ModelBasedClassifier {
    public static let id = "kombinert"
    public var id: String { Self.id }
    public let summary = "Ordlista og den trente modellen sammen: ordlista avgjør, modellen kan løfte temaer med svakt belegg i ordlista."
    public let dictionary: DictionaryClassifier
    public let model: LogisticClassifier
    /// Model probability that lifts a theme with some dictionary evidence below its threshold.
    public static let supportedProbability = 0.6
    /// Model probability that is enough without any dictionary evidence.
    public static let aloneProbability = 0.9

    public var trainedModel: LogisticModel { model.model }

    public init(dictionary: DictionaryClassifier, model: LogisticClassifier) {
        self.dictionary = dictionary
        self.model = model
    }

    public var examples: [ClassifierExample] {
        dictionary.examples
    }

    public func classify(_ analysed: AnalysedText) -> [ThemeScore] {
        let evidence = Dictionary(uniqueKeysWithValues: dictionary.evidence(analysed).map { ($0.themeID, $0) })
        let probabilities = model.probabilities(analysed)
        var result: [ThemeScore] = []
        for theme in Set(evidence.keys).union(probabilities.keys).sorted() {
            let found = evidence[theme]
            let probability = probabilities[theme]
            if let found, found.score >= dictionary.threshold(for: theme) {
                result.append(found)
            } else if let probability,
                      probability.probability >= (found == nil ? Self.aloneProbability : Self.supportedProbability) {
                let words = model.evidence(theme: theme, line: probability.line, in: analysed)
                result.append(ThemeScore(themeID: theme, score: probability.probability, hits: (found?.hits ?? []) + words))
            }
        }
        return result
    }
}
