import PipelineCore

/// A JSON value with its keys in a fixed order, printed the same way every time.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    /// A number already formatted (`33.3`), or `null`.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([JSONMember])

    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Two-space indent; arrays and objects that fit on a line of about 150 characters stay on one.
    public func rendered(indent: Int = 0) -> String {
        if let inline = inline(), inline.count + indent <= 150 { return inline }
        let pad = String(repeating: " ", count: indent + 2), end = String(repeating: " ", count: indent)
        switch self {
        case let .array(values):
            if values.isEmpty { return "[]" }
            return "[\n" + values.map { pad + $0.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n" + end + "]"
        case let .object(members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { pad + JSONText.string($0.key) + ": " + $0.value.rendered(indent: indent + 2) }
                .joined(separator: ",\n") + "\n" + end + "}"
        default:
            return inline() ?? "null"
        }
    }

    /// The value on one line; nil for objects and arrays holding objects or arrays of objects.
    func inline() -> String? {
        switch self {
        case let .string(text): return JSONText.string(text)
        case let .int(value): return String(value)
        case let .number(text): return text
        case let .bool(value): return value ? "true" : "false"
        case .null: return "null"
        case let .array(values):
            var parts: [String] = []
            for value in values {
                guard let part = value.inline() else { return nil }
                parts.append(part)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case let .object(members):
            var parts: [String] = []
            for member in members {
                if case .object = member.value { return nil }
                if case let .array(values) = member.value, values.contains(where: { if case .object = $0 { true } else { false } }) { return nil }
                guard let part = member.value.inline() else { return nil }
                parts.append(JSONText.string(member.key) + ": " + part)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }
}

/// One key and value of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension YearReportRenderer {
    /// Name and version of the JSON reports' schema (described in `docs/rapport-schema.md`).
    public static let schemaName = "debattsvar-rapport"
    public static let schemaVersion = 1

    static func obj(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember($0.0, $0.1) })
    }

    static func quoteJSON(_ quote: Quote, theme: String?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let theme { members.append(("tema", .string(theme))) }
        members += [
            ("spørsmål", .string(quote.question.description)),
            ("kommunenummer", .string(quote.respondent.number)),
            ("kommune", .string(quote.respondent.name)),
            ("fil", .string(quote.path)),
            ("linje", quote.line.map(JSONValue.int) ?? .null),
            ("mønstre", .strings(quote.terms)),
            ("tekst", .array(quote.fragments.map { obj([("tekst", .string($0.text)), ("treff", .bool($0.isMatch))]) })),
        ]
        return obj(members)
    }

    static func dataQualityJSON(_ quality: DataQuality) -> JSONValue {
        obj([
            ("filer", .int(quality.files)),
            ("filer_etter_status", obj(quality.byStatus.map { ($0.status.rawValue, .int($0.count)) })),
            ("filer_etter_format", obj(quality.byFormat.map { ($0.format, .int($0.count)) })),
            ("tegnkodinger", obj(quality.byEncoding.map { ($0.encoding, .int($0.count)) })),
            ("ord_reparert_tegnkoding", .int(quality.repairedWords)),
            ("filer_med_reparert_tegnkoding", .int(quality.filesWithRepairs)),
            ("tegn_beholdt", .int(quality.charactersKept)),
            ("tegn_fjernet_spørsmålstekst", .int(quality.charactersRemoved)),
            ("filer_med_fjernet_spørsmålstekst", .int(quality.filesWithRemovedText)),
            ("merknader", .array(quality.findings.map { group in
                obj([("trinn", .string(group.stage)), ("alvor", .string(group.severity.rawValue)), ("filer", .int(group.files)),
                     ("antall", .int(group.count)),
                     ("eksempler", .array(group.examples.map { obj([("fil", .string($0.path)), ("melding", .string($0.message))]) }))])
            })),
            ("ikke_brukt", .array(quality.problems.map {
                obj([("fil", .string($0.path)), ("status", .string($0.status.rawValue)), ("årsak", .string($0.reason))])
            })),
        ])
    }

    /// `rapport.json`: every table of the year's report for programs (schema in `docs/rapport-schema.md`).
    public static func reportJSON(_ report: YearReport) -> String {
        let coverage = report.coverage()
        let total = report.respondentsTotal
        let themes = report.themes.map { theme -> JSONValue in
            let with = report.respondentsWithTheme(theme.id)
            let answers = report.answersWithTheme.values.reduce(0) { $0 + ($1[theme.id] ?? 0) }
            return obj([
                ("id", .string(theme.id)), ("navn", .string(theme.name)),
                ("kommuner_med_tema", .int(with)), ("kommuner_totalt", .int(total)),
                ("andel_kommuner_prosent", .number(NorwegianNumber.percentPoint(with, of: total))),
                ("svar_med_tema", .int(answers)), ("treff", .int(report.terms[theme.id]?.reduce(0) { $0 + $1.hits } ?? 0)),
                ("spurt_i_spørsmål", .array(report.questionsAsking(theme.id).map(JSONValue.int))),
            ])
        }
        let questions = report.questionKeys.map { key -> JSONValue in
            let label = report.question(key)
            let answering = report.respondents.filter { $0.questions.contains(key) }.count
            return obj([
                ("spørsmål", .string(key.description)), ("nummer", label.map { .int($0.number) } ?? .null),
                ("del", .string(label?.part ?? "")), ("tekst", .string(report.questionText(key))),
                ("temaer_i_spørsmålet", .strings(label?.themes ?? [])),
                ("svar", .int(report.answers[key] ?? 0)), ("kommuner", .int(answering)),
            ])
        }
        let coverageJSON = obj([
            ("kommuneinndeling", coverage.structureYear == 0 ? .null : .int(coverage.structureYear)),
            ("kommuner_i_registeret", .int(coverage.municipalitiesInRegister)),
            ("kommuner_som_svarte", .int(coverage.municipalitiesAnswered)),
            ("svarprosent_kommuner", .number(NorwegianNumber.percentPoint(coverage.municipalitiesAnswered, of: coverage.municipalitiesInRegister))),
            ("fylkeskommuner_i_registeret", .int(coverage.countiesInRegister)),
            ("fylkeskommuner_som_svarte", .int(coverage.countiesAnswered)),
            ("ukjente_avsendere", .int(coverage.unknownAnswered)),
            ("kommuner_totalt", .int(total)),
            ("fylker", .array(coverage.counties.map { county in
                obj([("nummer", .string(county.number)), ("navn", .string(county.name)),
                     ("kommuner_i_registeret", .int(county.municipalities)), ("kommuner_som_svarte", .int(county.answered)),
                     ("svarprosent", .number(NorwegianNumber.percentPoint(county.answered, of: county.municipalities))),
                     ("fylkeskommunen_svarte", .bool(county.countyAnswered)), ("kommuner_totalt", .int(county.respondents))])
            })),
            ("kommuner_som_ikke_svarte", .array(coverage.missing.map {
                obj([("nummer", .string($0.number)), ("navn", .string($0.name)), ("fylkesnummer", .string($0.countyNumber))])
            })),
            ("fylkeskommuner_som_ikke_svarte", .array(coverage.missingCounties.map {
                obj([("nummer", .string($0.number)), ("navn", .string($0.name))])
            })),
        ])
        let perQuestion = report.themeFrequencies().map { row in
            obj([("spørsmål", .string(row.question.description)), ("tema", .string(row.theme.id)),
                 ("svar_med_tema", .int(row.answersWithTheme)), ("svar_totalt", .int(row.answersTotal)),
                 ("andel_svar_prosent", .number(NorwegianNumber.percentPoint(row.answersWithTheme, of: row.answersTotal))),
                 ("kommuner_med_tema", .int(row.respondentsWithTheme)), ("kommuner_totalt", .int(row.respondentsTotal)),
                 ("andel_kommuner_prosent", .number(NorwegianNumber.percentPoint(row.respondentsWithTheme, of: row.respondentsTotal))),
                 ("tema_i_spørsmålet", .bool(row.asked))])
        }
        let perCounty = coverage.counties.flatMap { county in
            report.themes.map { theme -> JSONValue in
                let with = report.countyCount(county.number, theme: theme.id, coverage: coverage)
                return obj([("fylkesnummer", .string(county.number)), ("fylke", .string(county.name)), ("tema", .string(theme.id)),
                            ("kommuner_med_tema", .int(with)), ("kommuner_totalt", .int(county.respondents)),
                            ("andel_kommuner_prosent", .number(NorwegianNumber.percentPoint(with, of: county.respondents)))])
            }
        }
        let respondents = report.answering.map { respondent -> JSONValue in
            obj([("nummer", .string(respondent.label.number)), ("navn", .string(respondent.label.name)),
                 ("type", .string(respondent.kind.rawValue)), ("fylkesnummer", .string(respondent.countyNumber)),
                 ("fylke", .string(countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county)),
                 ("filer", .strings(respondent.files)), ("spørsmål", .strings(respondent.questions.map(\.description))),
                 ("temaer", obj(report.themes.compactMap { theme in
                     respondent.themes[theme.id].map { (theme.id, JSONValue.strings($0.map(\.description))) }
                 })),
                 ("treff", obj(report.themes.compactMap { theme in respondent.hits[theme.id].map { (theme.id, JSONValue.int($0)) } }))])
        }
        let terms = obj(report.themes.map { theme in
            (theme.id, JSONValue.array((report.terms[theme.id] ?? []).map { term in
                obj([("mønster", .string(term.term)), ("treff", .int(term.hits)), ("kommuner", .int(term.respondents)),
                     ("former", .array(term.forms.map { obj([("form", .string($0.form)), ("antall", .int($0.count))]) }))])
            }))
        })
        var quotes: [JSONValue] = []
        for theme in report.themes {
            for key in report.questionKeys {
                guard let cell = report.quotes[theme.id]?[key], cell.total > 0 else { continue }
                quotes.append(obj([("tema", .string(theme.id)), ("spørsmål", .string(key.description)),
                                   ("setninger_totalt", .int(cell.total)),
                                   ("utvalg", .array(cell.quotes.map { quoteJSON($0, theme: nil) }))]))
            }
        }
        let root = obj([
            ("skjema", .string(schemaName)), ("versjon", .int(schemaVersion)), ("år", .int(report.year)),
            ("temaer", .array(themes)), ("spørsmål", .array(questions)), ("dekning", coverageJSON),
            ("tema_per_spørsmål", .array(perQuestion)), ("tema_per_fylke", .array(perCounty)),
            ("kommuner", .array(respondents)), ("termer", terms), ("sitater", .array(quotes)),
            ("datakvalitet", dataQualityJSON(DataQuality(entries: report.entries))),
        ])
        return root.rendered() + "\n"
    }
}
