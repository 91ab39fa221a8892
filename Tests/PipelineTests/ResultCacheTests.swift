import Foundation
@testable import Pipeline
import PipelineCore
import Reports
import TestSupport
import Testing

/// The result cache of `run`: reports are the same bytes with and without it, it is invalidated
/// by exactly what a file's results depend on, and damaged entries are survived.
@Suite(.serialized) struct ResultCacheTests {
    static let analyzer = try! TextAnalyzer.make()

    /// Every visible file below `folder` (the cache folder left out), with its bytes.
    static func reports(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasPrefix(".") {
                enumerator?.skipDescendants()
                continue
            }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Runs the pipeline; returns what the cache did (nil without the cache).
    @discardableResult
    static func run(_ corpus: URL, _ output: URL, cache: Bool = true, jobs: Int = 2, year: Int? = nil, themes: URL? = nil,
                    classifier: String = "ordliste") throws -> ResultCache.Statistics? {
        var options = RunOptions(corpus: corpus, output: output, year: year, jobs: jobs, themesFolder: themes, classifierID: classifier)
        options.useCache = cache
        let analyzer = themes == nil && classifier == "ordliste" ? Self.analyzer
            : try TextAnalyzer.make(themesFolder: themes, classifierID: classifier)
        let run = CorpusRun(options: options, analyzer: analyzer)
        _ = try run.run()
        return run.cache?.statistics
    }

    static func entries(_ output: URL) -> [URL] {
        let root = output.appendingPathComponent(ResultCache.folderName)
        var found: [URL] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "dsr" { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// A small generated corpus: every format the generator makes, all four years.
    static func generatedCorpus(answers: Int = 32) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.url("bench/generate_corpus.py").path, "--answers", String(answers),
                             "--out", folder.url.appendingPathComponent("k").path, "--repo", Repository.root.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder
    }

    /// A copy of the embedded corpus (answers, questions, register) to change.
    static func embeddedCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.url("corpora"), to: folder.url.appendingPathComponent("k"))
        return folder
    }

    @Test func cachedReportsAreTheSameBytesAsUncachedOnTheEmbeddedCorpus() throws {
        let plain = try TemporaryFolder(), cached = try TemporaryFolder()
        defer { plain.remove(); cached.remove() }
        let corpus = Repository.url("corpora")
        #expect(try Self.run(corpus, plain.url, cache: false) == nil)
        #expect(!FileManager.default.fileExists(atPath: plain.url.appendingPathComponent(ResultCache.folderName).path))
        let first = try #require(try Self.run(corpus, cached.url))
        #expect(first.hits == 0 && first.stored == 1)
        let expected = try Self.reports(plain.url)
        #expect(expected.count > 50)
        #expect(try Self.reports(cached.url) == expected)
        let second = try #require(try Self.run(corpus, cached.url, jobs: 1))
        #expect(second.hits == 1 && second.stored == 0 && second.rejected == 0 && second.removed == 0)
        #expect(try Self.reports(cached.url) == expected)
    }

