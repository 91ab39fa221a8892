import PipelineCore

/// How often one theme comes up in the answers to one question.
public struct ThemeFrequency: Sendable, Hashable {
    public var question: QuestionKey
    public var theme: ThemeLabel
    public var answersWithTheme: Int
    public var answersTotal: Int
    public var respondentsWithTheme: Int
    public var respondentsTotal: Int
    /// True when the question itself raises the theme.
    public var asked: Bool
}

extension YearReport {
    /// Theme × question counts: answers and respondents (municipalities and counties) that raise
    /// each theme, with the totals answering. Numbered questions in order, then `generelt`;
    /// themes in the order loaded.
    public func themeFrequencies() -> [ThemeFrequency] {
        questionKeys.flatMap { key in
            themes.map { theme in
                let (with, total) = cell(theme.id, key)
                return ThemeFrequency(question: key, theme: theme, answersWithTheme: with.answers, answersTotal: total.answers,
                                      respondentsWithTheme: with.respondents, respondentsTotal: total.respondents,
                                      asked: questionAsks(key, theme: theme.id))
            }
        }
    }
}

/// Who answered, against the register of the year.
public struct Coverage: Sendable, Hashable {
    public struct County: Sendable, Hashable {
        public var number: String
        public var name: String
        /// Municipalities in the county in the register.
        public var municipalities: Int
        /// Municipalities of the county that answered; for «Ukjent fylke», every sender in it.
        public var answered: Int
        /// True when the county council (fylkeskommune) answered.
        public var countyAnswered: Bool
        /// Respondents counted in the county (municipalities, the county council, unknown ones
        /// whose county is known): the denominator of the county's theme shares.
        public var respondents: Int
    }

    public var structureYear: Int
    public var municipalitiesInRegister: Int
    public var countiesInRegister: Int
    public var municipalitiesAnswered: Int
    public var countiesAnswered: Int
    /// Respondents not in the register (unidentified files count one each).
    public var unknownAnswered: Int
    public var counties: [County]
    /// Municipalities and counties of the register with no processed answer, by number.
    public var missing: [RegisterUnit]
    /// The same for counties (fylkeskommuner).
    public var missingCounties: [RegisterUnit]
}

extension YearReport {
    /// Respondents counted in the year's tables: everyone with at least one answer.
    public var respondentsTotal: Int { answering.count }

    /// Answers in all questions.
    public var answersTotal: Int { answers.values.reduce(0, +) }

    /// Who answered and who did not, by county. Without a register only the respondents'
    /// counties are listed.
    public func coverage() -> Coverage {
        let answering = self.answering
        let answeredNumbers = Set(answering.filter { $0.kind != .unknown }.map(\.label.number))
        var counties: [Coverage.County] = []
        let countyUnits: [RegisterUnit]
        if register.counties.isEmpty {
            let known = Dictionary(answering.filter { !$0.countyNumber.isEmpty }.map { ($0.countyNumber, $0.label.county) },
                                   uniquingKeysWith: { a, _ in a })
            countyUnits = known.map { RegisterUnit(number: $0.key, name: $0.value, countyNumber: $0.key, county: $0.value) }
                .sorted { $0.number < $1.number }
        } else {
            countyUnits = register.counties
        }
        for county in countyUnits {
            let inCounty = register.municipalities.filter { $0.countyNumber == county.number }
            counties.append(Coverage.County(
                number: county.number, name: county.name, municipalities: inCounty.count,
                answered: answering.filter { $0.kind == .municipality && $0.countyNumber == county.number }.count,
                countyAnswered: answering.contains { $0.kind == .county && $0.countyNumber == county.number },
                respondents: answering.filter { $0.countyNumber == county.number }.count))
        }
        let knownCounties = Set(countyUnits.map(\.number))
        let withoutCounty = answering.filter { !knownCounties.contains($0.countyNumber) }
        if !withoutCounty.isEmpty {
            // Senders whose county is not known: every one of them answered.
            counties.append(Coverage.County(number: "", name: "Ukjent fylke", municipalities: 0,
                                            answered: withoutCounty.count,
                                            countyAnswered: false, respondents: withoutCounty.count))
        }
        return Coverage(
            structureYear: register.structureYear,
            municipalitiesInRegister: register.municipalities.count, countiesInRegister: register.counties.count,
            municipalitiesAnswered: answering.filter { $0.kind == .municipality }.count,
            countiesAnswered: answering.filter { $0.kind == .county }.count,
            unknownAnswered: answering.filter { $0.kind == .unknown }.count,
            counties: counties,
            missing: register.municipalities.filter { !answeredNumbers.contains($0.number) },
            missingCounties: register.counties.filter { !answeredNumbers.contains($0.number) })
    }

