import PipelineCore

extension YearReportRenderer {
    /// `tema-per-sporsmal.md`: the same counts as a table per question, the questions, and evidence.
    public static func themePerQuestionMarkdown(_ report: YearReport, evidencePerCell: Int = evidencePerCell) -> String {
        let frequencies = report.themeFrequencies()
        let quality = DataQuality(entries: report.entries)
        let respondents = report.respondents.count
        var out = "# Tema per spørsmål – debatthefte \(report.year)\n\n"
        let processed = quality.count(.ok)
        out += "Grunnlag: \(processed) \(processed == 1 ? "svarfil" : "svarfiler") behandlet fra \(respondents) "
        out += respondents == 1 ? "kommune eller fylkeskommune; " : "kommuner og fylkeskommuner; "
        out += "\(quality.count(.skipped)) hoppet over, \(quality.count(.failed)) feilet (se `manifest.csv`).\n\n"
        guard !report.themes.isEmpty else { return out + "Ingen temaer er lastet.\n" }
        out += "Hver celle viser *kommuner som tar opp temaet / kommuner som svarte på spørsmålet*. "
        out += "Spørsmålstekst som er gjentatt i svarene, er fjernet før telling.\n\n"
        out += "| Spørsmål | Svar | " + report.themes.map { MarkdownText.escape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|---|---:|" + String(repeating: "---:|", count: report.themes.count) + "\n"
        for chunk in stride(from: 0, to: frequencies.count, by: report.themes.count) {
            let row = frequencies[chunk ..< chunk + report.themes.count]
            let first = row.first!
            out += "| \(first.question) | \(first.answersTotal) | "
            out += row.map { "\($0.respondentsWithTheme)/\($0.respondentsTotal)" }.joined(separator: " | ") + " |\n"
        }
        out += "\n## Spørsmålene\n\n"
        for question in report.questions {
            out += "\(question.number). \(MarkdownText.escape(question.text)) *(\(MarkdownText.escape(question.part)))*\n"
        }
        out += "\n## Belegg\n\n"
        var anyEvidence = false
        for theme in report.themes {
            let rows = report.evidence[theme.id] ?? []
            guard !rows.isEmpty else { continue }
            anyEvidence = true
            out += "### \(MarkdownText.escape(theme.name)) (`\(theme.id)`)\n\n"
            var shown: [QuestionKey: Int] = [:]
            for row in rows {
                shown[row.question, default: 0] += 1
                guard shown[row.question]! <= evidencePerCell else { continue }
                let who = row.respondentName.isEmpty ? row.path : row.respondentName
                let place = row.question == .general ? "Generelt" : "Spørsmål \(row.question)"
                out += "- \(place), \(MarkdownText.escape(who)) (`\(MarkdownText.code(row.path))` linje \(row.line.map(String.init) ?? "?")): "
                out += "«\(MarkdownText.escape(row.before))**\(MarkdownText.escape(row.hit.matched))**\(MarkdownText.escape(row.after))» "
                out += "— mønster `\(MarkdownText.code(row.hit.term))`\n"
            }
            // Counted from all matches: `rows` may hold only the first few of each question.
            let hidden = (report.evidenceCounts[theme.id] ?? [:]).values.reduce(0) { $0 + max(0, $1 - evidencePerCell) }
            if hidden > 0 { out += "- … og \(hidden) treff til i `evidens.csv`.\n" }
            out += "\n"
        }
        if !anyEvidence { out += "Ingen treff.\n" }
        return out
    }

    /// A quote in Markdown: «… **BPA** …», text escaped.
    static func markdownQuote(_ quote: Quote) -> String {
        "«" + quote.marked("**", "**", escape: MarkdownText.escape) + "»"
    }

    /// `Spørsmål 4, Drammen (3301), `2025/svar/drammen.md:235``
    static func markdownSource(_ quote: Quote, withRespondent: Bool = true) -> String {
        (withRespondent ? "\(questionTitle(quote.question)), \(MarkdownText.escape(quote.respondent.display)), " : "\(questionTitle(quote.question)), ")
            + "`\(MarkdownText.code(quote.location))`"
    }

    /// `4, 7, generelt`
    static func questionsShort(_ keys: [QuestionKey]) -> String {
        keys.map(\.description).joined(separator: ", ")
    }

    /// `1/3 (33,3 %)`
    static func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : "\(part)/\(whole) (\(NorwegianNumber.percent(part, of: whole)) %)"
    }

