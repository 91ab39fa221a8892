import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import Reports
import Themes

/// Takes one input file through every stage and accounts for it in a manifest entry.
struct DocumentProcessor: Sendable {
    let analyzer: TextAnalyzer
    let identifier: RespondentIdentifier
    let segmenter: any AnswerSegmenting
    let questions: Result<QuestionList, IngestionError>

    /// Formats read as plain text.
    static let textFormats: Set<String> = ["txt", "md", "markdown", "text"]

    func process(_ file: InputFile) -> ProcessedDocument {
        let format = file.fileExtension
        func entry(_ status: FileStatus, _ reason: String, encoding: String = "", findings: [Finding] = []) -> ProcessedDocument {
            ProcessedDocument(entry: ManifestEntry(path: file.relativePath, format: format, encoding: encoding,
                                                   year: file.year, status: status, reason: reason, findings: findings))
        }
        if file.url.lastPathComponent.hasPrefix(".") {
            return entry(.skipped, "skjult fil")
        }
        guard CorpusLayout.isInAnswerFolder(file) else {
            return entry(.skipped, "ligger utenfor svar/-mappa; legg svarfiler i \(file.year.map(String.init) ?? "<år>")/svar/")
        }
        guard Self.textFormats.contains(format) else {
            let shown = format.isEmpty ? "uten filendelse" : ".\(format)"
            return entry(.skipped, "formatet \(shown) støttes ikke; bruk .txt eller .md")
        }
        let data: Data
        do { data = try Data(contentsOf: file.url) } catch {
            return entry(.failed, "kan ikke lese fila: \(error.localizedDescription)")
        }
        let decoded: TextDecoder.Result
        switch TextDecoder().decode(data) {
        case let .success(result): decoded = result
        case .failure(.empty): return entry(.skipped, "tom fil")
        case let .failure(rejection): return entry(.failed, rejection.description)
        }
        guard decoded.text.contains(where: { $0.isLetter || $0.isNumber }) else {
            return entry(.skipped, "fila har ingen tekst (bare blanktegn)", encoding: decoded.encoding, findings: decoded.findings)
        }
        let questions: QuestionList
        switch self.questions {
        case let .success(list): questions = list
        case let .failure(error):
            return entry(.failed, "spørsmålslista for året kan ikke brukes: \(error)", encoding: decoded.encoding)
        }
        var findings = decoded.findings
        let (respondent, respondentFindings) = identifier.identify(fileName: file.url.lastPathComponent, text: decoded.text)
        findings += respondentFindings

        var repairs: [TextChange] = []
        let normalized = analyzer.chain.normalize(decoded.text, joinLines: true, repairs: .all, changes: &repairs)
        findings += Self.repairFindings(repairs)
        let segmented = segmenter.segment(normalized, questions: questions)
        findings += segmented.findings
        let answers = segmented.answers.map { answer in
            ClassifiedAnswer(answer: answer, themes: analyzer.classifyNormalized(answer.text))
        }
        var perQuestion: [QuestionKey: Int] = [:]
        for answer in answers { perQuestion[answer.answer.question, default: 0] += 1 }
        let manifest = ManifestEntry(
            path: file.relativePath, format: format, encoding: decoded.encoding, year: file.year,
            respondent: respondent, status: .ok, answersPerQuestion: perQuestion,
            charactersKept: answers.reduce(0) { $0 + $1.answer.text.count },
            charactersRemoved: segmented.echoedCharacters, findings: findings)
        return ProcessedDocument(entry: manifest, answers: answers)
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

    /// Keeps both documents when two answer for the same respondent, and says so on each.
    static func flagDuplicateRespondents(_ documents: inout [ProcessedDocument]) {
        let groups = Dictionary(grouping: documents.indices.filter {
            documents[$0].entry.status == .ok && documents[$0].entry.respondent != nil
        }) { documents[$0].entry.respondent!.key }
        for (_, indices) in groups where indices.count > 1 {
            let paths = indices.map { documents[$0].entry.path }
            for index in indices {
                let others = paths.filter { $0 != documents[index].entry.path }.joined(separator: ", ")
                documents[index].entry.findings.append(Finding(.warning, stage: "kommune",
                    "samme kommune har også svart i \(others); begge er tatt med"))
            }
        }
    }
}
