import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import Reports
import Themes

/// Options of `debattsvar run`.
public struct RunOptions: Sendable {
    public var corpus: URL
    public var output: URL
    /// Only this year, when set.
    public var year: Int?
    public var jobs: Int
    public var themesFolder: URL?
    public var classifierID: String
    /// Measures the time per stage into this clock, when given.
    public var clock = StageClock()
    /// A trained model for the trained classifiers; nil means the bundled one.
    public var modelFile: URL?

    public init(corpus: URL, output: URL, year: Int? = nil, jobs: Int = availableCores,
                themesFolder: URL? = nil, classifierID: String = DictionaryClassifier.id, modelFile: URL? = nil) {
        self.corpus = corpus
        self.output = output
        self.year = year
        self.jobs = jobs
        self.themesFolder = themesFolder
        self.classifierID = classifierID
        self.modelFile = modelFile
    }
}

/// What a run did, for the command line's summary and exit code.
public struct RunSummary: Sendable {
    public var years: [Int]
    public var entries: [ManifestEntry]
    /// Report files written, relative to the output folder.
    public var written: [String]

    public func count(_ status: FileStatus) -> Int { entries.filter { $0.status == status }.count }

    /// One line for the terminal.
    public var line: String {
        "\(entries.count) filer: \(count(.ok)) behandlet, \(count(.skipped)) hoppet over, \(count(.failed)) feilet"
            + " (år: \(years.map(String.init).joined(separator: ", ")))"
    }
}

/// Runs the whole pipeline over a corpus: ingest → normalise → segment → classify → report.
public struct CorpusRun: Sendable {
    public let options: RunOptions
    public let analyzer: TextAnalyzer

    public init(options: RunOptions, analyzer: TextAnalyzer) {
        self.options = options
        self.analyzer = analyzer
    }

    public func run() throws -> RunSummary {
        let layout = CorpusLayout(root: options.corpus)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("\(options.corpus.path): finnes ikke eller er ikke en mappe")
        }
        var years = try layout.yearFolders()
        if let wanted = options.year {
            years = years.filter { $0.year == wanted }
            guard !years.isEmpty else { throw UsageError("\(options.corpus.path): har ingen mappe for året \(wanted)") }
        }
        guard !years.isEmpty else {
            throw UsageError("\(options.corpus.path): fant ingen årsmapper (for eksempel 2025/ med sporsmal.tsv og svar/)")
        }
        let segmenter = HeadingSegmenter(tokenizer: analyzer.chain.tokenizer)
        let reader = DocumentReader(tools: .fromEnvironment())
        let themeLabels = analyzer.themes.map { ThemeLabel(id: $0.id, name: $0.name) }
        var questionLists: [Int: Result<QuestionList, IngestionError>] = [:]
        for (year, folder) in try layout.yearFolders() {
            do throws(IngestionError) {
                questionLists[year] = .success(try QuestionList(contentsOf: folder.appendingPathComponent("sporsmal.tsv"), year: year))
            } catch {
                questionLists[year] = .failure(error)
            }
        }
        let (unsorted, undated) = sortUnsorted(layout.unsortedFiles(), questionLists: questionLists, reader: reader,
                                               fallbackYear: years[0].year)

        var allEntries: [ManifestEntry] = undated
        var written: [String] = []
        for (year, folder) in years {
            let files = (layout.inputFiles(year: year, folder: folder) + (unsorted[year] ?? []))
                .sorted { $0.relativePath < $1.relativePath }
            let questions = questionLists[year]!
            // Municipalities as they were in the booklet's year (Drammen: 3005 Viken in 2022, 3301 Buskerud in 2025).
            let register = try MunicipalityRegister(folder: layout.registerFolder, year: year)
            let identifier = RespondentIdentifier(register: register)
            let processor = DocumentProcessor(analyzer: analyzer, identifier: identifier, segmenter: segmenter,
                                              questions: questions, reader: reader, clock: options.clock)
            var documents = files.parallelMap(jobs: options.jobs) { processor.process($0) }.flatMap { $0 }
            DocumentProcessor.flagDuplicateRespondents(&documents)
            let labels = (try? questions.get())?.questions.map {
                QuestionLabel(number: $0.number, part: $0.part, text: $0.text)
            } ?? []
            let results = YearResults(year: year, questions: labels, themes: themeLabels, documents: documents)
            let writer = ReportWriter(folder: options.output.appendingPathComponent(String(year)))
            let reports: [(String, String)] = options.clock.measure("rapporter") {
                [
                    ("tema-per-sporsmal.csv", YearReportRenderer.themePerQuestionCSV(results)),
                    ("tema-per-sporsmal.md", YearReportRenderer.themePerQuestionMarkdown(results)),
                    ("evidens.csv", YearReportRenderer.evidenceCSV(results)),
                    ("manifest.csv", YearReportRenderer.manifestCSV(documents.map(\.entry))),
                    ("manifest.json", YearReportRenderer.manifestJSON(documents.map(\.entry))),
                ]
            }
            try options.clock.measure("skriving") {
                for (name, contents) in reports {
                    try writer.write(contents, to: name)
                    written.append("\(year)/\(name)")
                }
            }
            allEntries += documents.map(\.entry)
        }
        allEntries.sort { $0.path < $1.path }
        try ReportWriter(folder: options.output).write(YearReportRenderer.manifestCSV(allEntries), to: "manifest.csv")
        try ReportWriter(folder: options.output).write(YearReportRenderer.manifestJSON(allEntries), to: "manifest.json")
        written += ["manifest.csv", "manifest.json"]
        return RunSummary(years: years.map(\.year), entries: allEntries, written: written)
    }

    /// Gives each file of the unsorted `svar/` pile the year its text points to. Files whose year
    /// cannot be told get a manifest entry saying so.
    private func sortUnsorted(_ files: [InputFile], questionLists: [Int: Result<QuestionList, IngestionError>],
                              reader: DocumentReader, fallbackYear: Int) -> ([Int: [InputFile]], [ManifestEntry]) {
        guard !files.isEmpty else { return ([:], []) }
        let detector = YearDetector(questionLists: questionLists.values.compactMap { try? $0.get() })
        let decisions = files.parallelMap(jobs: options.jobs) { file -> (InputFile, String?) in
            let text: String
            switch reader.read(file.url, format: file.fileExtension) {
            case let .text(decoded): text = decoded.text
            case let .table(table, _): text = ([table.header] + table.rows.map(\.cells)).map { $0.joined(separator: "\n") }.joined(separator: "\n")
            default: return (file, nil) // unreadable: goes to the fallback year, whose manifest says why
            }
            let (year, reason) = detector.detect(text)
            var dated = file
            dated.year = year
            return (dated, year == nil ? reason : nil)
        }
        var sorted: [Int: [InputFile]] = [:]
        var undated: [ManifestEntry] = []
        for (file, problem) in decisions {
            if let problem {
                undated.append(ManifestEntry(path: file.relativePath, format: file.fileExtension, year: nil,
                                             status: .skipped, reason: problem + "; legg fila i <år>/svar/"))
            } else {
                let year = file.year ?? fallbackYear
                sorted[year, default: []].append(InputFile(url: file.url, relativePath: file.relativePath, year: year))
            }
        }
        return (sorted, undated)
    }
}
