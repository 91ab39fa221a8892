import PipelineCore

/// A booklet question as reports label it.
public struct QuestionLabel: Sendable, Hashable {
    public var number: Int
    public var part: String
    public var text: String
    /// Ids of the themes the question itself raises (the classifier run on the question's
    /// part, heading and text): an answer raising them was asked to.
    public var themes: [String]

    public init(number: Int, part: String, text: String, themes: [String] = []) {
        self.number = number
        self.part = part
        self.text = text
        self.themes = themes
    }
}

/// A theme as reports label it.
public struct ThemeLabel: Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// One answer after classification.
public struct ClassifiedAnswer: Sendable {
    public var answer: Answer
    public var themes: [ThemeScore]

    public init(answer: Answer, themes: [ThemeScore]) {
        self.answer = answer
        self.themes = themes
    }
}

/// One input file after the run: its manifest entry and, when processed, its answers.
public struct ProcessedDocument: Sendable {
    public var entry: ManifestEntry
    public var answers: [ClassifiedAnswer]

    public init(entry: ManifestEntry, answers: [ClassifiedAnswer] = []) {
        self.entry = entry
        self.answers = answers
    }

    /// The key used to count respondents: the register number, else the file path.
    public var respondentKey: String { entry.respondent?.key ?? "fil:" + entry.path }
}

/// Every document of one year, held together: a convenience for small inputs and tests. Runs
/// feed documents one by one to a `YearAggregator` instead.
public struct YearResults: Sendable {
    public var year: Int
    public var questions: [QuestionLabel]
    public var themes: [ThemeLabel]
    /// Documents in path order.
    public var documents: [ProcessedDocument]

    public init(year: Int, questions: [QuestionLabel], themes: [ThemeLabel], documents: [ProcessedDocument]) {
        self.year = year
        self.questions = questions
        self.themes = themes
        self.documents = documents
    }
}

extension YearResults {
    /// The year's report: every document fed to an aggregator in path order.
    public func report(register: RegisterFacts = .none, limits: QuoteLimits = .standard) -> YearReport {
        var aggregator = YearAggregator(year: year, questions: questions, themes: themes, register: register, limits: limits)
        for document in documents { aggregator.add(document) }
        return aggregator.finish()
    }
}
