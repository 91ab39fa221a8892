import PipelineCore

/// A theme in one year, for comparing years.
public struct ThemeYear: Sendable, Hashable {
    public var respondents: Int
    public var answers: Int
    /// Booklet questions that raise the theme.
    public var asked: [Int]
}

/// The few numbers of a year the all-years report needs.
public struct YearSummary: Sendable, Hashable {
    public var year: Int
    public var questions: Int
    public var coverage: Coverage
    public var respondentsTotal: Int
    public var answersTotal: Int
    public var quality: DataQuality
    public var themes: [String: ThemeYear]
}

extension YearReport {
    /// What the all-years report keeps of this year.
    public var summary: YearSummary {
        YearSummary(
            year: year, questions: questions.count, coverage: coverage(), respondentsTotal: respondentsTotal,
            answersTotal: answersTotal, quality: DataQuality(entries: entries),
            themes: Dictionary(themes.map { theme in
                (theme.id, ThemeYear(respondents: respondentsWithTheme(theme.id),
                                     answers: answersWithTheme.values.reduce(0) { $0 + ($1[theme.id] ?? 0) },
                                     asked: questionsAsking(theme.id)))
            }, uniquingKeysWith: { a, _ in a }))
    }
}

/// All years side by side: coverage per year and how often each theme came up.
public struct CorpusReport: Sendable {
    public var themes: [ThemeLabel]
    /// In year order.
    public var years: [YearSummary]
    /// Every input file of the run, undated ones included, in path order.
    public var entries: [ManifestEntry]

