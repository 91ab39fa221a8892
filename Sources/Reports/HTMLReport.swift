import PipelineCore

/// The self-contained HTML reports: one file with its styles, inline SVG figures and a small
/// script (sortable tables, quote filter); nothing is fetched from anywhere. Everything taken
/// from the input is escaped. The markup is also well-formed XML, so tests can parse it.
public enum HTMLReportRenderer {
    static func e(_ text: String) -> String { HTMLText.escape(text) }

    /// `rapport.html` for one year.
    public static func yearHTML(_ report: YearReport) -> String {
        let coverage = report.coverage()
        let quality = DataQuality(entries: report.entries)
        var body = ""
        body += summarySection(report, coverage, quality)
        if !report.themes.isEmpty {
            body += themeQuestionSection(report)
            body += themesSection(report)
            body += countySection(report, coverage)
            body += respondentSection(report, coverage)
        }
        body += coverageSection(report, coverage)
        if !report.themes.isEmpty { body += quotesSection(report) }
        body += dataQualitySection(quality)
        let nav = [("sammendrag", "Sammendrag"), ("tema-per-sporsmal", "Tema per spørsmål"), ("temaer", "Temaer"),
                   ("tema-per-fylke", "Tema per fylke"), ("tema-per-kommune", "Tema per kommune"), ("dekning", "Dekning"),
                   ("sitater", "Sitater"), ("datakvalitet", "Datakvalitet")]
            .filter { !report.themes.isEmpty || ["sammendrag", "dekning", "datakvalitet"].contains($0.0) }
        return page(title: "Debatthefte \(report.year) – rapport",
                    subtitle: "Kommunenes svar på KS' debatthefte \(report.year): temaer per spørsmål, fylke og kommune, med sitater.",
                    nav: nav + [("../rapport.html", "Alle år")], body: body,
                    footer: "Samme tall som i rapport.json (skjema \(YearReportRenderer.schemaName), versjon \(YearReportRenderer.schemaVersion)) og CSV-filene i mappa \(report.year)/.")
    }