    /// `rapport.md`: the year's summary for reading on a repository page.
    public static func summaryMarkdown(_ report: YearReport, pages: [String: String] = [:], quotesPerTheme: Int = 3) -> String {
        let coverage = report.coverage()
        let quality = DataQuality(entries: report.entries)
        let total = report.respondentsTotal
        var out = "# Debatthefte \(report.year) – rapport\n\n"
        out += "Svarene på KS' debatthefte \(report.year), delt i svar per spørsmål og lest for temaer. "
        out += "*Kommuner* i tabellene er alle som svarte (kommuner og fylkeskommuner); nevneren står alltid ved tallet. "
        out += "Spørsmålstekst som svarene gjentar, er tatt ut før telling. Samme tall finnes i "
        out += "[rapport.html](rapport.html) (med figurer og alle sitater), [rapport.json](rapport.json) og CSV-filene.\n\n"
        if total == 0 {
            out += "**Ingen svar er lest for \(report.year) ennå.** Tabellene viser heftets spørsmål, temaene spørsmålene "
            out += "selv tar opp, og registeret svarene vil bli målt mot.\n\n"
        }

        out += "## Dekning\n\n"
        if coverage.municipalitiesInRegister > 0 {
            out += "- Kommuner som svarte: **\(coverage.municipalitiesAnswered) av \(coverage.municipalitiesInRegister)** "
            out += "(\(NorwegianNumber.percent(coverage.municipalitiesAnswered, of: coverage.municipalitiesInRegister)) %), "
            out += "kommuneinndelingen fra \(coverage.structureYear)\n"
            out += "- Fylkeskommuner som svarte: **\(coverage.countiesAnswered) av \(coverage.countiesInRegister)**\n"
        } else {
            out += "- Kommuner som svarte: **\(coverage.municipalitiesAnswered)**, fylkeskommuner: **\(coverage.countiesAnswered)** (uten register)\n"
        }
        out += "- Svar der avsenderen ikke er funnet i registeret: \(coverage.unknownAnswered)\n"
        out += "- Filer: \(quality.count(.ok)) behandlet, \(quality.count(.skipped)) hoppet over, \(quality.count(.failed)) feilet "
        out += "(se [manifest.csv](manifest.csv))\n\n"
        if !coverage.counties.isEmpty {
            out += "| Fylke | Kommuner i fylket | Kommuner som svarte | Svarprosent | Fylkeskommunen svarte |\n"
            out += "|---|---:|---:|---:|---|\n"
            for county in coverage.counties {
                let name = county.number.isEmpty ? county.name : "\(county.name) (\(county.number))"
                out += "| \(MarkdownText.escape(name)) | \(county.number.isEmpty ? "–" : String(county.municipalities)) | \(county.answered) | "
                out += "\(county.municipalities == 0 ? "–" : NorwegianNumber.percent(county.answered, of: county.municipalities) + " %") | "
                out += "\(county.number.isEmpty ? "–" : yesNo(county.countyAnswered)) |\n"
            }
            out += "\n"
        }
        if !coverage.missing.isEmpty {
            out += "<details><summary>Kommuner som ikke svarte (\(coverage.missing.count))</summary>\n\n"
            for county in coverage.counties where !county.number.isEmpty {
                let names = coverage.missing.filter { $0.countyNumber == county.number }.map { MarkdownText.escape($0.name) }
                guard !names.isEmpty else { continue }
                out += "- **\(MarkdownText.escape(county.name))** (\(names.count)): \(names.joined(separator: ", "))\n"
            }
            out += "\n</details>\n\n"
        }
        guard !report.themes.isEmpty else { return out + "Ingen temaer er lastet.\n" }

        out += "## Temaer\n\n"
        out += "Kommuner som tar opp temaet i minst ett svar, av \(total) som svarte.\n\n"
        out += "| Tema | Kommuner med tema | Andel | Treff | Spørsmål som selv tar opp temaet |\n|---|---:|---:|---:|---|\n"
        for theme in report.themes {
            let with = report.respondentsWithTheme(theme.id)
            let hits = report.terms[theme.id]?.reduce(0) { $0 + $1.hits } ?? 0
            let asked = report.questionsAsking(theme.id).map(String.init).joined(separator: ", ")
            out += "| \(MarkdownText.escape(theme.name)) | \(with)/\(total) | \(total == 0 ? "–" : NorwegianNumber.percent(with, of: total) + " %") | "
            out += "\(hits) | \(asked.isEmpty ? "–" : asked) |\n"
        }

        out += "\n## Tema per spørsmål\n\n"
        out += "*Kommuner som tar opp temaet / kommuner som svarte på spørsmålet.* ◆ = spørsmålet selv tar opp temaet. "
        out += "Svartall og andeler i [tema-per-sporsmal.csv](tema-per-sporsmal.csv).\n\n"
        out += "| Tema | " + report.questionKeys.map { $0 == .general ? "Generelt" : "Sp. \($0)" }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: report.questionKeys.count) + "\n"
        for theme in report.themes {
            out += "| \(MarkdownText.escape(theme.name)) | "
            out += report.questionKeys.map { key -> String in
                let (with, all) = report.cell(theme.id, key)
                let mark = report.questionAsks(key, theme: theme.id) ? " ◆" : ""
                return all.respondents == 0 ? "–\(mark)" : "\(with.respondents)/\(all.respondents)\(mark)"
            }.joined(separator: " | ") + " |\n"
        }

