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
    /// Tells another thread how far the run has come.
    public var progress = RunProgress()
    /// A trained model for the trained classifiers; nil means the bundled one.
    public var modelFile: URL?
    /// Called with a year's input files after the folder is listed and before any is read:
    /// lets a test change the folder in that gap (delete a file) as another program might.
    public var afterListing: (@Sendable (_ year: Int, _ files: [InputFile]) -> Void)?
    /// Files with more text than this many bytes are skipped (see `DocumentReader.maxBytes`).
    public var maxFileBytes = DocumentReader.defaultMaxBytes
    /// Keeps each file's results under `<output>/.debattsvar-cache/` and reuses them when nothing
    /// they depend on changed (`run` turns it on unless `--no-cache`).
    public var useCache = false

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
    /// Results of earlier runs, when `options.useCache`.
    public let cache: ResultCache?

    public init(options: RunOptions, analyzer: TextAnalyzer) {
        self.options = options
        self.analyzer = analyzer
        cache = options.useCache ? ResultCache.open(options: options, tools: .fromEnvironment()) : nil
    }

    /// What the reports of a year need besides its documents.
    public struct YearContext: Sendable {
        public var year: Int
        /// The booklet's questions, each with the themes its own text raises.
        public var questions: [QuestionLabel]
        public var themes: [ThemeLabel]
        /// The register structure in force that year, as plain values.
        public var register: RegisterFacts
    }

    /// The documents of one year, read, split and classified on `jobs` threads as they are asked
    /// for: only a bounded number are held at once, however large the corpus.
    public struct YearDocuments {
        fileprivate let files: [InputFile]
        fileprivate let processor: DocumentProcessor
        /// The year's entries in the result cache, when it is on.
        fileprivate let cached: ResultCache.Year?
        fileprivate let jobs: Int
        fileprivate let progress: RunProgress

        /// Hands every document to `consume` in path order (survey rows in row order), each first
        /// turned into what the caller needs by `prepare`, which runs on the worker threads
        /// beside reading and classifying.
        public func forEach<R: Sendable>(prepare: @Sendable (ProcessedDocument) -> R, _ consume: (R) throws -> Void) throws {
            let processor = processor, cached = cached, progress = progress
            try files.parallelStream(jobs: jobs, { file -> [R] in
                defer { progress.fileDone() }
                let documents = cached?.results(for: file) { processor.process(file) } ?? processor.process(file)
                return documents.map(prepare)
            }, consume: { results in
                for result in results { try consume(result) }
            })
        }

        /// Hands every document to `consume` in path order.
        public func forEach(_ consume: (ProcessedDocument) throws -> Void) throws {
            try forEach(prepare: { $0 }, consume)
        }
    }

    /// Reads, splits and classifies every year of the corpus (or the one asked for) and hands
    /// each year's documents, streamed in path order, to `body`. Returns the years and the
    /// manifest entries of answers whose year could not be told.
    public func forEachYear(_ body: (YearContext, YearDocuments) throws -> Void) throws -> (years: [Int], undated: [ManifestEntry]) {
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
        let reader = DocumentReader(tools: .fromEnvironment(), maxBytes: options.maxFileBytes)
        let themeLabels = analyzer.themes.map { ThemeLabel(id: $0.id, name: $0.name) }
        var questionLists: [Int: Result<QuestionList, IngestionError>] = [:]
        for (year, folder) in try layout.yearFolders() {
            do throws(IngestionError) {
                questionLists[year] = .success(try QuestionList(contentsOf: folder.appendingPathComponent("sporsmal.tsv"), year: year))
            } catch {
                questionLists[year] = .failure(error)
            }
        }
        let (unsorted, undated) = sortUnsorted(layout.unsortedFiles().filter { cache?.contains($0.url) != true }, questionLists: questionLists, reader: reader,
                                               fallbackYear: years[0].year)
        for (year, folder) in years {
            let files = (layout.inputFiles(year: year, folder: folder) + (unsorted[year] ?? []))
                .filter { cache?.contains($0.url) != true }.sorted { $0.relativePath < $1.relativePath }
            options.afterListing?(year, files)
            let questions = questionLists[year]!
            // Municipalities as they were in the booklet's year (Drammen: 3005 Viken in 2022, 3301 Buskerud in 2025).
            let register = try MunicipalityRegister(folder: layout.registerFolder, year: year)
            let identifier = RespondentIdentifier(register: register)
            let processor = DocumentProcessor(analyzer: analyzer, identifier: identifier, segmenter: segmenter,
                                              questions: questions, reader: reader, clock: options.clock)
            options.progress.start(year: year, files: files.count)
            let cached = cache?.year(year, questions: folder.appendingPathComponent("sporsmal.tsv"), register: layout.registerFolder)
            // The themes a question raises itself: its part, heading and text, classified like an answer.
            let labels = (try? questions.get())?.questions.map { question in
                QuestionLabel(number: question.number, part: question.part, text: question.text,
                              themes: analyzer.classify([question.part, question.section, question.text].joined(separator: "\n"))
                                  .map(\.themeID).sorted())
            } ?? []
            try body(YearContext(year: year, questions: labels, themes: themeLabels, register: Self.facts(register)),
                     YearDocuments(files: files, processor: processor, cached: cached, jobs: options.jobs, progress: options.progress))
        }
        cache?.prune(years: years.map(\.year), allYears: options.year == nil)
        return (years.map(\.year), undated)
    }

    /// The register as plain values for the reports.
    static func facts(_ register: MunicipalityRegister) -> RegisterFacts {
        RegisterFacts(
            structureYear: register.validFrom,
            municipalities: register.entries.filter { !$0.isCounty }.map {
                RegisterUnit(number: $0.number, name: $0.name, countyNumber: $0.countyNumber, county: $0.county)
            },
            counties: register.entries.filter(\.isCounty).map {
                RegisterUnit(number: $0.number, name: $0.name, countyNumber: $0.number, county: $0.name)
            })
    }

    /// Runs the pipeline and writes every report. All files are staged first and renamed into
    /// place together at the end, so a run that stops halfway leaves the previous reports whole.
    public func run() throws -> RunSummary {
        var batch = ReportBatch(root: options.output)
        do {
            var allEntries: [ManifestEntry] = []
            var summaries: [YearSummary] = []
            var themes: [ThemeLabel] = []
            var pageFolders: [String] = []
            var tidyFiles: [URL] = []
            let (years, undated) = try forEachYear { context, documents in
                let folder = String(context.year)
                // Evidence rows go to files in the output folder as they come, named like the
                // staged reports so an interrupted run removes them with those.
                let spool = try EvidenceSpool(
                    folder: options.output.appendingPathComponent(".evidens-\(folder).tmp-\(ProcessInfo.processInfo.processIdentifier)"),
                    themes: context.themes)
                defer { spool.remove() }
                var aggregator = YearAggregator(year: context.year, questions: context.questions, themes: context.themes,
                                                register: context.register, evidence: spool)
                let clock = options.clock
                try documents.forEach(prepare: { document in
                    clock.measure("rapporter") { YearAggregator.contribution(of: document, year: context.year, allEvidence: false) }
                }) { contribution in
                    clock.measure("rapporter") { aggregator.add(contribution) }
                }
                var finished = clock.measure("rapporter") { aggregator.finish() }
                DocumentProcessor.flagDuplicateRespondents(&finished.entries)
                let report = finished
                let pages = YearReportRenderer.respondentPages(report)
                // The year's files are rendered on `jobs` threads and staged in a fixed order.
                let coverage = report.coverage()
                var renderers: [(String, @Sendable () -> String)] = [
                    ("tema-per-sporsmal.csv", { YearReportRenderer.themePerQuestionCSV(report) }),
                    ("tema-per-sporsmal.md", { YearReportRenderer.themePerQuestionMarkdown(report) }),
                    ("tema-per-fylke.csv", { YearReportRenderer.themePerCountyCSV(report) }),
                    ("tema-per-kommune.csv", { YearReportRenderer.themePerRespondentCSV(report) }),
                    ("dekning.csv", { YearReportRenderer.coverageCSV(report) }),
                    ("termer.csv", { YearReportRenderer.termsCSV(report) }),
                    ("rapport.md", { YearReportRenderer.summaryMarkdown(report, pages: pages) }),
                    ("rapport.json", { YearReportRenderer.reportJSON(report) }),
                    ("rapport.html", { HTMLReportRenderer.yearHTML(report) }),
                    ("manifest.csv", { YearReportRenderer.manifestCSV(report.entries) }),
                    ("manifest.json", { YearReportRenderer.manifestJSON(report.entries) }),
                ]
                for respondent in report.answering {
                    guard let page = pages[respondent.key] else { continue }
                    renderers.append((page, { YearReportRenderer.respondentMarkdown(report, respondent, coverage: coverage) }))
                }
                try renderers.parallelStream(jobs: options.jobs, { name, render in
                    (name, clock.measure("rapporter") { render() })
                }, consume: { name, contents in
                    try batch.stage(contents, to: "\(folder)/\(name)")
                    if name == "dekning.csv" {
                        // The year's tidy.csv is written row by row: it grows with the answers.
                        try clock.measure("rapporter") {
                            try batch.stage(to: "\(folder)/tidy.csv") { url in
                                let file = try OutputFile(url)
                                try file.write(TidyCSVFormat.header(YearReportRenderer.tidyColumns))
                                try YearReportRenderer.tidyRows(report) { try file.write($0) }
                                try file.close()
                            }
                        }
                    }
                    if name == "termer.csv" {
                        try clock.measure("rapporter") { try batch.stage(to: "\(folder)/evidens.csv") { try spool.write(to: $0) } }
                    }
                })
                pageFolders.append("\(folder)/kommuner")
                if let staged = batch.stagedFile("\(folder)/tidy.csv") { tidyFiles.append(staged) }
                summaries.append(report.summary)
                themes = context.themes
                allEntries += report.entries
            }
            allEntries += undated
            allEntries.sort { $0.path < $1.path }
            let corpus = CorpusReport(themes: themes, years: summaries, entries: allEntries)
            // The all-years files are written by a run over all years only: one year's run
            // leaves them as they were instead of making them that year's.
            if options.year == nil {
                try options.clock.measure("rapporter") { try stageAllYears(corpus, tidyFiles: tidyFiles, in: &batch) }
            }
            let written = batch.paths
            options.progress.isCommitting = true
            defer { options.progress.isCommitting = false }
            try options.clock.measure("skriving") { try batch.commit() }
            for folder in pageFolders {
                ReportBatch.removeStale(in: folder, root: options.output, suffix: ".md", keeping: Set(written))
            }
            return RunSummary(years: years, entries: allEntries, written: written)
        } catch {
            batch.discard()
            throw error
        }
    }

    /// The all-years files; `tidy.csv` is the years' staged `tidy.csv` files put together under
    /// one header.
    private func stageAllYears(_ corpus: CorpusReport, tidyFiles: [URL], in batch: inout ReportBatch) throws {
        let allEntries = corpus.entries
        try batch.stage(YearReportRenderer.manifestCSV(allEntries), to: "manifest.csv")
        try batch.stage(YearReportRenderer.manifestJSON(allEntries), to: "manifest.json")
        try batch.stage(CorpusReportRenderer.trendCSV(corpus), to: "trend.csv")
        try batch.stage(to: "tidy.csv") { target in
            let out = try OutputFile(target)
            try out.write(TidyCSVFormat.header(YearReportRenderer.tidyColumns))
            for file in tidyFiles {
                guard let input = FileHandle(forReadingAtPath: file.path) else { continue }
                defer { try? input.close() }
                // Each year's file starts with the same header line, left out here.
                var first = true
                while var chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
                    if first, let newline = chunk.firstIndex(of: 0x0A) {
                        chunk = chunk[(newline + 1)...]
                        first = false
                    }
                    try out.write(chunk)
                }
            }
            try out.close()
        }
        try batch.stage(CorpusReportRenderer.summaryMarkdown(corpus), to: "rapport.md")
        try batch.stage(CorpusReportRenderer.reportJSON(corpus), to: "rapport.json")
        try batch.stage(HTMLReportRenderer.corpusHTML(corpus), to: "rapport.html")
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