    /// `rapport.html` for all years.
    public static func corpusHTML(_ report: CorpusReport) -> String {
        var body = ""
        body += "<section id=\"dekning\">\n<h2>Dekning per år</h2>\n"
        body += "<p class=\"forklaring\">Kommuner og fylkeskommuner som svarte på heftet hvert år, målt mot kommuneinndelingen som gjaldt det året.</p>\n"
        let bars = report.years.map { year in
            SVGChart.Bar(label: String(year.year), with: year.coverage.municipalitiesAnswered, total: year.coverage.municipalitiesInRegister,
                         title: "\(year.year): \(year.coverage.municipalitiesAnswered) av \(year.coverage.municipalitiesInRegister) kommuner")
        }
        body += "<div class=\"rull\">" + SVGChart.bars(bars, ariaLabel: "Svarprosent for kommunene per år", barWidth: 360) + "</div>\n"
        body += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>År</th><th class=\"tall\">Spørsmål</th><th class=\"tall\">Kommuner som svarte</th>"
        body += "<th class=\"tall\">Svarprosent</th><th class=\"tall\">Fylkeskommuner</th><th class=\"tall\">Ukjente avsendere</th>"
        body += "<th class=\"tall\">Svar</th><th class=\"tall\" title=\"behandlet / hoppet over / feilet\">Filer</th><th>Rapport</th></tr></thead>\n<tbody>\n"
        for year in report.years {
            let c = year.coverage
            body += "<tr><td>\(year.year)</td><td class=\"tall\">\(year.questions)</td>"
            body += "<td class=\"tall\" data-v=\"\(c.municipalitiesAnswered)\">\(c.municipalitiesAnswered)\(c.municipalitiesInRegister > 0 ? " av \(c.municipalitiesInRegister)" : "")</td>"
            body += numberCell(c.municipalitiesAnswered, c.municipalitiesInRegister, percentOnly: true)
            body += "<td class=\"tall\" data-v=\"\(c.countiesAnswered)\">\(c.countiesAnswered)\(c.countiesInRegister > 0 ? " av \(c.countiesInRegister)" : "")</td>"
            body += "<td class=\"tall\">\(c.unknownAnswered)</td><td class=\"tall\">\(year.answersTotal)</td>"
            body += "<td class=\"tall\">\(year.quality.count(.ok)) / \(year.quality.count(.skipped)) / \(year.quality.count(.failed))</td>"
            body += "<td><a href=\"\(year.year)/rapport.html\">\(year.year)/rapport.html</a></td></tr>\n"
        }
        body += "</tbody></table></div>\n<p class=\"forklaring\">Filer: behandlet / hoppet over / feilet (se manifest.csv).</p>\n</section>\n"

        body += "<section id=\"utvikling\">\n<h2>Utvikling over tid</h2>\n"
        body += "<p class=\"forklaring\">Andelen av kommunene som svarte et år, som tar opp temaet i minst ett svar. Figuren viser temaene "
        body += "som flere hefter spør om, eller som svarene tar opp i flere år; et år uten svar bryter linja. "
        body += "◇ under aksen: heftet det året har spørsmål som selv tar opp temaet. Alle temaer står i tabellen.</p>\n"
        let followed = report.trendThemes
        if followed.isEmpty || report.years.isEmpty {
            body += "<p>Ingen temaer å følge over flere år.</p>\n"
        } else {
            let series = followed.map { theme in
                SVGChart.Series(label: theme.name,
                                points: Dictionary(report.years.compactMap { year in
                                    year.respondentsTotal == 0 ? nil : (year.year, (year.themes[theme.id]?.respondents ?? 0, year.respondentsTotal))
                                }, uniquingKeysWith: { a, _ in a }),
                                asked: Set(report.booklets(theme.id)))
            }
            body += "<div class=\"rull\">" + SVGChart.trend(years: report.years.map(\.year), series: series,
                                                            ariaLabel: "Andel kommuner som tar opp temaene, per år") + "</div>\n"
            let silent = report.years.filter { $0.respondentsTotal == 0 }.map { String($0.year) }
            if !silent.isEmpty {
                body += "<p class=\"forklaring\">Ingen svar i korpuset for \(silent.joined(separator: ", ")).</p>\n"
            }
        }
        body += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Tema</th>"
        body += report.years.map { "<th class=\"tall\">\($0.year)</th>" }.joined() + "<th>Hefter som spør</th></tr></thead>\n<tbody>\n"
        for theme in report.themes {
            body += "<tr data-tema=\"\(e(theme.id))\"><td>\(e(theme.name))</td>"
            for year in report.years {
                let value = year.themes[theme.id]
                let asked = !(value?.asked.isEmpty ?? true)
                body += shadedCell(value?.respondents ?? 0, year.respondentsTotal, asked: asked,
                                   title: "\(theme.name) \(year.year)" + (asked ? ": spørsmål \(value!.asked.map(String.init).joined(separator: ", ")) spør om temaet" : ""))
            }
            body += "<td>\(report.booklets(theme.id).map(String.init).joined(separator: ", "))</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        body += "<p class=\"forklaring\">Celler med <span class=\"spurt\">◆</span>: heftet det året spør om temaet. Tallene i trend.csv og rapport.json.</p>\n"
        body += "</section>\n"
        body += dataQualitySection(DataQuality(entries: report.entries))
        body += "<section id=\"aarsrapporter\">\n<h2>Årsrapporter</h2>\n<ul>\n"
        for year in report.years {
            body += "<li><a href=\"\(year.year)/rapport.html\">Debatthefte \(year.year)</a> – \(year.coverage.municipalitiesAnswered) kommuner og "
            body += "\(year.coverage.countiesAnswered) fylkeskommuner svarte</li>\n"
        }
        body += "</ul>\n</section>\n"
        let first = report.years.first.map { String($0.year) } ?? "", last = report.years.last.map { String($0.year) } ?? ""
        return page(title: "Debattsvar – alle år",
                    subtitle: "Kommunenes svar på KS' debatthefter \(first)–\(last): dekning og temaer over tid.",
                    nav: [("dekning", "Dekning"), ("utvikling", "Utvikling over tid"), ("datakvalitet", "Datakvalitet"),
                          ("aarsrapporter", "Årsrapporter")],
                    body: body,
                    footer: "Samme tall som i trend.csv og rapport.json (skjema \(YearReportRenderer.schemaName)-alle-år, versjon \(YearReportRenderer.schemaVersion)).")
    }

    // MARK: - Sections of a year

    static func summarySection(_ report: YearReport, _ coverage: Coverage, _ quality: DataQuality) -> String {
        var out = "<section id=\"sammendrag\">\n<h2>Sammendrag</h2>\n"
        if report.respondentsTotal == 0 {
            out += "<p class=\"merknad\"><strong>Ingen svar er lest for \(report.year) ennå.</strong> Tabellene viser heftets spørsmål, "
            out += "temaene spørsmålene selv tar opp, og registeret svarene vil bli målt mot.</p>\n"
        }
        out += "<div class=\"kort\">\n"
        if coverage.municipalitiesInRegister > 0 {
            out += card("\(coverage.municipalitiesAnswered) av \(coverage.municipalitiesInRegister)",
                        "kommuner svarte (\(NorwegianNumber.percent(coverage.municipalitiesAnswered, of: coverage.municipalitiesInRegister))&#160;%)")
            out += card("\(coverage.countiesAnswered) av \(coverage.countiesInRegister)", "fylkeskommuner svarte")
        } else {
            out += card(String(coverage.municipalitiesAnswered), "kommuner svarte")
            out += card(String(coverage.countiesAnswered), "fylkeskommuner svarte")
        }
        if coverage.unknownAnswered > 0 { out += card(String(coverage.unknownAnswered), "svar uten kjent avsender") }
        out += card(NorwegianNumber.grouped(report.answersTotal), "svar på \(report.questions.count) spørsmål og generell tekst")
        let found = report.themes.filter { report.respondentsWithTheme($0.id) > 0 }.count
        out += card("\(found) av \(report.themes.count)", "temaer funnet i svarene")
        out += card(String(quality.count(.ok)), (quality.count(.ok) == 1 ? "fil" : "filer") + " behandlet, \(quality.count(.skipped)) hoppet over, \(quality.count(.failed)) feilet")
        out += "</div>\n"
        out += "<p class=\"forklaring\">Hvert svar er delt i svar per spørsmål i heftet; tekst utenfor spørsmålene heter «generelt». "
        out += "Spørsmålstekst som svarene gjentar, er tatt ut før telling. <em>Kommuner</em> i tabellene betyr alle som svarte "
        out += "(kommuner og fylkeskommuner), og nevneren står alltid ved tallet.</p>\n</section>\n"
        return out
    }

    static func card(_ value: String, _ label: String) -> String {
        "<div><strong>\(value)</strong><span>\(label)</span></div>\n"
    }

    static func questionShort(_ key: QuestionKey) -> String { key == .general ? "Gen." : "Sp. \(key)" }

    static func themeQuestionSection(_ report: YearReport) -> String {
        var out = "<section id=\"tema-per-sporsmal\">\n<h2>Tema per spørsmål</h2>\n"
        out += "<p class=\"forklaring\">Kommuner som tar opp temaet i svaret på spørsmålet, av kommunene som svarte på det. "
        out += "Mørkere felt: større andel. Oransje ramme: spørsmålet selv tar opp temaet. Hold pekeren over et felt for detaljer.</p>\n"
        let keys = report.questionKeys
        let svg = SVGChart.heatMap(rows: report.themes.map(\.name), columns: keys.map(questionShort),
                                   ariaLabel: "Tema per spørsmål: andel kommuner som tar opp hvert tema i hvert spørsmål") { row, column in
            let theme = report.themes[row], key = keys[column]
            let (with, total) = report.cell(theme.id, key)
            let asked = report.questionAsks(key, theme: theme.id)
            var title = "\(theme.name) – \(YearReportRenderer.questionTitle(key).lowercased()): "
            title += total.respondents == 0 ? "ingen svar" : "\(with.respondents) av \(total.respondents) kommuner (\(NorwegianNumber.percent(with.respondents, of: total.respondents)) %), \(with.answers) av \(total.answers) svar"
            if asked { title += "; spørsmålet tar selv opp temaet" }
            return SVGChart.HeatCell(with: with.respondents, total: total.respondents, asked: asked, title: title)
        }
        out += "<div class=\"rull\">\(svg)</div>\n"
        out += "<h3>Spørsmålene</h3>\n<ol class=\"sporsmal-liste\">\n"
        for question in report.questions {
            let asked = question.themes.compactMap { id in report.themes.first { $0.id == id }?.name }
            out += "<li value=\"\(question.number)\">\(e(question.text)) <span class=\"kilde\">(\(e(question.part))"
            out += asked.isEmpty ? ")" : "; tar opp: \(e(asked.joined(separator: ", "))))"
            out += "</span></li>\n"
        }
        out += "</ol>\n"
        out += "<details><summary>Tabell: tema per spørsmål</summary>\n<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Tema</th>"
        out += keys.map { "<th class=\"tall\">\(questionShort($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for theme in report.themes {
            out += "<tr><td>\(e(theme.name))</td>"
            for key in keys {
                let (with, total) = report.cell(theme.id, key)
                out += numberCell(with.respondents, total.respondents, asked: report.questionAsks(key, theme: theme.id))
            }
            out += "</tr>\n"
        }
        out += "</tbody><tfoot><tr><td>Svar på spørsmålet</td>"
        out += keys.map { "<td class=\"tall\">\(report.answers[$0] ?? 0)</td>" }.joined() + "</tr></tfoot></table></div>\n</details>\n</section>\n"
        return out
    }

    static func themesSection(_ report: YearReport) -> String {
        let total = report.respondentsTotal
        var out = "<section id=\"temaer\">\n<h2>Temaer</h2>\n"
        out += "<p class=\"forklaring\">Kommuner som tar opp temaet i minst ett svar, av de \(total) som svarte.</p>\n"
        let bars = report.themes.map { theme in
            SVGChart.Bar(label: theme.name, with: report.respondentsWithTheme(theme.id), total: total,
                         title: "\(theme.name): \(report.respondentsWithTheme(theme.id)) av \(total) kommuner")
        }
        out += "<div class=\"rull\">" + SVGChart.bars(bars, ariaLabel: "Andel kommuner som tar opp hvert tema") + "</div>\n"
        out += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Tema</th><th class=\"tall\">Kommuner med tema</th>"
        out += "<th class=\"tall\">Svar med tema</th><th class=\"tall\">Treff</th><th>Spørsmål som tar opp temaet</th><th>Ord som ga flest treff</th></tr></thead>\n<tbody>\n"
        for theme in report.themes {
            let answers = report.answersWithTheme.values.reduce(0) { $0 + ($1[theme.id] ?? 0) }
            let terms = report.terms[theme.id] ?? []
            out += "<tr data-tema=\"\(e(theme.id))\"><td>\(e(theme.name))</td>"
            out += numberCell(report.respondentsWithTheme(theme.id), total)
            out += numberCell(answers, report.answersTotal)
            out += "<td class=\"tall\">\(terms.reduce(0) { $0 + $1.hits })</td>"
            out += "<td>\(report.questionsAsking(theme.id).map(String.init).joined(separator: ", "))</td><td>"
            out += terms.prefix(5).map { term in
                "<code>\(e(term.term))</code>&#160;\(term.hits)" + (term.forms.isEmpty ? "" : " <span class=\"kilde\">(\(e(term.forms.prefix(3).map(\.form).joined(separator: ", "))))</span>")
            }.joined(separator: "; ")
            out += "</td></tr>\n"
        }
        out += "</tbody></table></div>\n</section>\n"
        return out
    }

    static func countySection(_ report: YearReport, _ coverage: Coverage) -> String {
        var out = "<section id=\"tema-per-fylke\">\n<h2>Tema per fylke</h2>\n"
        out += "<p class=\"forklaring\">Kommuner i fylket som tar opp temaet, av kommunene i fylket som svarte"
        out += coverage.structureYear > 0 ? " (fylkesinndelingen fra \(coverage.structureYear)). " : ". "
        out += "Fylkeskommunen telles med i sitt fylke.</p>\n"
        out += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Fylke</th><th class=\"tall\">Svarte</th>"
        out += report.themes.map { "<th class=\"tall tema\" title=\"\(e($0.name))\">\(e(shortName($0.name)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for county in coverage.counties {
            out += "<tr><td>\(e(county.name))</td><td class=\"tall\">\(county.respondents)</td>"
            for theme in report.themes {
                out += shadedCell(report.countyCount(county.number, theme: theme.id, coverage: coverage), county.respondents, asked: false,
                                  title: "\(county.name) – \(theme.name)")
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n</section>\n"
        return out
    }

    /// A theme name short enough for a column heading: the part before a bracket.
    static func shortName(_ name: String) -> String {
        let base = name.split(separator: "(").first.map { String($0).trimmingSpaces } ?? name
        return base.isEmpty ? name : base
    }

    static func respondentSection(_ report: YearReport, _ coverage: Coverage) -> String {
        var out = "<section id=\"tema-per-kommune\">\n<h2>Tema per kommune</h2>\n"
        out += "<p class=\"forklaring\">Én rad per kommune som svarte, én kolonne per tema, med spørsmålene der temaet kom opp (gen. = generelt). "
        out += "Klikk på en overskrift for å sortere.</p>\n"
        guard !report.answering.isEmpty else { return out + "<p>Ingen svar.</p>\n</section>\n" }
        out += "<div class=\"rull\(report.answering.count > 20 ? " hoy" : "")\"><table class=\"sorterbar kommuner\"><thead><tr><th>Kommune</th><th>Nr.</th><th>Fylke</th>"
        out += "<th>Svarte på</th><th class=\"tall\">Temaer</th>"
        out += report.themes.map { "<th class=\"tema\" title=\"\(e($0.name))\">\(e(shortName($0.name)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for respondent in report.answering {
            let county = YearReportRenderer.countyName(respondent.countyNumber, coverage).nonEmpty ?? respondent.label.county
            out += "<tr><td>\(e(respondent.label.name))</td><td>\(e(respondent.label.number))</td><td>\(e(county))</td>"
            out += "<td>\(e(questionsShort(respondent.questions)))</td><td class=\"tall\">\(respondent.themes.count)</td>"
            for theme in report.themes {
                if let questions = respondent.themes[theme.id] {
                    out += "<td class=\"har\" data-v=\"\(questions.count)\">\(e(questionsShort(questions)))</td>"
                } else {
                    out += "<td data-v=\"0\"></td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n</section>\n"
        return out
    }

    static func questionsShort(_ keys: [QuestionKey]) -> String {
        keys.map { $0 == .general ? "gen." : $0.description }.joined(separator: ", ")
    }

    static func coverageSection(_ report: YearReport, _ coverage: Coverage) -> String {
        var out = "<section id=\"dekning\">\n<h2>Dekning</h2>\n"
        if coverage.municipalitiesInRegister > 0 {
            out += "<p class=\"forklaring\">Svar fra \(coverage.municipalitiesAnswered) av \(coverage.municipalitiesInRegister) kommuner "
            out += "(\(NorwegianNumber.percent(coverage.municipalitiesAnswered, of: coverage.municipalitiesInRegister))&#160;%) og "
            out += "\(coverage.countiesAnswered) av \(coverage.countiesInRegister) fylkeskommuner, målt mot kommuneinndelingen fra \(coverage.structureYear)"
            out += coverage.unknownAnswered > 0 ? "; \(coverage.unknownAnswered) svar har avsender utenfor registeret.</p>\n" : ".</p>\n"
        } else {
            out += "<p class=\"forklaring\">Uten kommuneregister: bare de som svarte, er listet.</p>\n"
        }
        let counties = coverage.counties.filter { !$0.number.isEmpty && $0.municipalities > 0 }
        if !counties.isEmpty {
            let bars = counties.map {
                SVGChart.Bar(label: $0.name, with: $0.answered, total: $0.municipalities, title: "\($0.name): \($0.answered) av \($0.municipalities) kommuner")
            }
            out += "<div class=\"rull\">" + SVGChart.bars(bars, ariaLabel: "Svarprosent per fylke", barWidth: 360) + "</div>\n"
        }
        out += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Fylke</th><th>Nr.</th><th class=\"tall\">Kommuner</th>"
        out += "<th class=\"tall\">Svarte</th><th class=\"tall\">Svarprosent</th><th>Fylkeskommunen svarte</th></tr></thead>\n<tbody>\n"
        for county in coverage.counties {
            out += "<tr><td>\(e(county.name))</td><td>\(e(county.number))</td><td class=\"tall\">\(county.number.isEmpty ? "–" : String(county.municipalities))</td>"
            out += "<td class=\"tall\">\(county.answered)</td>" + numberCell(county.answered, county.municipalities, percentOnly: true)
            out += "<td>\(county.number.isEmpty ? "–" : YearReportRenderer.yesNo(county.countyAnswered))</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        let unknown = report.answering.filter { $0.kind == .unknown }
        if !unknown.isEmpty {
            out += "<h3>Svar der avsenderen ikke er funnet</h3>\n<ul>\n"
            for respondent in unknown {
                out += "<li>\(e(respondent.label.name)) – " + respondent.files.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + "</li>\n"
            }
            out += "</ul>\n"
        }
        if !coverage.missing.isEmpty {
            out += "<details><summary>Kommuner som ikke svarte <span class=\"antall\">(\(coverage.missing.count))</span></summary>\n"
            for county in coverage.counties where !county.number.isEmpty {
                let names = coverage.missing.filter { $0.countyNumber == county.number }
                guard !names.isEmpty else { continue }
                out += "<p><strong>\(e(county.name))</strong> (\(names.count)): \(e(names.map(\.name).joined(separator: ", ")))</p>\n"
            }
            out += "</details>\n"
        }
        if !coverage.missingCounties.isEmpty {
            out += "<details><summary>Fylkeskommuner som ikke svarte <span class=\"antall\">(\(coverage.missingCounties.count))</span></summary>\n"
            out += "<p>\(e(coverage.missingCounties.map(\.name).joined(separator: ", ")))</p>\n</details>\n"
        }
        return out + "</section>\n"
    }

    static func quotesSection(_ report: YearReport) -> String {
        var out = "<section id=\"sitater\">\n<h2>Sitater</h2>\n"
        out += "<p class=\"forklaring\">Setninger der temaet ble funnet, med ordene som ga treff uthevet: inntil \(report.limits.perCell) per tema og spørsmål, "
        out += "høyst \(report.limits.perRespondentInCell) fra samme kommune. Alle treff står i evidens.csv; "
        out += "<code>debattsvar kwic ORD --year \(report.year)</code> viser hvert sted i terminalen.</p>\n"
        out += "<form class=\"filter\" id=\"sitatfilter\" hidden=\"hidden\"><label>Tema <select id=\"f-tema\"><option value=\"\">Alle temaer</option>"
        for theme in report.themes where report.quotes[theme.id] != nil {
            out += "<option value=\"\(e(theme.id))\">\(e(theme.name))</option>"
        }
        out += "</select></label> <label>Spørsmål <select id=\"f-sp\"><option value=\"\">Alle spørsmål</option>"
        for key in report.questionKeys {
            out += "<option value=\"\(e(key.description))\">\(YearReportRenderer.questionTitle(key))</option>"
        }
        out += "</select></label> <output id=\"f-antall\"></output></form>\n"
        var any = false
        for theme in report.themes {
            guard let cells = report.quotes[theme.id] else { continue }
            let first = !any
            any = true
            let shown = cells.values.reduce(0) { $0 + $1.quotes.count }, total = cells.values.reduce(0) { $0 + $1.total }
            out += "<details class=\"tema\" data-tema=\"\(e(theme.id))\" id=\"sitater-\(HTMLText.token(theme.id))\"\(first ? " open=\"open\"" : "")><summary>\(e(theme.name)) "
            out += "<span class=\"antall\">– \(shown) av \(total) \(total == 1 ? "setning" : "setninger"), "
            out += "\(report.respondentsWithTheme(theme.id)) av \(report.respondentsTotal) kommuner</span></summary>\n"
            let keys = report.questionKeys
            let bars = keys.map { key -> SVGChart.Bar in
                let (with, all) = report.cell(theme.id, key)
                return SVGChart.Bar(label: questionShort(key), with: with.respondents, total: all.respondents,
                                    title: "\(YearReportRenderer.questionTitle(key)): \(with.respondents) av \(all.respondents) kommuner")
            }
            out += SVGChart.columns(bars, asked: keys.map { report.questionAsks($0, theme: theme.id) },
                                    ariaLabel: "\(theme.name): andel kommuner per spørsmål") + "\n"
            for key in keys {
                guard let cell = cells[key], !cell.quotes.isEmpty else { continue }
                out += "<div class=\"sporsmal\" data-sp=\"\(e(key.description))\"><h4>\(YearReportRenderer.questionTitle(key))"
                out += cell.total > cell.quotes.count ? " <span class=\"antall\">(\(cell.quotes.count) av \(cell.total))</span>" : ""
                out += "</h4>\n<ul class=\"sitater\">\n"
                for quote in cell.quotes {
                    out += "<li class=\"sitat\" data-tema=\"\(e(theme.id))\" data-sp=\"\(e(key.description))\">"
                    out += "<blockquote>«" + quote.marked("<mark>", "</mark>", escape: e) + "»</blockquote>"
                    out += "<p class=\"kilde\">\(e(quote.respondent.display)) · \(YearReportRenderer.questionTitle(key)) · <code>\(e(quote.location))</code>"
                    out += " · mønster " + quote.terms.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + "</p></li>\n"
                }
                out += "</ul></div>\n"
            }
            out += "</details>\n"
        }
        if !any { out += "<p>Ingen treff.</p>\n" }
        return out + "</section>\n"
    }

    static func dataQualitySection(_ quality: DataQuality) -> String {
        var out = "<section id=\"datakvalitet\">\n<h2>Datakvalitet</h2>\n<div class=\"kort\">\n"
        for item in quality.byStatus {
            out += card(NorwegianNumber.grouped(item.count), "\(item.count == 1 ? "fil" : "filer") \(YearReportRenderer.statusLabel(item.status))")
        }
        out += card(NorwegianNumber.grouped(quality.repairedWords), "ord reparert fra dobbel UTF-8-koding" + (quality.filesWithRepairs > 0 ? " i \(NorwegianNumber.count(quality.filesWithRepairs, "fil", "filer"))" : ""))
        let allText = quality.charactersKept + quality.charactersRemoved
        out += card(NorwegianNumber.grouped(quality.charactersRemoved), "tegn spørsmålstekst tatt ut" + (allText > 0 ? " (\(NorwegianNumber.percent(quality.charactersRemoved, of: allText))&#160;% av teksten)" : ""))
        out += "</div>\n"
        if !quality.byFormat.isEmpty || !quality.byEncoding.isEmpty {
            out += "<p>Formater: " + quality.byFormat.map { "\(e($0.format)) \($0.count)" }.joined(separator: ", ")
            out += ". Tegnkodinger: " + (quality.byEncoding.isEmpty ? "–" : quality.byEncoding.map { "\(e($0.encoding)) \($0.count)" }.joined(separator: ", ")) + ".</p>\n"
        }
        if !quality.findings.isEmpty {
            out += "<h3>Merknader fra lesingen</h3>\n<p class=\"forklaring\">Per trinn: filer med merknaden, antall endringer eller merknader, og de første eksemplene.</p>\n"
            out += "<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Trinn</th><th>Alvor</th><th class=\"tall\">Filer</th><th class=\"tall\">Antall</th><th>Eksempler</th></tr></thead>\n<tbody>\n"
            for group in quality.findings {
                out += "<tr><td>\(e(group.stage))</td><td>\(YearReportRenderer.severityLabel(group.severity))</td><td class=\"tall\">\(group.files)</td>"
                out += "<td class=\"tall\">\(group.count)</td><td>" + group.examples.map { "<code>\(e($0.path))</code> \(e($0.message))" }.joined(separator: "<br/>") + "</td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        if !quality.problems.isEmpty {
            out += "<h3>Filer som ikke ble brukt</h3>\n<div class=\"rull\"><table class=\"sorterbar\"><thead><tr><th>Fil</th><th>Status</th><th>Årsak</th></tr></thead>\n<tbody>\n"
            for entry in quality.problems {
                out += "<tr><td><code>\(e(entry.path))</code></td><td>\(YearReportRenderer.statusLabel(entry.status))</td><td>\(e(entry.reason))</td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        return out + "</section>\n"
    }

    // MARK: - Cells and page

    /// `1/3 (33,3 %)` right-aligned, sorted by the share.
    static func numberCell(_ part: Int, _ whole: Int, asked: Bool = false, percentOnly: Bool = false) -> String {
        let mark = asked ? " <span class=\"spurt\" title=\"spørsmålet tar selv opp temaet\">◆</span>" : ""
        guard whole > 0 else { return "<td class=\"tall\" data-v=\"-1\">–\(mark)</td>" }
        let percent = NorwegianNumber.percent(part, of: whole)
        let text = percentOnly ? "\(percent)&#160;%" : "\(part)/\(whole) (\(percent)&#160;%)"
        return "<td class=\"tall\" data-v=\"\(NorwegianNumber.percentPoint(part, of: whole))\">\(text)\(mark)</td>"
    }

    /// A cell shaded like the heat map, `n/N` in it.
    static func shadedCell(_ part: Int, _ whole: Int, asked: Bool, title: String) -> String {
        let mark = asked ? " <span class=\"spurt\">◆</span>" : ""
        guard whole > 0 else { return "<td class=\"tall\" data-v=\"-1\" title=\"\(e(title)): ingen svar\">–\(mark)</td>" }
        let share = Double(part) / Double(whole)
        let ink = share > 0.55 ? "color:#ffffff;" : ""
        return "<td class=\"tall\" data-v=\"\(NorwegianNumber.percentPoint(part, of: whole))\" style=\"background:\(SVGChart.shade(share));\(ink)\" "
            + "title=\"\(e(title)): \(part) av \(whole) (\(NorwegianNumber.percent(part, of: whole)) %)\">\(part)/\(whole)\(mark)</td>"
    }

    static func page(title: String, subtitle: String, nav: [(String, String)], body: String, footer: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"/>\n"
        out += "<title>\(e(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<header class=\"topp\"><h1>\(e(title))</h1>\n<p>\(e(subtitle))</p>\n<nav>"
        out += nav.map { "<a href=\"\($0.0.hasSuffix(".html") ? $0.0 : "#" + $0.0)\">\(e($0.1))</a>" }.joined(separator: " ")
        out += "</nav></header>\n<main>\n\(body)</main>\n"
        out += "<footer><p>Laget med <code>debattsvar run</code>. \(e(footer)) Siden er selvstendig og henter ingenting fra nettet.</p></footer>\n"
        out += "<script>//<![CDATA[\n\(script)//]]></script>\n</body>\n</html>\n"
        return out
    }

    static let css = """
    :root{--blaa:#1f4e8c;--tekst:#1b2733;--dempet:#5b6776;--linje:#d9e0e8;--bakgrunn:#f6f8fb;--merke:#fde68a;--spurt:#c2410c}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--tekst);background:var(--bakgrunn)}
    header.topp{background:var(--blaa);color:#fff;padding:22px 32px 14px}
    header.topp h1{margin:0 0 4px;font-size:28px}
    header.topp p{margin:0;opacity:.92}
    nav{display:flex;flex-wrap:wrap;gap:4px 18px;margin-top:12px}
    nav a{color:#fff;text-decoration:none;border-bottom:1px solid rgba(255,255,255,.5)}
    main{max-width:1240px;margin:0 auto;padding:4px 32px 40px}
    section{background:#fff;border:1px solid var(--linje);border-radius:8px;padding:14px 24px 18px;margin:20px 0}
    h2{margin:4px 0 8px;font-size:21px;color:var(--blaa)}
    h3{font-size:16px;margin:18px 0 6px}
    h4{font-size:14px;margin:12px 0 4px}
    .forklaring{color:var(--dempet);margin:0 0 12px;max-width:72em}
    .merknad{background:#fff7e6;border:1px solid #f5d49a;border-radius:6px;padding:8px 12px}
    .kort{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:6px 0 12px}
    .kort div{background:var(--bakgrunn);border:1px solid var(--linje);border-radius:6px;padding:10px 14px}
    .kort strong{display:block;font-size:24px;color:var(--blaa);font-variant-numeric:tabular-nums}
    .kort span{color:var(--dempet);font-size:13px}
    .rull{overflow-x:auto;margin:8px 0;max-width:100%}
    table{border-collapse:collapse;font-size:13.5px}
    th,td{border-bottom:1px solid var(--linje);padding:5px 10px;text-align:left;vertical-align:top}
    thead th{background:#eef2f7;white-space:nowrap;font-weight:600;vertical-align:bottom}
    thead th.tema{white-space:normal;min-width:84px;max-width:120px;font-size:12.5px;text-align:center}
    .rull.hoy{max-height:720px;overflow:auto;border:1px solid var(--linje)}
    .rull.hoy thead th{position:sticky;top:0;z-index:1}
    tfoot td{color:var(--dempet);border-bottom:0}
    td.tall,th.tall{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.har{background:#e7eff9;white-space:nowrap}
    table.kommuner td{white-space:nowrap}
    th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
    th button::after{content:" \\2195";color:#9aa5b1}
    th[aria-sort=ascending] button::after{content:" \\2191";color:var(--tekst)}
    th[aria-sort=descending] button::after{content:" \\2193";color:var(--tekst)}
    tbody tr:hover td{outline:1px solid #c9d8ec}
    .diagram{max-width:100%;height:auto;font-family:inherit;font-size:12px;fill:var(--tekst)}
    .diagram .akse{fill:var(--dempet);font-size:11px}
    .diagram .tall{font-variant-numeric:tabular-nums}
    .diagram .rutenett{stroke:#e3e8ee;stroke-width:1}
    .diagram .stolpe{fill:#3b73b9}
    .diagram.liten{display:block;margin:4px 0 8px}
    .rull .diagram{max-width:none}
    @media (max-width:700px){header.topp{padding:16px} main{padding:4px 8px 24px} section{padding:12px}}
    ol.sporsmal-liste li{margin:4px 0}
    mark{background:var(--merke);padding:0 2px;border-radius:2px}
    blockquote{margin:0}
    ul.sitater{list-style:none;padding:0;margin:0}
    li.sitat{border-left:3px solid var(--linje);padding:4px 12px;margin:8px 0}
    .kilde{color:var(--dempet);font-size:13px;margin:2px 0 0}
    details{border:1px solid var(--linje);border-radius:6px;padding:6px 12px;margin:8px 0;background:#fff}
    summary{cursor:pointer;font-weight:600}
    .antall{font-weight:400;color:var(--dempet)}
    .filter{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin:8px 0 12px}
    select{font:inherit;padding:3px 6px}
    code{font-size:12.5px;background:#f1f3f6;padding:0 3px;border-radius:3px}
    .spurt{color:var(--spurt);font-weight:600}
    footer{max-width:1240px;margin:0 auto;padding:0 32px 32px;color:var(--dempet);font-size:13px}
    @media print{header.topp{background:none;color:var(--tekst)} nav,.filter{display:none} section{border:0}}

    """

    /// Sortable tables (click a heading; numbers sort by `data-v`) and the quote filter.
    static let script = """
    (function () {
      'use strict';
      document.documentElement.className = 'js';
      function key(cell) {
        var v = cell.getAttribute('data-v');
        return v === null ? cell.textContent.trim() : parseFloat(v);
      }
      Array.prototype.forEach.call(document.querySelectorAll('table.sorterbar'), function (table) {
        var head = table.tHead;
        if (!head) { return; }
        var cells = head.rows[head.rows.length - 1].cells;
        Array.prototype.forEach.call(cells, function (th, column) {
          var button = document.createElement('button');
          button.type = 'button';
          while (th.firstChild) { button.appendChild(th.firstChild); }
          th.appendChild(button);
          button.addEventListener('click', function () {
            var ascending = th.getAttribute('aria-sort') !== 'ascending';
            Array.prototype.forEach.call(cells, function (other) { other.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a.cells[column]), y = key(b.cells[column]);
              var order = (typeof x === 'number' && typeof y === 'number') ? x - y
                : String(x).localeCompare(String(y), 'nb', { numeric: true });
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
      });
      var form = document.getElementById('sitatfilter');
      if (!form) { return; }
      form.hidden = false;
      var theme = document.getElementById('f-tema'), question = document.getElementById('f-sp');
      var count = document.getElementById('f-antall');
      function apply() {
        var shown = 0, filtered = theme.value !== '' || question.value !== '';
        Array.prototype.forEach.call(document.querySelectorAll('#sitater details.tema'), function (group) {
          var visible = 0;
          Array.prototype.forEach.call(group.querySelectorAll('li.sitat'), function (item) {
            var fits = (theme.value === '' || item.getAttribute('data-tema') === theme.value)
              && (question.value === '' || item.getAttribute('data-sp') === question.value);
            item.hidden = !fits;
            if (fits) { visible += 1; }
          });
          Array.prototype.forEach.call(group.querySelectorAll('div.sporsmal'), function (block) {
            block.hidden = block.querySelectorAll('li.sitat:not([hidden])').length === 0;
          });
          group.hidden = visible === 0;
          if (filtered) { group.open = visible > 0; }
          shown += visible;
        });
        count.textContent = shown + (shown === 1 ? ' sitat' : ' sitater');
      }
      theme.addEventListener('change', apply);
      question.addEventListener('change', apply);
      apply();
    })();

    """
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