        out += "\n## Tema per fylke\n\n"
        out += "De tre temaene flest tar opp i hvert fylke (kommuner med tema / kommuner som svarte i fylket). "
        out += "Alle temaer i [tema-per-fylke.csv](tema-per-fylke.csv).\n\n"
        let answeringCounties = coverage.counties.filter { $0.respondents > 0 }
        if answeringCounties.isEmpty {
            out += "Ingen svar.\n"
        } else {
            out += "| Fylke | Svarte | Temaer |\n|---|---:|---|\n"
            for county in answeringCounties {
                let top = report.themes.map { ($0, report.countyCount(county.number, theme: $0.id, coverage: coverage)) }
                    .filter { $0.1 > 0 }.enumerated().sorted { ($1.element.1, $0.offset) < ($0.element.1, $1.offset) }.prefix(3)
                    .map { "\(MarkdownText.escape($0.element.0.name)) \($0.element.1)/\(county.respondents)" }
                out += "| \(MarkdownText.escape(county.name)) | \(county.respondents) | \(top.isEmpty ? "–" : top.joined(separator: "; ")) |\n"
            }
        }

        out += "\n## Tema per kommune\n\n"
        out += "Temaene hver kommune tar opp, med spørsmålene der de kom opp. Én kolonne per tema i "
        out += "[tema-per-kommune.csv](tema-per-kommune.csv).\n\n"
        if report.answering.isEmpty {
            out += "Ingen svar.\n"
        } else {
            out += "| Kommune | Fylke | Temaer (spørsmål) |\n|---|---|---|\n"
            for respondent in report.answering {
                let name = MarkdownText.escape(respondent.label.display)
                let linked = pages[respondent.key].map { "[\(name)](\($0))" } ?? name
                let themes = report.themes.compactMap { theme in
                    respondent.themes[theme.id].map { "\(MarkdownText.escape(theme.name)) (\(questionsShort($0)))" }
                }
                let county = countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county
                out += "| \(linked) | \(county.isEmpty ? "–" : MarkdownText.escape(county)) | \(themes.isEmpty ? "–" : themes.joined(separator: "; ")) |\n"
            }
        }

