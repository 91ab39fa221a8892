import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import Reports
import Themes

/// Takes one input file through every stage and accounts for it in the manifest: one entry per
/// file, or one per row for a survey export (`fil.csv#rad 3`).
struct DocumentProcessor: Sendable {
    let analyzer: TextAnalyzer
    let identifier: RespondentIdentifier
    let segmenter: any AnswerSegmenting
    let questions: Result<QuestionList, IngestionError>
    let reader: DocumentReader
    /// Where the time goes, stage by stage.
    let clock: StageClock

    func process(_ file: InputFile) -> [ProcessedDocument] {
        let format = file.fileExtension
        func entry(_ status: FileStatus, _ reason: String, encoding: String = "", findings: [Finding] = []) -> [ProcessedDocument] {
            [ProcessedDocument(entry: ManifestEntry(path: file.relativePath, format: format, encoding: encoding,
                                                    year: file.year, status: status, reason: reason, findings: findings))]
        }
        if file.url.lastPathComponent.hasPrefix(".") {
            return entry(.skipped, "skjult fil")
        }
        guard CorpusLayout.isInAnswerFolder(file) else {
            return entry(.skipped, "ligger utenfor svar/-mappa; legg svarfiler i \(file.year.map(String.init) ?? "<år>")/svar/")
        }
        let content = clock.measure("innlesing") { reader.read(file.url, format: format) }
        let questions: QuestionList
        switch (content, self.questions) {
        case let (.skipped(reason, encoding, findings), _): return entry(.skipped, reason, encoding: encoding, findings: findings)
        case let (.failed(reason, encoding), _): return entry(.failed, reason, encoding: encoding)
        case let (.text(decoded), .failure(error)), let (.table(_, decoded), .failure(error)):
            return entry(.failed, "spørsmålslista for året kan ikke brukes: \(error)", encoding: decoded.encoding)
        case let (_, .success(list)): questions = list
        }
        switch content {
        case let .text(decoded): return [processText(file, decoded, questions: questions)]
        case let .table(table, decoded): return processTable(file, table, decoded, questions: questions)
        default: return []
        }
    }

    private func processText(_ file: InputFile, _ decoded: TextDecoder.Result, questions: QuestionList) -> ProcessedDocument {
        var findings = decoded.findings
        let (respondent, respondentFindings) = clock.measure("kommune") {
            identifier.identify(fileName: file.url.lastPathComponent, text: decoded.text)
        }
        findings += respondentFindings
        var repairs: [TextChange] = []
        let normalized = clock.measure("normalisering") {
            analyzer.chain.normalize(decoded.text, joinLines: true, repairs: .all, changes: &repairs)
        }
        findings += Self.repairFindings(repairs)
        let segmented = clock.measure("oppdeling") { segmenter.segment(normalized, questions: questions) }
        findings += segmented.findings
        return document(path: file.relativePath, file: file, encoding: decoded.encoding, respondent: respondent,
                        answers: segmented.answers, removed: segmented.echoedCharacters, repairs: decoded.repairs,
                        findings: findings)
    }

