import PipelineCore

/// The report files of one year, rendered to text. Pure functions: same results, same bytes.
public enum YearReportRenderer {
    /// `tema-per-sporsmal.csv`: one row per question and theme.
    public static func themePerQuestionCSV(_ results: YearResults) -> String {
        let header = ["år", "spørsmål", "del", "tema", "tema_navn", "svar_med_tema", "svar_totalt", "andel_svar_prosent",
                      "kommuner_med_tema", "kommuner_totalt", "andel_kommuner_prosent", "spørsmålstekst"]
        let rows = results.themeFrequencies().map { row -> [String] in
            let part: String = if case let .number(n) = row.question { results.questions.first { $0.number == n }?.part ?? "" } else { "" }
            return [String(results.year), row.question.description, part, row.theme.id, row.theme.name,
                    String(row.answersWithTheme), String(row.answersTotal), CSVFormat.percent(row.answersWithTheme, of: row.answersTotal),
                    String(row.respondentsWithTheme), String(row.respondentsTotal),
                    CSVFormat.percent(row.respondentsWithTheme, of: row.respondentsTotal), results.questionText(row.question)]
        }
        return CSVFormat.render(header: header, rows: rows)
    }

    /// `tema-per-sporsmal.md`: the same counts as a table per question, the questions, and evidence.
    public static func themePerQuestionMarkdown(_ results: YearResults, evidencePerCell: Int = 3) -> String {
        let frequencies = results.themeFrequencies()
        let statuses = Dictionary(grouping: results.documents, by: \.entry.status)
        let respondents = Set(results.documents.filter { $0.entry.status == .ok }.map(\.respondentKey))
        var out = "# Tema per spørsmål – debatthefte \(results.year)\n\n"
        let processed = statuses[.ok]?.count ?? 0
        out += "Grunnlag: \(processed) \(processed == 1 ? "svarfil" : "svarfiler") behandlet fra \(respondents.count) "
        out += respondents.count == 1 ? "kommune eller fylkeskommune; " : "kommuner og fylkeskommuner; "
        out += "\(statuses[.skipped]?.count ?? 0) hoppet over, \(statuses[.failed]?.count ?? 0) feilet (se `manifest.csv`).\n\n"
        guard !results.themes.isEmpty else { return out + "Ingen temaer er lastet.\n" }
        out += "Hver celle viser *kommuner som tar opp temaet / kommuner som svarte på spørsmålet*. "
        out += "Spørsmålstekst som er gjentatt i svarene, er fjernet før telling.\n\n"
        out += "| Spørsmål | Svar | " + results.themes.map { MarkdownText.escape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|---|---:|" + String(repeating: "---:|", count: results.themes.count) + "\n"
        for chunk in stride(from: 0, to: frequencies.count, by: results.themes.count) {
            let row = frequencies[chunk ..< chunk + results.themes.count]
            let first = row.first!
            out += "| \(first.question) | \(first.answersTotal) | "
            out += row.map { "\($0.respondentsWithTheme)/\($0.respondentsTotal)" }.joined(separator: " | ") + " |\n"
        }
        out += "\n## Spørsmålene\n\n"
        for question in results.questions {
            out += "\(question.number). \(MarkdownText.escape(question.text)) *(\(MarkdownText.escape(question.part)))*\n"
        }
        out += "\n## Belegg\n\n"
        var anyEvidence = false
        for theme in results.themes {
            let quotes = evidence(results, theme: theme.id)
            guard !quotes.isEmpty else { continue }
            anyEvidence = true
            out += "### \(MarkdownText.escape(theme.name)) (`\(theme.id)`)\n\n"
            var shown: [QuestionKey: Int] = [:]
            for quote in quotes {
                shown[quote.question, default: 0] += 1
                guard shown[quote.question]! <= evidencePerCell else { continue }
                let who = quote.respondent.isEmpty ? quote.path : quote.respondent
                let place = quote.question == .general ? "Generelt" : "Spørsmål \(quote.question)"
                out += "- \(place), \(MarkdownText.escape(who)) (`\(MarkdownText.code(quote.path))` linje \(quote.line.map(String.init) ?? "?")): "
                out += "«\(MarkdownText.escape(quote.before))**\(MarkdownText.escape(quote.hit.matched))**\(MarkdownText.escape(quote.after))» "
                out += "— mønster `\(MarkdownText.code(quote.hit.term))`\n"
            }
            let hidden = shown.values.reduce(0) { $0 + max(0, $1 - evidencePerCell) }
            if hidden > 0 { out += "- … og \(hidden) treff til i `evidens.csv`.\n" }
            out += "\n"
        }
        if !anyEvidence { out += "Ingen treff.\n" }
        return out
    }

    /// `evidens.csv`: every hit behind every count.
    public static func evidenceCSV(_ results: YearResults) -> String {
        let header = ["år", "fil", "kommunenummer", "kommune", "spørsmål", "tema", "mønster", "treff", "linje",
                      "byte_fra", "byte_til", "utdrag"]
        var rows: [[String]] = []
        for theme in results.themes {
            for quote in evidence(results, theme: theme.id) {
                rows.append([String(results.year), quote.path, quote.respondentNumber, quote.respondent,
                             quote.question.description, theme.id, quote.hit.term, quote.hit.matched,
                             quote.line.map(String.init) ?? "", String(quote.hit.byteRange.lowerBound),
                             String(quote.hit.byteRange.upperBound), quote.before + quote.hit.matched + quote.after])
            }
        }
        return CSVFormat.render(header: header, rows: rows)
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

    /// A hit with its place and the line around it.
    struct Quote {
        var path: String
        var respondent: String
        var respondentNumber: String
        var question: QuestionKey
        var hit: ThemeHit
        var line: Int?
        var before: String
        var after: String
    }

    /// Every hit for a theme, in document, question and position order.
    static func evidence(_ results: YearResults, theme: String, context: Int = 120) -> [Quote] {
        var quotes: [Quote] = []
        for document in results.documents where document.entry.status == .ok {
            for classified in document.answers {
                guard let score = classified.themes.first(where: { $0.themeID == theme }) else { continue }
                let bytes = Array(classified.answer.text.utf8)
                for hit in score.hits {
                    var lineStart = bytes[..<hit.byteRange.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    // Markdown headings and list markers are layout, not words of the quote.
                    while lineStart < hit.byteRange.lowerBound, Self.lineDecoration.contains(bytes[lineStart]) { lineStart += 1 }
                    let lineEnd = bytes[hit.byteRange.upperBound...].firstIndex(of: 0x0A) ?? bytes.count
                    quotes.append(Quote(
                        path: document.entry.path, respondent: document.entry.respondent?.name ?? "",
                        respondentNumber: document.entry.respondent?.number ?? "",
                        question: classified.answer.question, hit: hit,
                        line: classified.answer.sourceLine(atByteOffset: hit.byteRange.lowerBound),
                        before: clip(bytes[lineStart ..< hit.byteRange.lowerBound], keepEnd: true, limit: context),
                        after: clip(bytes[hit.byteRange.upperBound ..< lineEnd], keepEnd: false, limit: context)))
                }
            }
        }
        return quotes
    }

    static let lineDecoration: Set<UInt8> = [UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "*"),
                                             UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "+")]

    /// Text of a byte slice, shortened to about `limit` characters at a word boundary.
    static func clip(_ bytes: ArraySlice<UInt8>, keepEnd: Bool, limit: Int) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.count > limit else { return text }
        if keepEnd {
            let tail = text.suffix(limit)
            return "…" + (tail.firstIndex(of: " ").map { String(tail[$0...]) } ?? String(tail))
        }
        let head = text.prefix(limit)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head)) + "…"
    }
}

/// Escaping for text from answers placed in Markdown.
public enum MarkdownText {
    /// Text shown literally: Markdown and HTML characters are escaped, line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "{", "}", "!", "~":
                out += "\\" + String(scalar)
            case "\n", "\r", "\t":
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text placed inside a code span: backticks and line breaks cannot end it.
    public static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }
}

/// JSON string literals.
public enum JSONText {
    /// `text` as a quoted JSON string: quotes, backslashes and control characters escaped.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