        out += "\n## Ord som ga treff\n\n"
        out += "Mønstrene fra temafilene som traff oftest, med ordformene de traff.\n\n"
        out += "| Tema | Mønster (treff; ordformer) |\n|---|---|\n"
        for theme in report.themes {
            let terms = (report.terms[theme.id] ?? []).prefix(5).map { term in
                "`\(MarkdownText.code(term.term, inTable: true))` \(term.hits) (" + term.forms.prefix(3).map { MarkdownText.escape($0.form) }.joined(separator: ", ") + ")"
            }
            out += "| \(MarkdownText.escape(theme.name)) | \(terms.isEmpty ? "–" : terms.joined(separator: "; ")) |\n"
        }

        out += "\n## Sitater\n\n"
        out += "Setninger med ordene som ga treff uthevet, de første \(quotesPerTheme) per tema. Alle treff står i "
        out += "[evidens.csv](evidens.csv); flere sitater per spørsmål i [rapport.html](rapport.html), og "
        out += "`debattsvar kwic ORD` viser hvert sted i terminalen.\n\n"
        var anyQuote = false
        for theme in report.themes {
            let quotes = report.questionKeys.flatMap { report.quotes[theme.id]?[$0]?.quotes ?? [] }
            guard !quotes.isEmpty else { continue }
            anyQuote = true
            let total = report.questionKeys.reduce(0) { $0 + (report.quotes[theme.id]?[$1]?.total ?? 0) }
            out += "### \(MarkdownText.escape(theme.name))\n\n"
            for quote in quotes.prefix(quotesPerTheme) {
                out += "- \(markdownQuote(quote)) — \(markdownSource(quote))\n"
            }
            if total > quotesPerTheme { out += "- … \(NorwegianNumber.count(total - quotesPerTheme, "setning", "setninger")) til\n" }
            out += "\n"
        }
        if !anyQuote { out += "Ingen treff.\n\n" }

