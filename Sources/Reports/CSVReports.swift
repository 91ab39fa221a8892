import PipelineCore

/// The report files of one year, rendered to text. Pure functions: same report, same bytes.
public enum YearReportRenderer {
    /// `Spørsmål 4` or `Generelt`.
    static func questionTitle(_ key: QuestionKey) -> String {
        key == .general ? "Generelt" : "Spørsmål \(key)"
    }

    /// `4 7 generelt`: questions as the CSV files list them.
    static func questionList(_ keys: [QuestionKey]) -> String {
        keys.map(\.description).joined(separator: " ")
    }

    static func yesNo(_ value: Bool) -> String { value ? "ja" : "nei" }

    /// County name of a county number in the year's structure (or the respondents').
    static func countyName(_ number: String, _ coverage: Coverage) -> String {
        guard !number.isEmpty else { return "" }
        return coverage.counties.first { $0.number == number }?.name ?? ""
    }

    /// `tema-per-sporsmal.csv`: one row per question and theme.
    public static func themePerQuestionCSV(_ report: YearReport) -> String {
        let header = ["år", "spørsmål", "del", "tema", "tema_navn", "svar_med_tema", "svar_totalt", "andel_svar_prosent",
                      "kommuner_med_tema", "kommuner_totalt", "andel_kommuner_prosent", "tema_i_spørsmålet", "spørsmålstekst"]
        let rows = report.themeFrequencies().map { row -> [String] in
            [String(report.year), row.question.description, report.question(row.question)?.part ?? "", row.theme.id, row.theme.name,
             String(row.answersWithTheme), String(row.answersTotal), NorwegianNumber.percent(row.answersWithTheme, of: row.answersTotal),
             String(row.respondentsWithTheme), String(row.respondentsTotal),
             NorwegianNumber.percent(row.respondentsWithTheme, of: row.respondentsTotal), yesNo(row.asked), report.questionText(row.question)]
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `tema-per-fylke.csv`: one row per county and theme, counties of the year's structure.
    public static func themePerCountyCSV(_ report: YearReport) -> String {
        let header = ["år", "fylkesnummer", "fylke", "tema", "tema_navn", "kommuner_med_tema", "kommuner_totalt",
                      "andel_kommuner_prosent", "kommuner_i_registeret", "kommuner_som_svarte", "fylkeskommunen_svarte"]
        let coverage = report.coverage()
        var rows: [[String]] = []
        for county in coverage.counties {
            for theme in report.themes {
                let with = report.countyCount(county.number, theme: theme.id, coverage: coverage)
                rows.append([String(report.year), county.number, county.name, theme.id, theme.name, String(with), String(county.respondents),
                             NorwegianNumber.percent(with, of: county.respondents), county.number.isEmpty ? "" : String(county.municipalities),
                             String(county.answered), county.number.isEmpty ? "" : yesNo(county.countyAnswered)])
            }
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `tema-per-kommune.csv`: one row per respondent, one column per theme with the questions
    /// where it came up.
    public static func themePerRespondentCSV(_ report: YearReport) -> String {
        let header = ["år", "kommunenummer", "kommune", "type", "fylkesnummer", "fylke", "spørsmål_besvart", "antall_temaer"]
            + report.themes.map(\.id) + ["filer"]
        let coverage = report.coverage()
        let rows = report.answering.map { respondent -> [String] in
            [String(report.year), respondent.label.number, respondent.label.name, respondent.kind.rawValue, respondent.countyNumber,
             countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county,
             questionList(respondent.questions), String(respondent.themes.count)]
                + report.themes.map { questionList(respondent.themes[$0.id] ?? []) }
                + [respondent.files.joined(separator: " | ")]
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `dekning.csv`: every municipality and county of the register, whether it answered and
    /// with which files; respondents outside the register last.
    public static func coverageCSV(_ report: YearReport) -> String {
        let header = ["år", "type", "nummer", "navn", "fylkesnummer", "fylke", "svarte", "filer"]
        var rows: [[String]] = []
        func add(_ unit: RegisterUnit, _ kind: RespondentKind) {
            let respondent = report.respondent(unit.number)
            let answered = respondent.map { !$0.questions.isEmpty } ?? false
            rows.append([String(report.year), kind.rawValue, unit.number, unit.name, unit.countyNumber, unit.county,
                         yesNo(answered), respondent?.files.joined(separator: " | ") ?? ""])
        }
        for unit in report.register.municipalities { add(unit, .municipality) }
        for unit in report.register.counties { add(unit, .county) }
        let coverage = report.coverage()
        for respondent in report.answering where respondent.kind == .unknown || report.register.isEmpty {
            rows.append([String(report.year), respondent.kind.rawValue, respondent.label.number, respondent.label.name,
                         respondent.countyNumber, countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county,
                         "ja", respondent.files.joined(separator: " | ")])
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `termer.csv`: every pattern that matched, per theme, by number of matches, with the word
    /// forms it matched.
    public static func termsCSV(_ report: YearReport) -> String {
        let header = ["år", "tema", "tema_navn", "mønster", "treff", "kommuner", "ordformer"]
        var rows: [[String]] = []
        for theme in report.themes {
            for term in report.terms[theme.id] ?? [] {
                rows.append([String(report.year), theme.id, theme.name, term.term, String(term.hits), String(term.respondents),
                             term.forms.map { "\($0.form) (\($0.count))" }.joined(separator: ", ")])
            }
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// Columns of `tidy.csv`.
    public static let tidyColumns = ["år", "fil", "kommunenummer", "kommune", "type", "fylkesnummer", "fylke",
                                     "spørsmål", "tema", "funnet", "poeng", "treff"]

    /// `tidy.csv`: one line per answer and theme, for R and Python (see `TidyCSVFormat`).
    public static func tidyCSV(_ report: YearReport) -> String {
        TidyCSVFormat.header(tidyColumns) + tidyRows(report)
    }

    /// The lines of `tidy.csv` without the header, so years can be put together.
    public static func tidyRows(_ report: YearReport) -> String {
        var out = ""
        tidyRows(report) { out += $0 }
        return out
    }

    /// The same lines handed to `write` a few at a time (all lines of one answer per call), so
    /// a large year's file need not be held in memory.
    public static func tidyRows(_ report: YearReport, _ write: (String) throws -> Void) rethrows {
        let coverage = report.coverage()
        for row in report.answerRows {
            var out = ""
            let respondent = report.respondent(row.respondentKey)
            let number = respondent?.label.number ?? "", name = respondent?.label.name ?? ""
            let countyNumber = respondent?.countyNumber ?? ""
            let county = countyName(countyNumber, coverage).nonEmpty ?? respondent?.label.county ?? ""
            for theme in report.themes {
                let score = row.themes[theme.id]
                out += TidyCSVFormat.line([String(report.year), row.path, number, name, respondent?.kind.rawValue ?? "", countyNumber, county,
                                           row.question.description, theme.id, score == nil ? "0" : "1",
                                           NorwegianNumber.decimal(score?.score ?? 0, separator: "."), String(score?.hits ?? 0)])
            }
            try write(out)
        }
    }

    /// Columns of `evidens.csv`.
    public static let evidenceColumns = ["år", "fil", "kommunenummer", "kommune", "spørsmål", "tema", "mønster", "treff", "linje",
                                         "byte_fra", "byte_til", "utdrag"]

    /// Evidence rows per theme and question shown in `tema-per-sporsmal.md`, and kept in memory
    /// when the rows are written to an `EvidenceSpool`.
    public static let evidencePerCell = 3

    /// `evidens.csv`: every hit behind every count, by theme, in document order. Needs a report
    /// that kept every row (`evidenceIsComplete`); a run writes the file from its `EvidenceSpool`.
    public static func evidenceCSV(_ report: YearReport) -> String {
        var out = "\u{FEFF}" + CSVFormat.line(evidenceColumns)
        for theme in report.themes {
            for row in report.evidence[theme.id] ?? [] {
                out += evidenceLine(year: report.year, themeID: theme.id, row: row)
            }
        }
        return out
    }

    /// One line of `evidens.csv`, with its line end.
    public static func evidenceLine(year: Int, themeID: String, row: EvidenceRow) -> String {
        CSVFormat.line([String(year), row.path, row.respondent.number, row.respondentName,
                        row.question.description, themeID, row.hit.term, row.hit.matched,
                        row.line.map(String.init) ?? "", String(row.hit.byteRange.lowerBound),
                        String(row.hit.byteRange.upperBound), row.before + row.hit.matched + row.after])
    }

    /// `manifest.csv`: one row per input file.
    public static func manifestCSV(_ entries: [ManifestEntry]) -> String {
        let header = ["fil", "format", "tegnkoding", "år", "kommunenummer", "kommune", "fylke", "status", "årsak",
                      "svar_per_spørsmål", "tegn_beholdt", "tegn_fjernet_spørsmålstekst", "ord_reparert_tegnkoding", "merknader"]
        let rows = entries.map { entry -> [String] in
            [entry.path, entry.format, entry.encoding, entry.year.map(String.init) ?? "",
             entry.respondent?.number ?? "", entry.respondent?.name ?? "", entry.respondent?.county ?? "",
             entry.status.rawValue, entry.reason,
             entry.answersPerQuestion.keys.sorted().map { "\($0):\(entry.answersPerQuestion[$0]!)" }.joined(separator: " "),
             String(entry.charactersKept), String(entry.charactersRemoved), String(entry.repairs),
             entry.findings.map(\.summary).joined(separator: " | ")]
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `manifest.json`: the manifest for programs, one object per input file (or survey row),
    /// keys in a fixed order, two-space indent, UTF-8 without escapes for æøå.
    public static func manifestJSON(_ entries: [ManifestEntry]) -> String {
        var out = "[\n"
        for (index, entry) in entries.enumerated() {
            let respondent = entry.respondent.map {
                "{\"nummer\": \(JSONText.string($0.number)), \"navn\": \(JSONText.string($0.name)), \"fylke\": \(JSONText.string($0.county))}"
            } ?? "null"
            let perQuestion = entry.answersPerQuestion.keys.sorted()
                .map { "\(JSONText.string($0.description)): \(entry.answersPerQuestion[$0]!)" }.joined(separator: ", ")
            let findings = entry.findings.map { finding in
                "{\"alvor\": \(JSONText.string(finding.severity.rawValue)), \"trinn\": \(JSONText.string(finding.stage)), "
                    + "\"melding\": \(JSONText.string(finding.message)), \"linje\": \(finding.line.map(String.init) ?? "null")}"
            }
            out += "  {\n"
            out += "    \"fil\": \(JSONText.string(entry.path)),\n"
            out += "    \"format\": \(JSONText.string(entry.format)),\n"
            out += "    \"tegnkoding\": \(JSONText.string(entry.encoding)),\n"
            out += "    \"år\": \(entry.year.map(String.init) ?? "null"),\n"
            out += "    \"kommune\": \(respondent),\n"
            out += "    \"status\": \(JSONText.string(entry.status.rawValue)),\n"
            out += "    \"årsak\": \(JSONText.string(entry.reason)),\n"
            out += "    \"svar_per_spørsmål\": {\(perQuestion)},\n"
            out += "    \"tegn_beholdt\": \(entry.charactersKept),\n"
            out += "    \"tegn_fjernet_spørsmålstekst\": \(entry.charactersRemoved),\n"
            out += "    \"ord_reparert_tegnkoding\": \(entry.repairs),\n"
            out += "    \"merknader\": [" + (findings.isEmpty ? "" : "\n      " + findings.joined(separator: ",\n      ") + "\n    ") + "]\n"
            out += index + 1 < entries.count ? "  },\n" : "  }\n"
        }
        return out + "]\n"
    }
}

extension String {
    /// Nil when empty, for `a.nonEmpty ?? b`.
    var nonEmpty: String? { isEmpty ? nil : self }
}
