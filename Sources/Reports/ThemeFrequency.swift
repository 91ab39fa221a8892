import PipelineCore

/// How often one theme comes up in the answers to one question.
public struct ThemeFrequency: Sendable, Hashable {
    public var question: QuestionKey
    public var theme: ThemeLabel
    public var answersWithTheme: Int
    public var answersTotal: Int
    public var respondentsWithTheme: Int
    public var respondentsTotal: Int
}

extension YearResults {
    /// Theme × question counts: answers and respondents (municipalities and counties) that raise
    /// each theme, with the totals answering. Numbered questions in order, then `generelt`.
    public func themeFrequencies() -> [ThemeFrequency] {
        let keys = questions.map { QuestionKey.number($0.number) } + [.general]
        var rows: [ThemeFrequency] = []
        for key in keys {
            var answering = Set<String>()
            var answers = 0
            var withTheme: [String: (answers: Int, respondents: Set<String>)] = [:]
            for document in documents where document.entry.status == .ok {
                for classified in document.answers where classified.answer.question == key {
                    answers += 1
                    answering.insert(document.respondentKey)
                    for score in classified.themes {
                        withTheme[score.themeID, default: (0, [])].answers += 1
                        withTheme[score.themeID, default: (0, [])].respondents.insert(document.respondentKey)
                    }
                }
            }
            for theme in themes {
                let counts = withTheme[theme.id]
                rows.append(ThemeFrequency(question: key, theme: theme, answersWithTheme: counts?.answers ?? 0,
                                           answersTotal: answers, respondentsWithTheme: counts?.respondents.count ?? 0,
                                           respondentsTotal: answering.count))
            }
        }
        return rows
    }

    /// The label of a question key: the question text, or a note for `generelt`.
    public func questionText(_ key: QuestionKey) -> String {
        switch key {
        case let .number(n): questions.first { $0.number == n }?.text ?? ""
        case .general: "Tekst utenfor spørsmålene (innledning, oppsummering o.l.)"
        }
    }
}
