import PipelineCore

/// How many quotes a report keeps: enough to read, bounded however many answers there are.
public struct QuoteLimits: Sendable, Hashable {
    /// Quotes kept per theme and question.
    public var perCell: Int
    /// Of those, at most this many from one respondent, so one long answer cannot fill a cell.
    public var perRespondentInCell: Int
    /// Quotes kept per theme and question for a respondent's own page.
    public var perRespondentPage: Int

    public init(perCell: Int, perRespondentInCell: Int, perRespondentPage: Int) {
        self.perCell = perCell
        self.perRespondentInCell = perRespondentInCell
        self.perRespondentPage = perRespondentPage
    }

    public static let standard = QuoteLimits(perCell: 5, perRespondentInCell: 2, perRespondentPage: 2)
}

/// What kind of respondent a register number names.
public enum RespondentKind: String, Sendable, Hashable, Comparable {
    case municipality = "kommune"
    case county = "fylkeskommune"
    /// Not in the register (or not identified): counted, listed, never guessed.
    case unknown = "ukjent"

    private var rank: Int { self == .municipality ? 0 : self == .county ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One respondent (municipality or county) of a year: what they answered and which themes they raised.
public struct RespondentSummary: Sendable, Hashable {
    /// The counting key: register number, else name or file path.
    public var key: String
    public var label: RespondentLabel
    public var kind: RespondentKind
    /// The county in the year's structure; empty when unknown.
    public var countyNumber: String
    /// Files (or survey rows) processed for this respondent, in path order.
    public var files: [String]
    /// Questions with at least one answer, in question order.
    public var questions: [QuestionKey]
    /// For each theme raised, the questions where it came up, in question order.
    public var themes: [String: [QuestionKey]]
    /// Matches behind each theme.
    public var hits: [String: Int]
    /// A few quotes per theme and question, for the respondent's own page, by theme.
    public var quotes: [String: [Quote]]
}

/// Answers and respondents behind one theme in one question.
public struct CellCount: Sendable, Hashable {
    public var answers: Int
    public var respondents: Int
}

/// One answer's scores, for the tidy file.
public struct AnswerRow: Sendable, Hashable {
    public struct Score: Sendable, Hashable {
        public var score: Double
        /// Matches behind the score.
        public var hits: Int
    }

    public var path: String
    public var respondentKey: String
    public var question: QuestionKey
    /// Applying themes by id.
    public var themes: [String: Score]
}

/// How often a pattern of a theme matched.
public struct TermCount: Sendable, Hashable {
    /// The pattern as written in the theme file, e.g. `heltid*`.
    public var term: String
    public var hits: Int
    public var respondents: Int
    /// The words it matched, lowercased, most frequent first.
    public var forms: [FormCount]
}

public struct FormCount: Sendable, Hashable {
    public var form: String
    public var count: Int
}

/// The quotes kept for one theme in one question, and how many there were.
public struct QuoteCell: Sendable, Hashable {
    public var quotes: [Quote]
    /// Sentences with a match in all answers, shown or not.
    public var total: Int
}

/// One row of `evidens.csv`: a match with the line around it.
public struct EvidenceRow: Sendable, Hashable {
    public var path: String
    public var respondent: RespondentLabel
    /// The respondent's name as identified; empty when it was not.
    public var respondentName: String
    public var question: QuestionKey
    public var hit: ThemeHit
    public var line: Int?
    public var before: String
    public var after: String
}

/// Everything the reports of one year are made from: counts, bounded quotes and the
/// manifest — no answer's full text.
public struct YearReport: Sendable {
    public var year: Int
    public var questions: [QuestionLabel]
    public var themes: [ThemeLabel]
    public var register: RegisterFacts
    public var limits: QuoteLimits
    /// Every input file (or survey row) of the year, in the order fed (path order, survey rows in row order).
    public var entries: [ManifestEntry]
    /// Respondents with at least one processed file: municipalities by number, then counties,
    /// then unknown respondents by name.
    public var respondents: [RespondentSummary]
    /// Answers per question.
    public var answers: [QuestionKey: Int]
    /// Answers raising each theme, per question.
    public var answersWithTheme: [QuestionKey: [String: Int]]
    /// One row per answer, in path and question order.
    public var answerRows: [AnswerRow]
    /// Per theme, its patterns by number of matches.
    public var terms: [String: [TermCount]]
    /// Per theme and question, the quotes kept.
    public var quotes: [String: [QuestionKey: QuoteCell]]
    /// Per theme, matches in document order: every match when `evidenceIsComplete`, else (the
    /// rows were written to an `EvidenceSpool`) the first `YearReportRenderer.evidencePerCell`
    /// of each question.
    public var evidence: [String: [EvidenceRow]]
    /// Per theme and question, the number of matches.
    public var evidenceCounts: [String: [QuestionKey: Int]] = [:]
    /// False when the evidence rows went to a spool and `evidence` holds only the first few.
    public var evidenceIsComplete = true

    /// Numbered questions of the booklet in order, then `generelt`.
    public var questionKeys: [QuestionKey] { questions.map { .number($0.number) } + [.general] }

    /// Respondents who gave at least one answer.
    public var answering: [RespondentSummary] { respondents.filter { !$0.questions.isEmpty } }

    public func respondent(_ key: String) -> RespondentSummary? { respondentIndex[key].map { respondents[$0] } }

    var respondentIndex: [String: Int] = [:]

    /// Respondents and answers raising `theme` in `question`, and the totals answering it.
    public func cell(_ theme: String, _ question: QuestionKey) -> (with: CellCount, total: CellCount) {
        var with = 0, total = 0
        for respondent in respondents where respondent.questions.contains(question) {
            total += 1
            if respondent.themes[theme]?.contains(question) == true { with += 1 }
        }
        return (CellCount(answers: answersWithTheme[question]?[theme] ?? 0, respondents: with),
                CellCount(answers: answers[question] ?? 0, respondents: total))
    }

    /// Respondents raising `theme` in any answer.
    public func respondentsWithTheme(_ theme: String) -> Int {
        respondents.filter { $0.themes[theme] != nil }.count
    }

    /// The question label for a key.
    public func question(_ key: QuestionKey) -> QuestionLabel? {
        guard case let .number(n) = key else { return nil }
        return questions.first { $0.number == n }
    }

    /// True when the question itself raises the theme.
    public func questionAsks(_ key: QuestionKey, theme: String) -> Bool {
        question(key)?.themes.contains(theme) ?? false
    }

    /// The label of a question key: the question text, or a note for `generelt`.
    public func questionText(_ key: QuestionKey) -> String {
        switch key {
        case let .number(n): questions.first { $0.number == n }?.text ?? ""
        case .general: "Tekst utenfor spørsmålene (innledning, oppsummering o.l.)"
        }
    }

    /// Numbers of the booklet questions that raise the theme.
    public func questionsAsking(_ theme: String) -> [Int] {
        questions.filter { $0.themes.contains(theme) }.map(\.number)
    }
}

/// Builds a `YearReport` from documents fed one at a time, in path order: each document's
/// answers are counted and quoted when it arrives, and only the counts and a bounded number of
/// quotes are kept.
public struct YearAggregator: Sendable {
    public let year: Int
    public let questions: [QuestionLabel]
    public let themes: [ThemeLabel]
    public let register: RegisterFacts
    public let limits: QuoteLimits

    private var entries: [ManifestEntry] = []
    private var respondents: [String: Building] = [:]
    private var answers: [QuestionKey: Int] = [:]
    private var answersWithTheme: [QuestionKey: [String: Int]] = [:]
    private var answerRows: [AnswerRow] = []
    private var terms: [String: [String: (hits: Int, respondents: Set<String>, forms: [String: Int])]] = [:]
    private var quotes: [String: [QuestionKey: QuoteCell]] = [:]
    private var evidence: [String: [EvidenceRow]] = [:]
    private var evidenceCounts: [String: [QuestionKey: Int]] = [:]
    /// Where evidence rows go when they are not all kept: see `init(…, evidence:)`.
    private let spool: EvidenceSpool?
    private let municipalities: [String: RegisterUnit]
    private let counties: [String: RegisterUnit]
    private let countyByName: [String: RegisterUnit]

    private struct Building {
        var summary: RespondentSummary
        var questions: Set<QuestionKey> = []
        var themes: [String: Set<QuestionKey>] = [:]
        /// Quotes of this respondent kept in the year's cells, and on its own page, per theme and question.
        var inCells: [String: Int] = [:]
        var onPage: [String: Int] = [:]
    }

    /// An aggregator that keeps every evidence row in memory (`YearReport.evidence` complete), or,
    /// with `evidence`, writes each row to that spool as it comes and keeps only the first
    /// `YearReportRenderer.evidencePerCell` of each theme and question for the Markdown report.
    public init(year: Int, questions: [QuestionLabel], themes: [ThemeLabel], register: RegisterFacts = .none,
                limits: QuoteLimits = .standard, evidence spool: EvidenceSpool? = nil) {
        self.spool = spool
        self.year = year
        self.questions = questions
        self.themes = themes
        self.register = register
        self.limits = limits
        municipalities = Dictionary(register.municipalities.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        counties = Dictionary(register.counties.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        countyByName = Dictionary(register.counties.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// How reports name the respondent of a manifest entry: the register name, else the file.
    static func label(_ entry: ManifestEntry) -> RespondentLabel {
        if let respondent = entry.respondent {
            return RespondentLabel(number: respondent.number, name: respondent.name, county: respondent.county)
        }
        return RespondentLabel(number: "", name: entry.path, county: "")
    }

    /// Counts one document. Feed documents in path order: quotes are kept first come, first served.
    public mutating func add(_ document: ProcessedDocument) {
        add(Self.contribution(of: document, year: year, limits: limits, allEvidence: spool == nil))
    }

    /// What `document` adds to a year's reports, worked out on its own: its quotes and evidence
    /// rows cut from the answer texts, which it no longer holds. Pure, so it can run on any
    /// thread; `add(_:)` then only counts.
    ///
    /// Only what an aggregator with `limits` can use is made: per theme and question, the first
    /// quotes a respondent can have in a cell or on its page (later ones are counted), and, unless
    /// `allEvidence`, the first `YearReportRenderer.evidencePerCell` evidence rows (every row is
    /// in `evidenceLines`).
    public static func contribution(of document: ProcessedDocument, year: Int, limits: QuoteLimits = .standard,
                                    allEvidence: Bool = true) -> DocumentContribution {
        let key = document.respondentKey
        let label = label(document.entry)
        var contribution = DocumentContribution(entry: document.entry, respondentKey: key, label: label, answers: [])
        guard document.entry.status == .ok else { return contribution }
        let name = document.entry.respondent?.name ?? ""
        let path = document.entry.path
        let quoteLimit = max(limits.perRespondentInCell, limits.perRespondentPage)
        var quotesMade: [String: Int] = [:]
        var rowsKept: [String: Int] = [:]
        for classified in document.answers {
            let question = classified.answer.question
            var part = DocumentContribution.AnswerPart(question: question, scores: [])
            let bytes = classified.themes.isEmpty ? [] : Array(classified.answer.text.utf8)
            for score in classified.themes {
                var scorePart = DocumentContribution.ScorePart(themeID: score.themeID, score: score.score, hits: score.hits.count,
                                                               terms: [], evidence: [], evidenceLines: "", quotes: [], sentences: 0)
                let cellKey = score.themeID + "\u{1F}" + question.description
                for hit in score.hits {
                    scorePart.terms.append((hit.term, hit.matched.lowercased()))
                    let row = evidenceRow(hit, classified.answer, bytes, path: path, respondent: label, name: name)
                    scorePart.evidenceLines += YearReportRenderer.evidenceLine(year: year, themeID: score.themeID, row: row)
                    if allEvidence || rowsKept[cellKey, default: 0] < YearReportRenderer.evidencePerCell {
                        scorePart.evidence.append(row)
                        rowsKept[cellKey, default: 0] += 1
                    }
                }
                let made = quotesMade[cellKey, default: 0]
                (scorePart.quotes, scorePart.sentences) = SentenceContext.quotes(
                    bytes: bytes, matches: score.hits.map { ($0.byteRange, $0.term) }, limit: quoteLimit - made
                ) { _, fragments, terms, first in
                    Quote(path: path, respondent: label, question: question,
                          line: classified.answer.sourceLine(atByteOffset: first), fragments: fragments, terms: terms)
                }
                quotesMade[cellKey] = made + scorePart.quotes.count
                part.scores.append(scorePart)
            }
            contribution.answers.append(part)
        }
        return contribution
    }

    /// Counts one document's contribution. Feed them in path order: quotes are kept first come,
    /// first served.
    public mutating func add(_ document: DocumentContribution) {
        entries.append(document.entry)
        guard document.entry.status == .ok else { return }
        let key = document.respondentKey
        let label = document.label
        if respondents[key] == nil {
            let (kind, countyNumber) = classify(document.entry.respondent)
            respondents[key] = Building(summary: RespondentSummary(
                key: key, label: label, kind: kind, countyNumber: countyNumber, files: [], questions: [],
                themes: [:], hits: [:], quotes: [:]))
        }
        respondents[key]!.summary.files.append(document.entry.path)
        for part in document.answers {
            let question = part.question
            answers[question, default: 0] += 1
            respondents[key]!.questions.insert(question)
            var row = AnswerRow(path: document.entry.path, respondentKey: key, question: question, themes: [:])
            for score in part.scores {
                answersWithTheme[question, default: [:]][score.themeID, default: 0] += 1
                respondents[key]!.themes[score.themeID, default: []].insert(question)
                respondents[key]!.summary.hits[score.themeID, default: 0] += score.hits
                row.themes[score.themeID] = AnswerRow.Score(score: score.score, hits: score.hits)
                for (pattern, form) in score.terms {
                    var term = terms[score.themeID, default: [:]][pattern, default: (0, [], [:])]
                    term.hits += 1
                    term.respondents.insert(key)
                    term.forms[form, default: 0] += 1
                    terms[score.themeID, default: [:]][pattern] = term
                }
                if score.hits > 0 {
                    let before = evidenceCounts[score.themeID, default: [:]][question, default: 0]
                    evidenceCounts[score.themeID, default: [:]][question] = before + score.hits
                    if let spool {
                        spool.append(score.evidenceLines, theme: score.themeID)
                        let keep = max(0, YearReportRenderer.evidencePerCell - before)
                        evidence[score.themeID, default: []] += score.evidence.prefix(keep)
                    } else {
                        evidence[score.themeID, default: []] += score.evidence
                    }
                }
                var cell = quotes[score.themeID, default: [:]][question, default: QuoteCell(quotes: [], total: 0)]
                cell.total += score.sentences
                let cellKey = score.themeID + "\u{1F}" + question.description
                for quote in score.quotes {
                    if cell.quotes.count < limits.perCell, respondents[key]!.inCells[cellKey, default: 0] < limits.perRespondentInCell {
                        cell.quotes.append(quote)
                        respondents[key]!.inCells[cellKey, default: 0] += 1
                    }
                    if respondents[key]!.onPage[cellKey, default: 0] < limits.perRespondentPage {
                        respondents[key]!.summary.quotes[score.themeID, default: []].append(quote)
                        respondents[key]!.onPage[cellKey, default: 0] += 1
                    }
                }
                quotes[score.themeID, default: [:]][question] = cell
            }
            answerRows.append(row)
        }
    }

    /// The report of everything added.
    public func finish() -> YearReport {
        let order = Dictionary(questions.enumerated().map { (QuestionKey.number($0.element.number), $0.offset) },
                               uniquingKeysWith: { a, _ in a })
        func sortedQuestions(_ keys: Set<QuestionKey>) -> [QuestionKey] {
            keys.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
        }
        var summaries: [RespondentSummary] = respondents.values.map { building in
            var summary = building.summary
            summary.questions = sortedQuestions(building.questions)
            summary.themes = building.themes.mapValues(sortedQuestions)
            return summary
        }
        summaries.sort { a, b in
            (a.kind, a.kind == .unknown ? a.label.name : a.label.number, a.key) < (b.kind, b.kind == .unknown ? b.label.name : b.label.number, b.key)
        }
        var report = YearReport(
            year: year, questions: questions, themes: themes, register: register, limits: limits,
            entries: entries, respondents: summaries, answers: answers,
            answersWithTheme: answersWithTheme, answerRows: answerRows,
            terms: terms.mapValues { patterns in
                patterns.map { term, count in
                    TermCount(term: term, hits: count.hits, respondents: count.respondents.count,
                              forms: count.forms.map { FormCount(form: $0.key, count: $0.value) }
                                  .sorted { ($1.count, $0.form) < ($0.count, $1.form) })
                }.sorted { ($1.hits, $0.term) < ($0.hits, $1.term) }
            },
            quotes: quotes, evidence: evidence, evidenceCounts: evidenceCounts, evidenceIsComplete: spool == nil)
        report.respondentIndex = Dictionary(summaries.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return report
    }

    /// Kind and county number of a respondent in the year's structure.
    private func classify(_ respondent: Respondent?) -> (RespondentKind, String) {
        guard let respondent, !respondent.number.isEmpty else {
            return (.unknown, respondent.flatMap { countyByName[$0.county]?.number } ?? "")
        }
        if register.isEmpty {
            let kind: RespondentKind = respondent.number.count == 4 ? .municipality : respondent.number.count == 2 ? .county : .unknown
            return (kind, kind == .county ? respondent.number : kind == .municipality ? String(respondent.number.prefix(2)) : "")
        }
        if let unit = municipalities[respondent.number] { return (.municipality, unit.countyNumber) }
        if let unit = counties[respondent.number] { return (.county, unit.number) }
        return (.unknown, countyByName[respondent.county]?.number ?? "")
    }

    /// The evidence row of a match: the line around it, clipped.
    /// How far from a hit the line around it is looked for: enough for the 120 characters kept
    /// on each side, so a one-line file of many megabytes costs no more per hit than a short one.
    static let contextWindow = 1024

    private static func evidenceRow(_ hit: ThemeHit, _ answer: Answer, _ bytes: [UInt8], path: String, respondent: RespondentLabel,
                             name: String) -> EvidenceRow {
        let window = Self.contextWindow
        let searchFrom = max(0, hit.byteRange.lowerBound - window)
        var lineStart = bytes[searchFrom ..< hit.byteRange.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? searchFrom
        // Markdown headings and list markers are layout, not words of the quote.
        if lineStart == 0 || bytes[lineStart - 1] == 0x0A {
            while lineStart < hit.byteRange.lowerBound, SentenceContext.lineDecoration.contains(bytes[lineStart]) { lineStart += 1 }
        } else {
            // The window cut a character in two: start at the next whole one.
            while lineStart < hit.byteRange.lowerBound, bytes[lineStart] & 0xC0 == 0x80 { lineStart += 1 }
        }
        let searchTo = min(bytes.count, hit.byteRange.upperBound + window)
        var lineEnd = bytes[hit.byteRange.upperBound ..< searchTo].firstIndex(of: 0x0A) ?? searchTo
        while lineEnd < bytes.count, lineEnd > hit.byteRange.upperBound, bytes[lineEnd] & 0xC0 == 0x80 { lineEnd -= 1 }
        return EvidenceRow(
            path: path, respondent: respondent, respondentName: name, question: answer.question, hit: hit,
            line: answer.sourceLine(atByteOffset: hit.byteRange.lowerBound),
            before: SentenceContext.clip(String(decoding: bytes[lineStart ..< hit.byteRange.lowerBound], as: UTF8.self), keepEnd: true, limit: 120),
            after: SentenceContext.clip(String(decoding: bytes[hit.byteRange.upperBound ..< lineEnd], as: UTF8.self), keepEnd: false, limit: 120))
    }
}

/// What one document adds to its year's reports (`YearAggregator.contribution(of:year:)`): the
/// manifest entry, and per answer and theme the counts, matched patterns, evidence rows and
/// quotes. Holds no answer text.
public struct DocumentContribution: Sendable {
    public var entry: ManifestEntry
    public var respondentKey: String
    public var label: RespondentLabel
    public var answers: [AnswerPart]

    /// One answer: its question and the themes that apply.
    public struct AnswerPart: Sendable {
        public var question: QuestionKey
        public var scores: [ScorePart]
    }

    /// One theme of an answer.
    public struct ScorePart: Sendable {
        public var themeID: String
        public var score: Double
        /// Matches behind the score.
        public var hits: Int
        /// Per match, its pattern and the matched words lowercased.
        public var terms: [(pattern: String, form: String)]
        /// Evidence rows (all, or the first few of the theme and question), and every match's
        /// row as lines of `evidens.csv`.
        public var evidence: [EvidenceRow]
        public var evidenceLines: String
        /// One quote per sentence with a match, as many as can be used.
        public var quotes: [Quote]
        /// Sentences with a match.
        public var sentences: Int
    }
}