    /// One document per respondent row; every row gets a manifest entry.
    private func processTable(_ file: InputFile, _ table: SurveyTable, _ decoded: TextDecoder.Result,
                              questions: QuestionList) -> [ProcessedDocument] {
        let columns = SurveyColumns(header: table.header, questions: questions)
        let format = file.fileExtension
        let separator = table.delimiter == "\t" ? "tabulator" : "«\(table.delimiter)»"
        guard !columns.questions.isEmpty else {
            return [ProcessedDocument(entry: ManifestEntry(
                path: file.relativePath, format: format, encoding: decoded.encoding, year: file.year, status: .failed,
                reason: "fant ingen spørsmålskolonner (overskrifter som «Spørsmål 1», «Sp. 1», «1» eller spørsmålsteksten); kolonner: \(table.header.joined(separator: " | "))",
                findings: decoded.findings))]
        }
        var fileFindings = decoded.findings
        fileFindings.append(Finding(.info, stage: "tabell", "skilletegn \(separator); spørsmålskolonner: "
            + columns.questions.keys.sorted().map { "«\(table.header[$0])» = \(columns.questions[$0]!)" }.joined(separator: ", ")))
        if columns.respondent == nil {
            fileFindings.append(Finding(.warning, stage: "tabell", "ingen kolonne med kommunenavn; kommunen finnes fra filnavnet"))
        }
        for (column, first) in columns.duplicates.sorted(by: { $0.key < $1.key }) {
            fileFindings.append(Finding(.warning, stage: "tabell",
                "kolonne \(column + 1) («\(table.header[column])») gjelder samme spørsmål som kolonne \(first + 1) («\(table.header[first])»); bare den første er lest"))
        }
        fileFindings += table.problems.map { Finding(.warning, stage: "tabell", $0) }
        let ignored = columns.ignored.filter { columns.duplicates[$0] == nil }.map { table.header[$0] }.filter { !$0.isEmpty }
        if !ignored.isEmpty {
            fileFindings.append(Finding(.info, stage: "tabell", "ikke lest: \(ignored.map { "«\($0)»" }.joined(separator: ", "))"))
        }
        guard !table.rows.isEmpty else {
            return [ProcessedDocument(entry: ManifestEntry(path: file.relativePath, format: format, encoding: decoded.encoding,
                                                           year: file.year, status: .skipped, reason: "tabellen har bare overskriftsraden",
                                                           findings: fileFindings))]
        }
        return table.rows.enumerated().map { offset, row in
            let path = "\(file.relativePath)#rad \(row.number)"
            let rowFindings = offset == 0 ? fileFindings : []
            func cell(_ index: Int) -> String { index < row.cells.count ? row.cells[index] : "" }
            let hasAnswer = columns.questions.keys.contains { !cell($0).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            guard hasAnswer else {
                let blank = row.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
                return ProcessedDocument(entry: ManifestEntry(path: path, format: format, encoding: decoded.encoding, year: file.year,
                                                              status: .skipped, reason: blank ? "tom rad" : "raden har ingen svar",
                                                              findings: rowFindings))
            }
            var findings = rowFindings
            let declared = columns.respondent.map(cell)
            let (respondent, respondentFindings) = identifier.identify(fileName: file.url.lastPathComponent, text: "",
                                                                        declaredName: declared)
            findings += respondentFindings.map { finding in
                var finding = finding
                finding.line = row.lines.first
                return finding
            }
            var answers: [Answer] = []
            var removed = 0
            for index in columns.questions.keys.sorted() {
                let text = analyzer.chain.normalize(cell(index), joinLines: true)
                let line = index < row.lines.count ? row.lines[index] : (row.lines.first ?? 0)
                let segmented = segmenter.segment(cell: text, question: columns.questions[index]!, questions: questions, firstLine: line)
                answers += segmented.answers
                removed += segmented.echoedCharacters
            }
            answers.sort { $0.question < $1.question }
            return document(path: path, file: file, encoding: decoded.encoding, respondent: respondent, answers: answers,
                            removed: removed, repairs: offset == 0 ? decoded.repairs : 0, findings: findings)
        }
    }

    private func document(path: String, file: InputFile, encoding: String, respondent: Respondent?, answers: [Answer],
                          removed: Int, repairs: Int, findings: [Finding]) -> ProcessedDocument {
        let classified = clock.measure("klassifisering") {
            answers.map { ClassifiedAnswer(answer: $0, themes: analyzer.classifyNormalized($0.text)) }
        }
        var perQuestion: [QuestionKey: Int] = [:]
        for answer in classified { perQuestion[answer.answer.question, default: 0] += 1 }
        let manifest = ManifestEntry(
            path: path, format: file.fileExtension, encoding: encoding, year: file.year,
            respondent: respondent, status: .ok, answersPerQuestion: perQuestion,
            charactersKept: classified.reduce(0) { $0 + ByteText.characterCount($1.answer.text) },
            charactersRemoved: removed, repairs: repairs, findings: findings)
        return ProcessedDocument(entry: manifest, answers: classified)
    }

    /// One finding per repair that changed the text: how many changes, and the first few.
    static func repairFindings(_ changes: [TextChange]) -> [Finding] {
        var order: [String] = []
        var byStage: [String: [TextChange]] = [:]
        for change in changes {
            if byStage[change.stage] == nil { order.append(change.stage) }
            byStage[change.stage, default: []].append(change)
        }
        return order.map { stage in
            let list = byStage[stage]!
            let examples = list.prefix(3).map { "\($0.original) → \($0.replacement)" }.joined(separator: ", ")
            let more = list.count > 3 ? ", …" : ""
            return Finding(.info, stage: stage, "\(list.count) \(list.count == 1 ? "endring" : "endringer") (\(examples)\(more))",
                           line: list.count == 1 ? list[0].line : nil)
        }
    }

    /// Keeps both documents when two answer for the same respondent, and says so on the manifest
    /// entry of each. Works on a year's entries after its documents are counted, so documents
    /// can be streamed. At most `namedDuplicates` other paths are named, so an export where one
    /// municipality answers thousands of times gives manifest rows of bounded length, not
    /// quadratic output.
    static func flagDuplicateRespondents(_ entries: inout [ManifestEntry]) {
        let groups = Dictionary(grouping: entries.indices.filter {
            entries[$0].status == .ok && entries[$0].respondent != nil
        }) { entries[$0].respondent!.key }
        for (_, indices) in groups where indices.count > 1 {
            let paths = indices.map { entries[$0].path }
            for (position, index) in indices.enumerated() {
                var named = paths.indices.lazy.filter { $0 != position }.prefix(namedDuplicates)
                    .map { paths[$0] }.joined(separator: ", ")
                let rest = indices.count - 1 - namedDuplicates
                if rest > 0 { named += " og \(rest) \(rest == 1 ? "annen" : "andre")" }
                let all = indices.count == 2 ? "begge er tatt med" : "alle \(indices.count) er tatt med"
                entries[index].findings.append(Finding(.warning, stage: "kommune",
                    "samme kommune har også svart i \(named); \(all)"))
            }
        }
    }

    /// How many other answers from the same respondent a manifest row names.
    static let namedDuplicates = 5
}