    public init(themes: [ThemeLabel], years: [YearSummary], entries: [ManifestEntry]) {
        self.themes = themes
        self.years = years.sorted { $0.year < $1.year }
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// Booklets whose questions raise the theme.
    public func booklets(_ theme: String) -> [Int] {
        years.filter { !($0.themes[theme]?.asked.isEmpty ?? true) }.map(\.year)
    }

    /// Years in which answers raise the theme.
    public func yearsRaised(_ theme: String) -> [Int] {
        years.filter { ($0.themes[theme]?.respondents ?? 0) > 0 }.map(\.year)
    }

    /// Themes followed across years: raised by the questions of several booklets, or by answers
    /// in several years.
    public var trendThemes: [ThemeLabel] {
        themes.filter { booklets($0.id).count > 1 || yearsRaised($0.id).count > 1 }
    }
}

/// The all-years report files.
public enum CorpusReportRenderer {
    /// `trend.csv`: one row per theme and year.
    public static func trendCSV(_ report: CorpusReport) -> String {
        let header = ["tema", "tema_navn", "år", "spørsmål_som_tar_opp_temaet", "kommuner_med_tema", "kommuner_totalt",
                      "andel_kommuner_prosent", "svar_med_tema", "svar_totalt", "andel_svar_prosent", "i_flere_hefter"]
        var rows: [[String]] = []
        for theme in report.themes {
            let several = report.booklets(theme.id).count > 1
            for year in report.years {
                let value = year.themes[theme.id] ?? ThemeYear(respondents: 0, answers: 0, asked: [])
                rows.append([theme.id, theme.name, String(year.year), value.asked.map(String.init).joined(separator: " "),
                             String(value.respondents), String(year.respondentsTotal),
                             NorwegianNumber.percent(value.respondents, of: year.respondentsTotal),
                             String(value.answers), String(year.answersTotal), NorwegianNumber.percent(value.answers, of: year.answersTotal),
                             YearReportRenderer.yesNo(several)])
            }
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `1/3 (33,3 %)`, or `–` when nobody answered.
    static func share(_ part: Int, _ whole: Int) -> String { YearReportRenderer.share(part, whole) }

    /// `rapport.md` for all years.
    public static func summaryMarkdown(_ report: CorpusReport) -> String {
        var out = "# Debattsvar – alle år\n\n"
        out += "Kommunenes svar på KS' debatthefter, år for år. Hvert år har sin egen rapport "
        out += "(`<år>/rapport.md`, `<år>/rapport.html`); her står årene side om side. "
        out += "Figurer i [rapport.html](rapport.html), tallene i [trend.csv](trend.csv) og [rapport.json](rapport.json), "
        out += "alle svar og temaer i [tidy.csv](tidy.csv).\n\n"
        out += "## Dekning per år\n\n"
        out += "| År | Spørsmål | Kommuner som svarte | Svarprosent | Fylkeskommuner | Ukjente avsendere | Filer (behandlet/hoppet over/feilet) | Rapport |\n"
        out += "|---|---:|---:|---:|---:|---:|---|---|\n"
        for year in report.years {
            let c = year.coverage
            let municipalities = c.municipalitiesInRegister > 0 ? "\(c.municipalitiesAnswered) av \(c.municipalitiesInRegister)" : String(c.municipalitiesAnswered)
            let rate = c.municipalitiesInRegister > 0 ? NorwegianNumber.percent(c.municipalitiesAnswered, of: c.municipalitiesInRegister) + " %" : "–"
            let counties = c.countiesInRegister > 0 ? "\(c.countiesAnswered) av \(c.countiesInRegister)" : String(c.countiesAnswered)
            out += "| \(year.year) | \(year.questions) | \(municipalities) | \(rate) | \(counties) | \(c.unknownAnswered) | "
            out += "\(year.quality.count(.ok))/\(year.quality.count(.skipped))/\(year.quality.count(.failed)) | "
            out += "[md](\(year.year)/rapport.md), [html](\(year.year)/rapport.html) |\n"
        }
        out += "\n## Utvikling over tid\n\n"
        out += "Kommuner som tar opp temaet i minst ett svar, av dem som svarte det året. ◆ = heftet det året har "
        out += "spørsmål som selv tar opp temaet; – = ingen svar det året. Temaer som flere hefter spør om, står først.\n\n"
        out += "| Tema | " + report.years.map { String($0.year) }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: report.years.count) + "\n"
        let followed = report.trendThemes
        for theme in followed + report.themes.filter({ t in !followed.contains(t) }) {
            out += "| \(MarkdownText.escape(theme.name))\(followed.contains(theme) ? "" : " ¹") | "
            out += report.years.map { year -> String in
                let value = year.themes[theme.id]
                let mark = (value?.asked.isEmpty ?? true) ? "" : " ◆"
                return share(value?.respondents ?? 0, year.respondentsTotal) + mark
            }.joined(separator: " | ") + " |\n"
        }
        out += "\n¹ Bare ett hefte spør om temaet, og svarene tar det ikke opp i flere år.\n\n"
        out += YearReportRenderer.dataQualityMarkdown(DataQuality(entries: report.entries))
        return out
    }

    /// `rapport.json` for all years (schema in `docs/rapport-schema.md`).
    public static func reportJSON(_ report: CorpusReport) -> String {
        typealias R = YearReportRenderer
        let years = report.years.map { year -> JSONValue in
            let c = year.coverage
            return R.obj([
                ("år", .int(year.year)), ("spørsmål", .int(year.questions)),
                ("kommuneinndeling", c.structureYear == 0 ? .null : .int(c.structureYear)),
                ("kommuner_i_registeret", .int(c.municipalitiesInRegister)), ("kommuner_som_svarte", .int(c.municipalitiesAnswered)),
                ("svarprosent_kommuner", .number(NorwegianNumber.percentPoint(c.municipalitiesAnswered, of: c.municipalitiesInRegister))),
                ("fylkeskommuner_i_registeret", .int(c.countiesInRegister)), ("fylkeskommuner_som_svarte", .int(c.countiesAnswered)),
                ("ukjente_avsendere", .int(c.unknownAnswered)), ("kommuner_totalt", .int(year.respondentsTotal)),
                ("svar_totalt", .int(year.answersTotal)),
                ("filer_etter_status", R.obj(year.quality.byStatus.map { ($0.status.rawValue, .int($0.count)) })),
            ])
        }
        let trend = report.themes.map { theme -> JSONValue in
            R.obj([
                ("tema", .string(theme.id)), ("navn", .string(theme.name)),
                ("hefter_som_spør", .array(report.booklets(theme.id).map(JSONValue.int))),
                ("følges_over_tid", .bool(report.trendThemes.contains(theme))),
                ("år", .array(report.years.map { year in
                    let value = year.themes[theme.id] ?? ThemeYear(respondents: 0, answers: 0, asked: [])
                    return R.obj([
                        ("år", .int(year.year)), ("spurt_i_spørsmål", .array(value.asked.map(JSONValue.int))),
                        ("kommuner_med_tema", .int(value.respondents)), ("kommuner_totalt", .int(year.respondentsTotal)),
                        ("andel_kommuner_prosent", .number(NorwegianNumber.percentPoint(value.respondents, of: year.respondentsTotal))),
                        ("svar_med_tema", .int(value.answers)), ("svar_totalt", .int(year.answersTotal)),
                    ])
                })),
            ])
        }
        let root = R.obj([
            ("skjema", .string(R.schemaName + "-alle-år")), ("versjon", .int(R.schemaVersion)),
            ("år", .array(years)), ("trend", .array(trend)),
            ("datakvalitet", R.dataQualityJSON(DataQuality(entries: report.entries))),
        ])
        return root.rendered() + "\n"
    }
}