    @Test func cachedReportsAreTheSameBytesAsUncachedOnAGeneratedCorpus() throws {
        let corpus = try Self.generatedCorpus(), plain = try TemporaryFolder(), cached = try TemporaryFolder()
        defer { corpus.remove(); plain.remove(); cached.remove() }
        let root = corpus.url.appendingPathComponent("k")
        try Self.run(root, plain.url, cache: false)
        let expected = try Self.reports(plain.url)
        let first = try #require(try Self.run(root, cached.url, jobs: 1))
        #expect(try Self.reports(cached.url) == expected)
        let files = first.stored
        #expect(files > 20 && first.hits == 0)
        // Survey exports are cached as one entry per file holding all its rows.
        let csvFiles = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".csv") }
        #expect(!csvFiles.isEmpty)
        let second = try #require(try Self.run(root, cached.url, jobs: 3))
        #expect(second.hits == files && second.stored == 0)
        #expect(try Self.reports(cached.url) == expected)
        #expect(Self.entries(cached.url).count == files)
    }

    @Test func changingOneFileProcessesThatFileAloneAndDropsItsOldEntry() throws {
        let corpus = try Self.generatedCorpus(answers: 20), output = try TemporaryFolder(), plain = try TemporaryFolder()
        defer { corpus.remove(); output.remove(); plain.remove() }
        let root = corpus.url.appendingPathComponent("k")
        let files = try #require(try Self.run(root, output.url)).stored
        let answers = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.contains("/svar/") && $0.hasSuffix(".md") }.sorted()
        let changed = root.appendingPathComponent(try #require(answers.first))
        try (String(contentsOf: changed, encoding: .utf8) + "\nSpørsmål 1\nVi trenger flere heltidsstillinger.\n")
            .write(to: changed, atomically: true, encoding: .utf8)
        let rerun = try #require(try Self.run(root, output.url))
        #expect(rerun.hits == files - 1 && rerun.stored == 1 && rerun.removed == 1)
        #expect(Self.entries(output.url).count == files)
        try Self.run(root, plain.url, cache: false)
        #expect(try Self.reports(output.url) == (try Self.reports(plain.url)))
        // A file removed from the corpus loses its entry.
        try FileManager.default.removeItem(at: changed)
        let after = try #require(try Self.run(root, output.url))
        #expect(after.hits == files - 1 && after.stored == 0 && after.removed == 1)
    }

    @Test func questionListsRegisterThemesAndClassifierInvalidateWhatDependsOnThem() throws {
        let corpus = try Self.generatedCorpus(answers: 20), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        let root = corpus.url.appendingPathComponent("k")
        let files = try #require(try Self.run(root, output.url)).stored
        func year(_ y: Int) -> Int { Self.entries(output.url).filter { $0.deletingLastPathComponent().lastPathComponent == String(y) }.count }
        let in2022 = year(2022)
        #expect(in2022 > 0 && in2022 < files)

        // One year's question list: that year's files only.
        let questions = root.appendingPathComponent("2022/sporsmal.tsv")
        try (String(contentsOf: questions, encoding: .utf8) + "\n").write(to: questions, atomically: true, encoding: .utf8)
        let afterQuestions = try #require(try Self.run(root, output.url))
        #expect(afterQuestions.stored == in2022 && afterQuestions.hits == files - in2022)

        // The register: every year.
        let register = root.appendingPathComponent("register/kommuner-2020.tsv")
        try (String(contentsOf: register, encoding: .utf8) + "\n").write(to: register, atomically: true, encoding: .utf8)
        let afterRegister = try #require(try Self.run(root, output.url))
        #expect(afterRegister.stored == files && afterRegister.hits == 0 && afterRegister.removed == files)

        // A user's theme folder, then one theme file in it changed.
        let themes = try TemporaryFolder()
        defer { themes.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.url("Sources/Themes/Resources/temaer").path) {
            try FileManager.default.copyItem(at: Repository.url("Sources/Themes/Resources/temaer/\(name)"),
                                             to: themes.url.appendingPathComponent(name))
        }
        // The same theme files as the bundled ones give the same keys.
        #expect(try #require(try Self.run(root, output.url, themes: themes.url)).hits == files)
        let heltid = themes.url.appendingPathComponent("heltid.txt")
        try (String(contentsOf: heltid, encoding: .utf8) + "stillingsbrøk*\n").write(to: heltid, atomically: true, encoding: .utf8)
        let afterTheme = try #require(try Self.run(root, output.url, themes: themes.url))
        #expect(afterTheme.stored == files && afterTheme.hits == 0)
        #expect(try #require(try Self.run(root, output.url, themes: themes.url)).hits == files)

        // Another classifier.
        let other = try #require(try Self.run(root, output.url, classifier: "logistisk"))
        #expect(other.stored == files && other.hits == 0)
        #expect(try #require(try Self.run(root, output.url, classifier: "logistisk")).hits == files)
    }

    @Test func oneYearsRunKeepsTheOtherYearsEntries() throws {
        let corpus = try Self.generatedCorpus(answers: 20), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        let root = corpus.url.appendingPathComponent("k")
        let files = try #require(try Self.run(root, output.url)).stored
        let only = try #require(try Self.run(root, output.url, year: 2025))
        #expect(only.hits > 0 && only.stored == 0 && only.removed == 0)
        #expect(try #require(try Self.run(root, output.url)).hits == files)
    }

    @Test func damagedAndForeignEntriesAreIgnoredAndWrittenAgain() throws {
        let corpus = try Self.generatedCorpus(answers: 20), output = try TemporaryFolder(), plain = try TemporaryFolder()
        defer { corpus.remove(); output.remove(); plain.remove() }
        let root = corpus.url.appendingPathComponent("k")
        let files = try #require(try Self.run(root, output.url)).stored
        try Self.run(root, plain.url, cache: false)
        let expected = try Self.reports(plain.url)
        let entries = Self.entries(output.url)
        #expect(entries.count >= 5)
        let first = try Data(contentsOf: entries[0])
        try first.prefix(first.count / 2).write(to: entries[0])                      // truncated
        try Data().write(to: entries[1])                                             // empty
        try Data(repeating: 0xFF, count: 4000).write(to: entries[2])                 // garbage
        var flipped = try Data(contentsOf: entries[3])
        flipped[flipped.count - 10] ^= 0x20                                          // one bit in the payload
        try flipped.write(to: entries[3])
        try Data(contentsOf: entries[4]).write(to: entries[3].deletingLastPathComponent()
            .appendingPathComponent(String(repeating: "0", count: 32) + ".dsr"))     // another key's entry under a wrong name
        var header = try Data(contentsOf: entries[4])
        header[5] ^= 0x01                                                            // another format version
        try header.write(to: entries[4])
        try "not ours".write(to: output.url.appendingPathComponent("\(ResultCache.folderName)/notat.txt"), atomically: true, encoding: .utf8)

        let rerun = try #require(try Self.run(root, output.url))
        #expect(rerun.rejected == 5 && rerun.stored == 5 && rerun.hits == files - 5 && rerun.removed == 1)
        #expect(try Self.reports(output.url) == expected)
        #expect(FileManager.default.fileExists(atPath: output.url.appendingPathComponent("\(ResultCache.folderName)/notat.txt").path))
        let again = try #require(try Self.run(root, output.url))
        #expect(again.hits == files && again.rejected == 0)
    }

    @Test func failedFilesAreNotKeptAndTheCacheIsNeverInput() throws {
        let corpus = try Self.embeddedCopy()
        defer { corpus.remove() }
        let root = corpus.url.appendingPathComponent("k")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).write(to: root.appendingPathComponent("2025/svar/bilde.txt"))
        // Output inside the answers folder: the cache's files must not be read as answers.
        let output = root.appendingPathComponent("2025/svar/ut")
        let first = try #require(try Self.run(root, output))
        #expect(first.stored >= 1 && first.notStored == 1)
        let second = try #require(try Self.run(root, output))
        #expect(second.notStored >= 1 && second.hits >= 1)
        let manifest = try String(contentsOf: output.appendingPathComponent("2025/manifest.csv"), encoding: .utf8)
        #expect(!manifest.contains(ResultCache.folderName))
        #expect(manifest.contains("bilde.txt"))
    }

    @Test func pruningTouchesOnlyTheCachesOwnFiles() {
        #expect(ResultCache.isOwnFile("0123456789abcdef0123456789abcdef.dsr"))
        #expect(ResultCache.isOwnFile(".0123456789abcdef0123456789abcdef.dsr.3.tmp-412"))
        #expect(!ResultCache.isOwnFile("0123456789ABCDEF0123456789abcdef.dsr"))
        #expect(!ResultCache.isOwnFile("0123456789abcdef0123456789abcde.dsr"))
        #expect(!ResultCache.isOwnFile("rapport.md"))
        #expect(!ResultCache.isOwnFile(".gitignore"))
    }
}

