import PipelineCore

/// K-fold cross-validation for the classifiers that use a trained model.
///
/// Units are dealt into folds in blocks of `blockSize` in file order (block 0 to fold 0, block 1
/// to fold 1, …), so neighbouring paragraphs, which share their topic, stay in one fold. Each
/// fold is classified by a classifier whose model was trained on the other folds only.
public enum CrossValidation {
    public static let blockSize = 4

    /// The fold of each unit.
    public static func folds(units: Int, count: Int) -> [Int] {
        (0 ..< units).map { ($0 / blockSize) % count }
    }

    /// Predicted themes by unit id, every unit predicted by a model that never saw it.
    public static func predictions(units: [GoldUnit], analysed: [AnalysedText], folds count: Int,
                                   settings: LogisticModel.Settings = LogisticModel.Settings(),
                                   classifier make: (LogisticModel) throws -> any ThemeClassifier) rethrows -> [String: Set<String>] {
        let fold = folds(units: units.count, count: count)
        var result: [String: Set<String>] = [:]
        for k in 0 ..< count {
            let training = units.indices.filter { fold[$0] != k }.map { TrainingExample(text: analysed[$0], themes: units[$0].themes) }
            let model = LogisticModel.train(training, settings: settings)
            let classifier = try make(model)
            for index in units.indices where fold[index] == k {
                result[units[index].id] = Set(classifier.classify(analysed[index]).map(\.themeID))
            }
        }
        return result
    }
}
