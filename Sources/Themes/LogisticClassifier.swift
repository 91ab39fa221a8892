import PipelineCore

/// A trained classifier: one-vs-rest logistic regression over the words of the text (see
/// `LogisticModel` and `TextFeatures`).
///
/// Each line of the text (a bullet, a paragraph) gets a probability per theme; a theme applies
/// when some line reaches the theme's threshold in the model (0.3 unless the model file says
/// otherwise). The score is the highest probability; the evidence is the words of that line that
/// pushed the theme up most, each with its feature and weight. Train it with `debattsvar train`;
/// the model shipped with Debattsvar is trained on `corpora/gold/tuning.tsv`.
public struct LogisticClassifier: ModelBasedClassifier {
    public static let id = "logistisk"
    public var id: String { Self.id }
    public let summary = "Logistisk regresjon per tema over ordene i hver linje, trent på gullmerker; belegg er ordene som trakk mest."
    public let model: LogisticModel
    /// Words shown as evidence per theme.
    public static let evidenceWords = 5

    public var trainedModel: LogisticModel { model }

    public init(model: LogisticModel) {
        self.model = model
    }

    public var examples: [ClassifierExample] {
        [
            ClassifierExample("Sykefraværet i kommunen må ned, og vi jobber med nærværskultur.", theme: "sykefravaer", matches: true),
            ClassifierExample("Partene er enige om viktigheten av heltidsstillinger og økte stillingsstørrelser.", theme: "heltid", matches: true),
            ClassifierExample("Kommunene må styrke beredskapen og lage en helhetlig ROS-analyse.", theme: "beredskap", matches: true),
            ClassifierExample("Garantilønnssystemet i Hovedtariffavtalen bør videreføres i tariffoppgjøret.", theme: "lonn-og-tariff", matches: true),
            ClassifierExample("Garantilønnssystemet i Hovedtariffavtalen bør videreføres i tariffoppgjøret.", theme: "beredskap", matches: false),
            ClassifierExample("Kommunene må styrke beredskapen og lage en helhetlig ROS-analyse.", theme: "heltid", matches: false),
        ]
    }

    public func classify(_ analysed: AnalysedText) -> [ThemeScore] {
        probabilities(analysed).compactMap { theme, best in
            guard let weights = model.themes[theme], best.probability >= weights.threshold else { return nil }
            return ThemeScore(themeID: theme, score: best.probability, hits: evidence(theme: theme, line: best.line, in: analysed))
        }.sorted { $0.themeID < $1.themeID }
    }

    /// For every theme of the model: the highest probability over the lines of the text, and that line.
    public func probabilities(_ analysed: AnalysedText) -> [String: (probability: Double, line: Range<Int>)] {
        var best: [String: (probability: Double, line: Range<Int>)] = [:]
        for line in TextFeatures.lines(of: analysed.text) {
            let features = TextFeatures.features(of: analysed, bytes: line).map(\.feature)
            guard !features.isEmpty else { continue }
            for (theme, probability) in model.probabilities(features) where probability > (best[theme]?.probability ?? -1) {
                best[theme] = (probability, line)
            }
        }
        return best
    }

    /// The words of the line with the largest positive weights for the theme.
    func evidence(theme: String, line: Range<Int>, in analysed: AnalysedText) -> [ThemeHit] {
        guard let weights = model.themes[theme]?.weights else { return [] }
        var strongest: [Int: (feature: String, weight: Double)] = [:]
        for (feature, token) in TextFeatures.features(of: analysed, bytes: line) {
            guard let weight = weights[feature], weight > 0 else { continue }
            if weight > strongest[token]?.weight ?? 0 { strongest[token] = (feature, weight) }
        }
        return strongest.sorted { ($1.value.weight, $0.key) < ($0.value.weight, $1.key) }
            .prefix(Self.evidenceWords)
            .sorted { $0.key < $1.key }
            .map { token, best in
                let range = analysed.tokens.range(at: token)
                return ThemeHit(term: "\(best.feature) (\(String(format: "%.2f", best.weight)))",
                                matched: analysed.tokens.text(at: token, in: analysed.text), byteRange: range)
            }
    }
}
