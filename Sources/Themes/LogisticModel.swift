import Foundation
import NorwegianText
import PipelineCore

/// The words a trainable classifier sees in a text.
///
/// For every word token of two letters or more that is not a function word: the lowercased word
/// (`w:heltidsstillinger`), and for words of eight letters or more also its first six letters
/// (`p:heltid`, the start of a compound) and its last six (`s:linger`, the head and ending), so
/// that inflected forms and compounds share features.
public enum TextFeatures {
    static let prefixLength = 6
    static let longWord = 8

    /// Function words that carry no theme (bokmål and nynorsk).
    static let stopWords: Set<String> = [
        "og", "i", "på", "til", "for", "av", "med", "som", "er", "det", "en", "et", "ei", "å", "at", "de", "den", "om",
        "har", "vi", "kan", "ikke", "fra", "eller", "men", "så", "også", "skal", "vil", "må", "ma", "blir", "ble",
        "være", "vært", "var", "seg", "sin", "sine", "sitt", "dette", "disse", "der", "da", "når", "nar", "hvor",
        "hva", "hvordan", "jeg", "du", "dere", "han", "hun", "oss", "mer", "mest", "over", "under", "etter", "før",
        "mellom", "ved", "om", "alle", "andre", "annen", "noe", "noen", "bli", "gjør", "gjøre", "få", "fa", "får",
        "ein", "eit", "ikkje", "dei", "og", "pa", "pé", "ogsa", "ogsé", "bade", "både", "samt", "by", "bl.a.",
    ]

    /// Features of the word tokens in `range` of the text's UTF-8, each with its token index.
    public static func features(of analysed: AnalysedText, bytes range: Range<Int>? = nil) -> [(feature: String, token: Int)] {
        var copy = analysed.text
        return copy.withUTF8 { bytes in
            var result: [(String, Int)] = []
            let tokens = analysed.tokens
            for index in 0 ..< tokens.count where tokens.kinds[index] == .word || tokens.kinds[index] == .abbreviation {
                let tokenRange = tokens.range(at: index)
                if let range, !range.contains(tokenRange.lowerBound) { continue }
                let form = String(decoding: NorwegianCase.lowercased(UnsafeBufferPointer(rebasing: bytes[tokenRange])), as: UTF8.self)
                guard form.count >= 2, !stopWords.contains(form) else { continue }
                result.append(("w:" + form, index))
                if form.count >= longWord {
                    result.append(("p:" + String(form.prefix(prefixLength)), index))
                    result.append(("s:" + String(form.suffix(prefixLength)), index))
                }
            }
            return result
        }
    }

    /// The non-empty lines of a text as byte ranges of its UTF-8.
    public static func lines(of text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (offset, byte) in text.utf8.enumerated() where byte == 0x0A {
            if offset > start { ranges.append(start ..< offset) }
            start = offset + 1
        }
        if text.utf8.count > start { ranges.append(start ..< text.utf8.count) }
        return ranges
    }
}

/// One labelled text to train on.
public struct TrainingExample: Sendable {
    public var text: AnalysedText
    public var themes: Set<String>

    public init(text: AnalysedText, themes: Set<String>) {
        self.text = text
        self.themes = themes
    }
}

/// A model file that cannot be read; names the file and line.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var reason: String
    public var description: String { "\(path):\(line): \(reason)" }
}

/// One-vs-rest logistic regression over `TextFeatures`: per theme a bias, a weight per feature
/// and a probability threshold. Saved as a readable TSV file (`tema<TAB>egenskap<TAB>vekt`).
public struct LogisticModel: Sendable, Equatable {
    public struct ThemeWeights: Sendable, Equatable {
        public var bias: Double
        public var threshold: Double
        public var weights: [String: Double]
    }

    /// Weights by theme id.
    public var themes: [String: ThemeWeights]
    /// Comment lines written at the top of the file (where the model came from).
    public var notes: [String]

