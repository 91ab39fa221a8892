/// A survey export (`.csv`, `.tsv`): one row per respondent, a column naming the municipality or
/// county and one column per question.
///
/// The delimiter (`;`, `,` or tab) is sniffed from the header, fields may be quoted with `"`
/// (doubled inside), and a quoted field may run over several lines.
public struct SurveyTable: Sendable {
    public struct Row: Sendable {
        /// The record's row as a spreadsheet numbers it: the header is row 1.
        public var number: Int
        public var cells: [String]
        /// The 1-based file line each cell starts on.
        public var lines: [Int]
    }

    public var delimiter: Character
    public var header: [String]
    public var rows: [Row]
    /// What was odd about the file, in words for the manifest: a quote never closed, rows with
    /// more or fewer cells than the header.
    public var problems: [String] = []

    /// Parses `text` (LF line ends). Nil when it has no header with at least two columns.
    public init?(text: String, delimiter given: Character? = nil) {
        let delimiter = given ?? Self.sniff(text)
        let characters = Array(text)
        // A quote that is never closed would swallow the rest of the file into one cell: read
        // it as a plain character instead, and say so.
        var literalQuotes = Set<Int>()
        var parsed = Self.records(characters, delimiter: delimiter, literalQuotes: literalQuotes)
        while let open = parsed.unclosedQuote, literalQuotes.count < 100 {
            literalQuotes.insert(open.index)
            problems.append("linje \(open.line): et anførselstegn (\") lukkes aldri; lest som et vanlig tegn")
            parsed = Self.records(characters, delimiter: delimiter, literalQuotes: literalQuotes)
        }
        let records = parsed.records
        guard let first = records.first, first.cells.count >= 2 else { return nil }
        self.delimiter = delimiter
        header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.dropFirst().enumerated().map { offset, record in
            Row(number: offset + 2, cells: record.cells, lines: record.lines)
        }
        let ragged = rows.filter { $0.cells.count != header.count && !($0.cells.count == 1 && $0.cells[0].isEmpty) }
        if !ragged.isEmpty {
            let shown = ragged.prefix(5).map { "rad \($0.number): \($0.cells.count)" }.joined(separator: ", ")
            problems.append("\(ragged.count) rader har et annet antall celler enn overskriften (\(header.count)): \(shown)\(ragged.count > 5 ? ", …" : ""); manglende celler er lest som tomme, ekstra celler er ikke lest")
        }
    }

    /// The delimiter used most often outside quotes on the first line; `;` wins a tie, then tab.
    static func sniff(_ text: String) -> Character {
        var counts: [Character: Int] = [";": 0, "\t": 0, ",": 0]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if quoted { continue }
            if character == "\n" { break }
            if counts[character] != nil { counts[character]! += 1 }
        }
        var best: Character = ";"
        for candidate: Character in ["\t", ","] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    /// Records with the line each field starts on; blank records are kept (with one empty cell).
    /// Quotes at the positions in `literalQuotes` are plain characters. When the text ends inside
    /// a quoted field, `unclosedQuote` says where that field's quote opened.
    static func records(_ characters: [Character], delimiter: Character, literalQuotes: Set<Int> = [])
        -> (records: [(cells: [String], lines: [Int])], unclosedQuote: (index: Int, line: Int)?) {
        var records: [(cells: [String], lines: [Int])] = []
        var cells: [String] = [], lines: [Int] = []
        var field = ""
        var line = 1, fieldLine = 1
        var quoted = false, wasQuoted = false
        var openedAt = (index: 0, line: 1)
        func endField() {
            cells.append(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
            lines.append(fieldLine)
            field = ""
            wasQuoted = false
            fieldLine = line
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty && !literalQuotes.contains(index):
                field = ""
                quoted = true
                wasQuoted = true
                openedAt = (index, line)
            case delimiter:
                endField()
            case "\n":
                endField()
                records.append((cells, lines))
                cells = []; lines = []
                line += 1
                fieldLine = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !cells.isEmpty || wasQuoted {
            endField()
            records.append((cells, lines))
        }
        return (records, quoted ? openedAt : nil)
    }
}

/// What the columns of a survey export hold.
public struct SurveyColumns: Sendable, Equatable {
    /// The column naming the municipality or county, when there is one.
    public var respondent: Int?
    /// Column index → question number.
    public var questions: [Int: Int]
    /// Columns that are neither (time stamps, e-mail addresses, …), and second columns for a
    /// question that already has one.
    public var ignored: [Int]
    /// Column index → the earlier column for the same question; only the earlier one is read.
    public var duplicates: [Int: Int] = [:]

    /// Words that name the respondent column.
    static let respondentHeaders: Set<String> = ["kommune", "kommunenavn", "fylkeskommune", "kommune/fylkeskommune",
                                                  "organisasjon", "respondent", "virksomhet", "navn", "kommunenr",
                                                  "kommunenummer", "fylke"]

    public init(header: [String], questions list: QuestionList) {
        let matcher = QuestionTextMatcher(questions: list)
        var questions: [Int: Int] = [:]
        var respondent: Int?
        var ignored: [Int] = []
        var duplicates: [Int: Int] = [:]
        for (index, title) in header.enumerated() {
            if let number = Self.questionNumber(title, matcher: matcher), list.question(number) != nil {
                if let first = questions.first(where: { $0.value == number })?.key {
                    duplicates[index] = first
                    ignored.append(index)
                } else {
                    questions[index] = number
                }
                continue
            }
            let folded = title.lowercased().trimmingCharacters(in: .whitespaces)
            let words = folded.split { !$0.isLetter && $0 != "/" }.map(String.init)
            if respondent == nil, Self.respondentHeaders.contains(folded) || words.contains(where: { $0.hasPrefix("kommune") || $0.hasPrefix("fylke") }) {
                respondent = index
            } else {
                ignored.append(index)
            }
        }
        self.respondent = respondent
        self.questions = questions
        self.ignored = ignored
        self.duplicates = duplicates
    }

    /// `Spørsmål 3`, `Sp. 3`, `Spm 3`, `3`, `3. Hvordan …`, or the text of question 3.
    static func questionNumber(_ title: String, matcher: QuestionTextMatcher) -> Int? {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        if let heading = QuestionHeading(line: trimmed) { return heading.number }
        let lowered = trimmed.lowercased()
        if let match = lowered.firstMatch(of: #/^(?:spørsmål|sporsmal|spm\.?|sp\.?|q)\s*(\d{1,2})\b/#) { return Int(match.output.1) }
        if let match = lowered.firstMatch(of: #/^(\d{1,2})\s*(?:[.):]|$)/#) { return Int(match.output.1) }
        return matcher.match([trimmed], at: 0)?.number
    }
}