        out += dataQualityMarkdown(quality)
        return out
    }

    /// The data quality section, shared by the year and all-years summaries.
    static func dataQualityMarkdown(_ quality: DataQuality) -> String {
        var out = "## Datakvalitet\n\n"
        out += "- Filer: \(quality.files) (" + quality.byStatus.map { "\($0.count) \(statusLabel($0.status))" }.joined(separator: ", ") + ")\n"
        if !quality.byFormat.isEmpty {
            out += "- Formater: " + quality.byFormat.map { "\(MarkdownText.escape($0.format)) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        if !quality.byEncoding.isEmpty {
            out += "- Tegnkodinger: " + quality.byEncoding.map { "\(MarkdownText.escape($0.encoding)) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        out += "- Ord reparert fra dobbel UTF-8-koding: \(quality.repairedWords)"
        out += quality.filesWithRepairs > 0 ? " i \(NorwegianNumber.count(quality.filesWithRepairs, "fil", "filer"))\n" : "\n"
        let allText = quality.charactersKept + quality.charactersRemoved
        out += "- Spørsmålstekst gjentatt i svarene og tatt ut: \(NorwegianNumber.grouped(quality.charactersRemoved)) tegn"
        out += allText > 0 ? " (\(NorwegianNumber.percent(quality.charactersRemoved, of: allText)) % av teksten) i \(NorwegianNumber.count(quality.filesWithRemovedText, "fil", "filer")); \(NorwegianNumber.grouped(quality.charactersKept)) tegn beholdt\n" : "\n"
        if !quality.findings.isEmpty {
            out += "\nMerknader fra lesingen, per trinn (antall endringer eller merknader; eksempler):\n\n"
            out += "| Trinn | Alvor | Filer | Antall | Eksempler |\n|---|---|---:|---:|---|\n"
            for group in quality.findings {
                let examples = group.examples.map { "`\(MarkdownText.code($0.path, inTable: true))`: \(MarkdownText.escape($0.message))" }.joined(separator: "<br>")
                out += "| \(MarkdownText.escape(group.stage)) | \(severityLabel(group.severity)) | \(group.files) | \(group.count) | \(examples) |\n"
            }
        }
        if !quality.problems.isEmpty {
            out += "\nFiler som ikke ble brukt:\n\n| Fil | Status | Årsak |\n|---|---|---|\n"
            for entry in quality.problems {
                out += "| `\(MarkdownText.code(entry.path, inTable: true))` | \(statusLabel(entry.status)) | \(MarkdownText.escape(entry.reason)) |\n"
            }
        }
        return out
    }

    static func statusLabel(_ status: FileStatus) -> String {
        switch status {
        case .ok: "behandlet"
        case .skipped: "hoppet over"
        case .failed: "feilet"
        }
    }

    static func severityLabel(_ severity: Finding.Severity) -> String {
        switch severity {
        case .info: "info"
        case .warning: "advarsel"
        case .error: "feil"
        }
    }

    /// File names of the respondents' own pages (`kommuner/3301-drammen.md`), by respondent key:
    /// made only of the number and letters and digits of the name, so no name can lead outside
    /// the folder; unique within the year.
    public static func respondentPages(_ report: YearReport) -> [String: String] {
        var pages: [String: String] = [:]
        var used = Set<String>()
        for respondent in report.answering {
            let number = ReportFileName.slug(respondent.label.number, fallback: "")
            var stem = (number.isEmpty ? "ukjent" : number) + "-" + ReportFileName.slug(respondent.label.name)
            if used.contains(stem) {
                var index = 2
                while used.contains("\(stem)-\(index)") { index += 1 }
                stem += "-\(index)"
            }
            used.insert(stem)
            pages[respondent.key] = "kommuner/\(stem).md"
        }
        return pages
    }

    /// A respondent's own page: the themes of each answer and quotes.
    /// `coverage` is `report.coverage()`; pass it when writing many pages, to compute it once.
    public static func respondentMarkdown(_ report: YearReport, _ respondent: RespondentSummary,
                                          coverage: Coverage? = nil) -> String {
        let coverage = coverage ?? report.coverage()
        var out = "# \(MarkdownText.escape(respondent.label.display)) – debatthefte \(report.year)\n\n"
        let county = countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county
        out += "- Type: \(respondent.kind.rawValue)\n"
        if !county.isEmpty { out += "- Fylke: \(MarkdownText.escape(county))\(respondent.countyNumber.isEmpty ? "" : " (\(respondent.countyNumber))")\n" }
        out += "- Filer: " + respondent.files.map { "`\(MarkdownText.code($0))`" }.joined(separator: ", ") + "\n"
        out += "- Svarte på: " + (respondent.questions.isEmpty ? "–" : respondent.questions.map { $0 == .general ? "generelt" : "spørsmål \($0)" }.joined(separator: ", ")) + "\n\n"
        out += "Tilbake til [rapporten for \(report.year)](../rapport.md).\n\n"
        out += "## Temaer\n\n"
        let raised = report.themes.filter { respondent.themes[$0.id] != nil }
        if raised.isEmpty {
            out += "Ingen av temaene er funnet i svarene.\n"
        } else {
            out += "| Tema | Spørsmål | Treff |\n|---|---|---:|\n"
            for theme in raised {
                out += "| \(MarkdownText.escape(theme.name)) | \(questionsShort(respondent.themes[theme.id]!)) | \(respondent.hits[theme.id] ?? 0) |\n"
            }
            out += "\n## Sitater\n\n"
            for theme in raised {
                guard let quotes = respondent.quotes[theme.id], !quotes.isEmpty else { continue }
                out += "### \(MarkdownText.escape(theme.name))\n\n"
                for quote in quotes {
                    out += "- \(markdownQuote(quote)) — \(markdownSource(quote, withRespondent: false))\n"
                }
                out += "\n"
            }
        }
        return out
    }
}