    /// Respondents in a county (by number; empty for «unknown county») raising a theme anywhere.
    public func countyCount(_ countyNumber: String, theme: String, coverage: Coverage) -> Int {
        let known = Set(coverage.counties.map(\.number).filter { !$0.isEmpty })
        return answering.filter { respondent in
            let inCounty = countyNumber.isEmpty ? (respondent.countyNumber.isEmpty || !known.contains(respondent.countyNumber))
                : respondent.countyNumber == countyNumber
            return inCounty && respondent.themes[theme] != nil
        }.count
    }
}

/// What the year's files looked like: statuses, formats, encodings, repairs, findings.
public struct DataQuality: Sendable, Hashable {
    public struct StatusCount: Sendable, Hashable {
        public var status: FileStatus
        public var count: Int
    }

    public struct FormatCount: Sendable, Hashable {
        public var format: String
        public var count: Int
    }

    public struct EncodingCount: Sendable, Hashable {
        public var encoding: String
        public var count: Int
    }

    public struct Example: Sendable, Hashable {
        /// The file, with `:line` when the finding names a line.
        public var path: String
        public var message: String
    }

    public struct FindingGroup: Sendable, Hashable {
        public var stage: String
        public var severity: Finding.Severity
        /// Files with at least one such finding.
        public var files: Int
        /// Changes counted: the number a message starts with (`3 endringer (…)`), else one per finding.
        public var count: Int
        /// The first few findings: file and message.
        public var examples: [Example]
    }

    public var files: Int
    public var byStatus: [StatusCount]
    public var byFormat: [FormatCount]
    public var byEncoding: [EncodingCount]
    /// Words repaired from double UTF-8 encoding, and in how many files.
    public var repairedWords: Int
    public var filesWithRepairs: Int
    public var findings: [FindingGroup]
    public var charactersKept: Int
    public var charactersRemoved: Int
    public var filesWithRemovedText: Int
    /// Files skipped or failed, with the reason.
    public var problems: [ManifestEntry]

    public static let examplesPerGroup = 3

    public init(entries: [ManifestEntry]) {
        files = entries.count
        byStatus = [FileStatus.ok, .skipped, .failed].map { status in StatusCount(status: status, count: entries.filter { $0.status == status }.count) }
        func counted(_ values: [String]) -> [(String, Int)] {
            Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
        }
        byFormat = counted(entries.map { $0.format.isEmpty ? "uten endelse" : $0.format }).map { FormatCount(format: $0.0, count: $0.1) }
        byEncoding = counted(entries.map(\.encoding).filter { !$0.isEmpty }).map { EncodingCount(encoding: $0.0, count: $0.1) }
        repairedWords = entries.reduce(0) { $0 + $1.repairs }
        filesWithRepairs = entries.filter { $0.repairs > 0 }.count
        charactersKept = entries.reduce(0) { $0 + $1.charactersKept }
        charactersRemoved = entries.reduce(0) { $0 + $1.charactersRemoved }
        filesWithRemovedText = entries.filter { $0.charactersRemoved > 0 }.count
        problems = entries.filter { $0.status != .ok }
        var groups: [String: FindingGroup] = [:]
        var order: [String] = []
        for entry in entries {
            var seen = Set<String>()
            for finding in entry.findings {
                let key = finding.stage + "\u{1F}" + finding.severity.rawValue
                if groups[key] == nil {
                    groups[key] = FindingGroup(stage: finding.stage, severity: finding.severity, files: 0, count: 0, examples: [])
                    order.append(key)
                }
                if seen.insert(key).inserted { groups[key]!.files += 1 }
                groups[key]!.count += Self.leadingCount(finding.message) ?? 1
                if groups[key]!.examples.count < Self.examplesPerGroup {
                    let line = finding.line.map { ":\($0)" } ?? ""
                    groups[key]!.examples.append(Example(path: entry.path + line, message: finding.message))
                }
            }
        }
        findings = order.map { groups[$0]! }.sorted { ($0.stage, $1.severity) < ($1.stage, $0.severity) }
    }

    /// `12` for «12 endringer (…)», nil when the message does not start with a number and a space.
    static func leadingCount(_ message: String) -> Int? {
        let digits = message.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, message.dropFirst(digits.count).first == " " else { return nil }
        return Int(digits)
    }

    public func count(_ status: FileStatus) -> Int { byStatus.first { $0.status == status }?.count ?? 0 }
}