/// The binary form of one file's results.
@Suite struct ResultCodecTests {
    /// Every document of the embedded corpus and of hostile small texts.
    static func documents() throws -> [ProcessedDocument] {
        var options = RunOptions(corpus: Repository.url("corpora"), output: URL(fileURLWithPath: "/dev/null"), jobs: 1)
        options.useCache = false
        var all: [ProcessedDocument] = []
        _ = try CorpusRun(options: options, analyzer: ResultCacheTests.analyzer).forEachYear { _, documents in try documents.forEach { all.append($0) } }
        return all
    }

    static func same(_ a: [ProcessedDocument], _ b: [ProcessedDocument]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.entry == y.entry, x.answers.count == y.answers.count else { return false }
            for (p, q) in zip(x.answers, y.answers) {
                guard p.answer.question == q.answer.question, p.answer.text == q.answer.text,
                      p.answer.sourceLines == q.answer.sourceLines, p.themes == q.themes,
                      p.answer.sourceLine(atByteOffset: p.answer.text.utf8.count / 2) == q.answer.sourceLine(atByteOffset: q.answer.text.utf8.count / 2)
                else { return false }
            }
        }
        return true
    }

    @Test func roundTripKeepsEveryField() throws {
        let documents = try Self.documents()
        #expect(documents.contains { !$0.answers.isEmpty })
        let bytes = ResultCodec.encode(documents)
        let decoded = try #require(bytes.withUnsafeBytes { ResultCodec.decode($0) })
        #expect(Self.same(decoded, documents))

        // Every kind of value: no year, no respondent, general answers, findings with and without a line,
        // negative and large numbers, odd scores, empty and non-ASCII strings.
        let odd = ProcessedDocument(
            entry: ManifestEntry(path: "svar/æøå 🙂.csv#rad 3", format: "csv", encoding: "", year: nil, respondent: nil, status: .failed,
                                 reason: "", answersPerQuestion: [.general: 1, .number(12): 2, .number(-3): Int.max],
                                 charactersKept: Int.min, charactersRemoved: 0, repairs: 1 << 40,
                                 findings: [Finding(.error, stage: "", "x\u{0}y", line: nil), Finding(.warning, stage: "s", "m", line: -1)]),
            answers: [ClassifiedAnswer(answer: Answer(question: .general, text: "", sourceLines: []), themes: []),
                      ClassifiedAnswer(answer: Answer(question: .number(0), text: "a\nb\r\nc", sourceLines: [1, 2, Int.max]),
                                       themes: [ThemeScore(themeID: "t", score: -0.0, hits: []),
                                                ThemeScore(themeID: "u", score: .infinity, hits: [ThemeHit(term: "a*", matched: "ab", byteRange: 0 ..< 0)]),
                                                ThemeScore(themeID: "v", score: 1e-300, hits: [ThemeHit(term: "", matched: "", byteRange: 5 ..< 9)])])])
        let skipped = ProcessedDocument(entry: ManifestEntry(path: "p", format: "", year: 2025,
                                                             respondent: Respondent(number: "", name: "Ås", county: ""), status: .skipped))
        let bytes2 = ResultCodec.encode([odd, skipped])
        #expect(Self.same(try #require(bytes2.withUnsafeBytes { ResultCodec.decode($0) }), [odd, skipped]))
        #expect(ResultCodec.encode([]).withUnsafeBytes { ResultCodec.decode($0) }?.isEmpty == true)
    }

    /// A field added to a stored type must be added to the codec (and its version raised): this
    /// fails until it is.
    @Test func codecKnowsEveryStoredField() {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let answer = Answer(question: .general, text: "", sourceLines: [])
        #expect(labels(ProcessedDocument(entry: ManifestEntry(path: "", format: "", year: nil, status: .ok))) == ["entry", "answers"])
        #expect(labels(ManifestEntry(path: "", format: "", year: nil, status: .ok)) == [
            "path", "format", "encoding", "year", "respondent", "status", "reason", "answersPerQuestion", "charactersKept",
            "charactersRemoved", "repairs", "findings"])
        #expect(labels(Respondent(number: "", name: "", county: "")) == ["number", "name", "county"])
        #expect(labels(Finding(.info, stage: "", "")) == ["severity", "stage", "message", "line"])
        #expect(labels(ClassifiedAnswer(answer: answer, themes: [])) == ["answer", "themes"])
        // `lineStarts` is worked out from the text again.
        #expect(labels(answer) == ["question", "text", "sourceLines", "lineStarts"])
        #expect(labels(ThemeScore(themeID: "", score: 0, hits: [])) == ["themeID", "score", "hits"])
        #expect(labels(ThemeHit(term: "", matched: "", byteRange: 0 ..< 0)) == ["term", "matched", "byteRange"])
    }

    @Test func everyTruncationAndDamagedByteIsRejectedOrSurvived() throws {
        let documents = try Self.documents()
        let key = ContentHash.of(Array("nøkkel".utf8))
        let entry = ResultCache.entryBytes(documents, key: key)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("e.dsr")
        try Data(entry).write(to: url)
        guard case let .found(found) = ResultCache.load(url, key: key) else { Issue.record("entry not found"); return }
        #expect(Self.same(found, documents))
        guard case .unusable = ResultCache.load(url, key: ContentHash.of(Array("annen".utf8))) else { Issue.record("wrong key used"); return }
        // The payload alone, cut anywhere: the decoder says no without trapping.
        let payload = Array(entry[ResultCache.headerSize...])
        for length in stride(from: 0, to: payload.count, by: max(1, payload.count / 2000)) {
            #expect(payload.prefix(length).withUnsafeBytes { ResultCodec.decode(UnsafeRawBufferPointer($0)) } == nil)
        }
        // The whole entry with one byte changed anywhere: never used.
        for position in stride(from: 0, to: entry.count, by: max(1, entry.count / 1500)) {
            var damaged = entry
            damaged[position] ^= 0x5A
            try Data(damaged).write(to: url)
            guard case .unusable = ResultCache.load(url, key: key) else { Issue.record("damage at \(position) not seen"); return }
        }
        // Random payload bytes through the decoder: nil or some documents, never a trap.
        var state: UInt64 = 7
        for _ in 0 ..< 300 {
            var bytes: [UInt8] = []
            for _ in 0 ..< Int(state % 200) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33))
            }
            _ = bytes.withUnsafeBytes { ResultCodec.decode($0) }
        }
    }
}