    /// Training settings; the defaults were chosen by 5-fold cross-validation on the tuning split
    /// (`debattsvar evaluate --gold corpora/gold/tuning.tsv --classifier logistisk --folds 5`).
    public struct Settings: Sendable, Equatable {
        /// Features seen in fewer training texts are dropped.
        public var minimumCount = 2
        public var rounds = 800
        public var learningRate = 8.0
        /// L2 penalty.
        public var regularisation = 0.0003
        /// Positive examples count up to this many times more, for rare themes.
        public var maximumPositiveWeight = 10.0
        /// Probability at which a theme applies.
        public var threshold = 0.3
        /// Only the weights largest in size are kept, so the file stays readable.
        public var weightsPerTheme = 400

        public init() {}
    }

    public init(themes: [String: ThemeWeights], notes: [String] = []) {
        self.themes = themes
        self.notes = notes
    }

    // MARK: Training

    /// Trains one logistic regression per theme found in the examples' labels, by full-batch
    /// gradient descent from zero: deterministic, the same examples give the same model.
    public static func train(_ examples: [TrainingExample], themeIDs: [String]? = nil,
                             settings: Settings = Settings(), notes: [String] = []) -> LogisticModel {
        // Vocabulary: features in at least `minimumCount` examples, sorted.
        let featureSets = examples.map { Set(TextFeatures.features(of: $0.text).map(\.feature)) }
        var counts: [String: Int] = [:]
        for set in featureSets { for feature in set { counts[feature, default: 0] += 1 } }
        let vocabulary = counts.filter { $0.value >= settings.minimumCount }.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        // Each example as sorted feature columns with one value: 1/√(number of features in the
        // text, known or not), so that prediction can normalise the same way.
        let rows: [(columns: [Int], value: Double)] = featureSets.map { set in
            (set.compactMap { index[$0] }.sorted(), set.isEmpty ? 0 : 1 / Double(set.count).squareRoot())
        }
        let ids = themeIDs ?? Set(examples.flatMap(\.themes)).sorted()
        var themes: [String: ThemeWeights] = [:]
        let n = Double(max(examples.count, 1))
        for theme in ids {
            let labels = examples.map { $0.themes.contains(theme) ? 1.0 : 0.0 }
            let positives = labels.reduce(0, +)
            let negatives = Double(examples.count) - positives
            let positiveWeight = positives == 0 ? 1 : min(settings.maximumPositiveWeight, max(1, negatives / positives))
            var weights = [Double](repeating: 0, count: vocabulary.count)
            var bias = positives == 0 ? -5.0 : log(max(positives, 0.5) / max(negatives, 0.5))
            var gradient = [Double](repeating: 0, count: vocabulary.count)
            for _ in 0 ..< settings.rounds {
                for k in gradient.indices { gradient[k] = settings.regularisation * weights[k] }
                var biasGradient = 0.0
                for (row, label) in zip(rows, labels) {
                    var z = bias
                    for k in row.columns { z += weights[k] * row.value }
                    let error = (sigmoid(z) - label) * (label == 1 ? positiveWeight : 1) / n
                    biasGradient += error
                    for k in row.columns { gradient[k] += error * row.value }
                }
                bias -= settings.learningRate * biasGradient
                for k in weights.indices { weights[k] -= settings.learningRate * gradient[k] }
            }
            var kept: [String: Double] = [:]
            let largest = weights.indices.filter { abs(weights[$0]) >= 0.0005 }
                .sorted { (abs(weights[$1]), vocabulary[$0]) < (abs(weights[$0]), vocabulary[$1]) }
                .prefix(settings.weightsPerTheme)
            for k in largest { kept[vocabulary[k]] = weights[k] }
            themes[theme] = ThemeWeights(bias: bias, threshold: settings.threshold, weights: kept)
        }
        return LogisticModel(themes: themes, notes: notes)
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    // MARK: Using the model

    /// Probability of each theme for one piece of text given as its features.
    func probabilities(_ features: [String]) -> [String: Double] {
        let unique = Set(features)
        var result: [String: Double] = [:]
        for (theme, model) in themes {
            let known = unique.filter { model.weights[$0] != nil }
            // Normalised by every feature of the text, as in training.
            let value = unique.isEmpty ? 0 : 1 / Double(unique.count).squareRoot()
            var z = model.bias
            for feature in known { z += model.weights[feature]! * value }
            result[theme] = Self.sigmoid(z)
        }
        return result
    }

    // MARK: The file

    static let magic = "# debattsvar-modell: logistisk"

    /// The model as TSV: comments, a header, then per theme its threshold, its bias and its
    /// weights, largest first.
    public var fileText: String {
        func number(_ value: Double) -> String { String(format: "%.4f", value) }
        var lines = [Self.magic]
        lines += notes.map { "# " + $0 }
        lines.append("# Én regresjon per tema. <terskel>: sannsynlighet der temaet gjelder; <konstant>: skjæringsledd;")
        lines.append("# w: ord, p: de seks første bokstavene og s: de seks siste i ord på minst åtte bokstaver.")
        lines.append("tema\tegenskap\tvekt")
        for theme in themes.keys.sorted() {
            let model = themes[theme]!
            lines.append("\(theme)\t<terskel>\t\(number(model.threshold))")
            lines.append("\(theme)\t<konstant>\t\(number(model.bias))")
            for (feature, weight) in model.weights.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("\(theme)\t\(feature)\t\(number(weight))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a model file written by `fileText`.
    public init(parsing text: String, path: String) throws(ModelFileError) {
        var themes: [String: ThemeWeights] = [:]
        var notes: [String] = []
        var sawMagic = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if line == Self.magic { sawMagic = true } else if sawMagic, !line.hasPrefix("# Én regresjon"), !line.hasPrefix("# w: ord") {
                    notes.append(String(line.dropFirst(2)))
                }
                continue
            }
            guard sawMagic else {
                throw ModelFileError(path: path, line: number, reason: "ikke en modellfil: første linje skal være «\(Self.magic)»")
            }
            if line == "tema\tegenskap\tvekt" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty, let value = Double(fields[2]), value.isFinite else {
                throw ModelFileError(path: path, line: number, reason: "venter tema<TAB>egenskap<TAB>tall")
            }
            var model = themes[fields[0]] ?? ThemeWeights(bias: 0, threshold: 0.5, weights: [:])
            switch fields[1] {
            case "<konstant>": model.bias = value
            case "<terskel>":
                guard value > 0, value < 1 else { throw ModelFileError(path: path, line: number, reason: "<terskel> må ligge mellom 0 og 1") }
                model.threshold = value
            default:
                guard model.weights[fields[1]] == nil else {
                    throw ModelFileError(path: path, line: number, reason: "«\(fields[1])» står to ganger for \(fields[0])")
                }
                model.weights[fields[1]] = value
            }
            themes[fields[0]] = model
        }
        guard sawMagic else { throw ModelFileError(path: path, line: 1, reason: "tom fil eller ikke en modellfil") }
        guard !themes.isEmpty else { throw ModelFileError(path: path, line: 1, reason: "modellen har ingen temaer") }
        self.init(themes: themes, notes: notes)
    }

    public static func load(_ url: URL) throws -> LogisticModel {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ModelFileError(path: url.path, line: 0, reason: "kan ikke lese fila som UTF-8")
        }
        return try LogisticModel(parsing: text, path: url.path)
    }

    /// The model shipped with Debattsvar, trained on `corpora/gold/tuning.tsv`.
    public static func bundled() throws -> LogisticModel {
        try load(ResourceLocator.url(target: "Themes", subpath: "modeller/logistisk.tsv"))
    }
}
