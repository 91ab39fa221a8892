import Foundation
import NorwegianText
import PipelineCore
import Testing

/// One example of `Fixtures/repairs.tsv`.
struct RepairCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let section: String
    let input: String
    let expected: String

    var testDescription: String { "repairs.tsv:\(line) [\(section)] \(input)" }
}

enum RepairFixture {
    static func load() throws -> [RepairCase] {
        let text = try String(contentsOf: Paths.fixture("repairs.tsv"), encoding: .utf8)
        var section = ""
        var cases: [RepairCase] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("# section:") {
                section = line.dropFirst("# section:".count).trimmingCharacters(in: .whitespaces)
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 else { throw Lexicon.FormatError(file: "repairs.tsv:\(index + 1)") }
            cases.append(RepairCase(line: index + 1, section: section, input: fields[0], expected: fields[1]))
        }
        return cases
    }

    static let cases: [RepairCase] = (try? load()) ?? []

    /// A paragraph as an English OCR model leaves bokmål: no æ/ø/å, `&` for å, `|` for I.
    static let bokmålContext = """
    Vi ma ta grep for & lose oppgavene pa en god mate. | tillegg er det viktig & sikre at kommunene
    far nok ressurser til & gi gode tjenester. Det er ikke lett, men vi ma prove. Hva skal til for at
    vi far det til? Kommunene ma samarbeide mer enn i dag og de ma se pa dette.
    """

    /// The same for nynorsk.
    static let nynorskContext = """
    Kommunane ma ta grep for & loyse oppgavene pa ein god mate. | tillegg er det viktig & sikre at
    kommunane far nok ressursar til & gi gode tenester. Det er ikkje lett, men vi ma prove. Kva skal
    til for at vi far det til? Kommunane ma samarbeide meir enn i dag, og dei ma gjere det no.
    """
}

@Suite("Repairs of damaged text")
struct RepairTests {
    /// Runs one example as its section says; returns the output to compare.
    static func run(_ example: RepairCase) throws -> String {
        let chain = try Shared.chain()
        switch example.section {
        case "ocr-bokmål", "ocr-nynorsk":
            let context = example.section == "ocr-bokmål" ? RepairFixture.bokmålContext : RepairFixture.nynorskContext
            let output = chain.normalize(context + "\n\n" + example.input)
            return String(output.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
        case "ligatures":
            let booklet = try Paths.readCorpus("2021/hefte.txt")
            let output = chain.normalize(booklet + "\n\n" + example.input)
            return String(output.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
        case "join":
            let input = example.input.replacingOccurrences(of: "/", with: "\n")
            return chain.normalize(input, joinLines: true).replacingOccurrences(of: "\n", with: "/")
        default:
            return chain.normalize(example.input)
        }
    }

    @Test("repairs.tsv", arguments: RepairFixture.cases)
    func table(_ example: RepairCase) throws {
        #expect(utf8(try Self.run(example)) == utf8(example.expected))
    }

    @Test("The fixture table is there and has every section")
    func fixtureLoads() throws {
        let sections = Set(try RepairFixture.load().map(\.section))
        #expect(sections == ["ocr-bokmål", "ocr-nynorsk", "clean", "ligatures", "spacing", "join"])
    }

    @Test("Repairs keep the line count and are idempotent on the seed texts",
          arguments: ["2026/hefte.txt", "2021/hefte.txt", "2022/hefte.txt", "2025/hefte.txt", "2025/svar/drammen.md"])
    func properties(_ path: String) throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus(path)
        for joinLines in [false, true] {
            let once = chain.normalize(text, joinLines: joinLines)
            #expect(once.utf8.count(where: { $0 == 0x0A }) == text.utf8.count(where: { $0 == 0x0A }))
            #expect(utf8(chain.normalize(once, joinLines: joinLines)) == utf8(once), "\(path) joinLines: \(joinLines)")
        }
    }

    @Test("Every change is explained with its line, and switches turn repairs off")
    func explainAndSwitches() throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus("2026/hefte.txt")
        var changes: [TextChange] = []
        let repaired = chain.normalize(text, joinLines: false, repairs: .all, changes: &changes)
        #expect(changes.count > 300)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let repairedLines = repaired.split(separator: "\n", omittingEmptySubsequences: false)
        for change in changes.prefix(50) {
            #expect(change.stage == "ocr")
            #expect(lines[change.line - 1].contains(change.original), "\(change)")
            #expect(repairedLines[change.line - 1].contains(change.replacement), "\(change)")
        }
        var none: [TextChange] = []
        let untouched = chain.normalize(text, joinLines: false, repairs: RepairOptions.all.subtracting(.ocr), changes: &none)
        #expect(none.isEmpty)
        #expect(utf8(untouched) == utf8(chain.normalize(text, joinLines: false, repairs: [])))
    }

    @Test("Random text through every repair: no crash, lines kept")
    func random() throws {
        let chain = try Shared.chain()
        var random = RandomText(seed: 0x0C12_2026)
        let alphabet = Alphabet.messy + ["&", "|", "@", "pa", "pé", "p4", " a ", "ae", "ee", " 4 ", "-\n", "ere", "nner", " s "]
        for _ in 0 ..< 500 {
            let input = random.make(from: alphabet, maxPieces: 40)
            for joinLines in [false, true] {
                let output = chain.normalize(input, joinLines: joinLines)
                #expect(output.utf8.count(where: { $0 == 0x0A }) == input.utf8.count(where: { $0 == 0x0A }), "\(visible(input))")
            }
        }
    }

    /// A sample of the benchmark: the held-out 2022 booklet rendered and read back by
    /// tesseract's English model (`make bench-normalize`), with its truth, line for line.
    @Test("OCR sample from the benchmark: most æ/ø/å damage recovered, correct words kept")
    func ocrSample() throws {
        let chain = try Shared.chain()
        let ocr = try String(contentsOf: Paths.fixture("ocr-sample.txt"), encoding: .utf8)
        let truth = try String(contentsOf: Paths.fixture("ocr-sample.truth.txt"), encoding: .utf8)
        let repaired = chain.normalize(ocr)
        let ocrLines = ocr.split(separator: "\n", omittingEmptySubsequences: false)
        let truthLines = truth.split(separator: "\n", omittingEmptySubsequences: false)
        let repairedLines = repaired.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(ocrLines.count == truthLines.count && repairedLines.count == ocrLines.count)
        var damaged = 0, recovered = 0, correct = 0, harmed = 0
        for k in ocrLines.indices {
            let o = ocrLines[k].split(separator: " "), t = truthLines[k].split(separator: " "), r = repairedLines[k].split(separator: " ")
            guard o.count == t.count, r.count == t.count else { continue }
            for w in t.indices {
                if o[w] == t[w] {
                    correct += 1
                    if r[w] != t[w] { harmed += 1 }
                } else if t[w].contains(where: { "æøåÆØÅ".contains($0) }) {
                    damaged += 1
                    if r[w] == t[w] { recovered += 1 }
                }
            }
        }
        #expect(damaged > 100)
        #expect(Double(recovered) >= 0.85 * Double(damaged), "recovered \(recovered) of \(damaged)")
        #expect(Double(harmed) <= 0.005 * Double(correct), "changed \(harmed) of \(correct) correct words")
    }
}

@Suite("Lexicon")
struct LexiconTests {
    @Test("Compounds of known words with optional linking s/e are valid", arguments: [
        "helsepersonellkommisjonen", "heltidskultur", "beredskapsråd", "barnehagebehov",
    ])
    func compounds(_ word: String) throws {
        let lexicon = try Lexicon.bundled()
        #expect(lexicon.isKnown(word, minPart: Lexicon.candidatePartLength))
    }

    @Test("Listed forms and their written standards")
    func standards() throws {
        let lexicon = try Lexicon.bundled()
        #expect(lexicon.isKnown("poesi") && lexicon.isKnown("koeffisient") && lexicon.isKnown("aerob"))
        #expect(lexicon.isKnown("gjere", in: .nynorsk) && !lexicon.isKnown("gjere", in: .bokmål))
        #expect(lexicon.isKnown("ikke", in: .bokmål))
        #expect(lexicon.isKnown("ikkje", in: .nynorsk) && !lexicon.isKnown("ikkje", in: .bokmål))
        // A compound the list holds, and one only the analysis finds.
        #expect(lexicon.isKnown("arbeidsmiljøloven", in: .bokmål))
        #expect(!lexicon.isKnown("tienester"))
        #expect(lexicon.isKnown("tjenester", in: .bokmål))
        #expect(lexicon.count > 300_000)
    }

    @Test("A lexicon made from words analyses compounds without the filter")
    func small() {
        let lexicon = Lexicon(words: ["heltid", "kultur", "råd"])
        #expect(lexicon.isKnown("heltidskultur"))
        #expect(lexicon.isKnown("heltidsråd", minPart: Lexicon.candidatePartLength))
        #expect(!lexicon.isKnown("heltidskulturx"))
    }

    @Test("Halves of a word split at a line end are repaired as one word, each kept on its line")
    func splitWords() throws {
        let chain = try Shared.chain()
        let input = RepairFixture.bokmålContext + "\n\nDet gir reallgnns-\nvekst, og det er gjen-\nnomfgrt i kommunene.\n"
        let lines = chain.normalize(input).split(separator: "\n", omittingEmptySubsequences: false).suffix(4).dropLast()
        #expect(Array(lines) == ["Det gir reallønns-", "vekst, og det er gjen-", "nomført i kommunene."])
        // A real hyphen and a suspended compound keep their halves.
        let kept = RepairFixture.bokmålContext + "\n\nVi har IKT-\nløsninger for helse-\nog omsorg.\n"
        #expect(chain.normalize(kept).hasSuffix("Vi har IKT-\nløsninger for helse-\nog omsorg.\n"))
    }

    @Test("A bokmål-only word becomes a far more common spelling; nynorsk forms never do")
    func proseFrequencies() throws {
        let chain = try Shared.chain()
        let output = chain.normalize(RepairFixture.bokmålContext + "\n\nDe hadde handtert saken godt, og brevet kom fra Oslo.\n")
        #expect(output.hasSuffix("De hadde håndtert saken godt, og brevet kom fra Oslo.\n"))
    }

    @Test("Word statistics carry prose frequencies and sentence ends")
    func proseStatistics() throws {
        let statistics = try WordStatistics.bundled()
        for (common, rare) in [("både", "bade"), ("måte", "mate"), ("år", "ar"), ("står", "star")] {
            #expect(statistics.proseFrequency(statistics.id(common)) > 10 * statistics.proseFrequency(statistics.id(rare)),
                    "\(common) / \(rare)")
        }
        // `før` ends sentences (`året før.`) far more often than `for` does.
        let før = statistics.id("før"), for_ = statistics.id("for"), end = WordStatistics.sentenceStart
        #expect(statistics.pairCount(før, end) / statistics.count(før) > 5 * statistics.pairCount(for_, end) / statistics.count(for_))
        // Counts made in tests have no prose frequencies and still score.
        let small = WordStatistics(sentences: [["vi", "går"], ["vi", "gar"]])
        #expect(small.proseFrequency(small.id("går")) == 0)
        #expect(small.score(small.id("går"), previous: small.id("vi"), hasPrevious: true, next: nil, hasNext: false).isFinite)
    }

    @Test("Word statistics give the likelier spelling in context")
    func statistics() throws {
        let statistics = try WordStatistics.bundled()
        #expect(statistics.count(statistics.id("og")) > 1000)
        let å = statistics.id("å"), a = statistics.id("a"), gi = statistics.id("gi"), nødvendig = statistics.id("nødvendig")
        #expect(statistics.score(å, previous: nødvendig, hasPrevious: true, next: gi, hasNext: true)
            > statistics.score(a, previous: nødvendig, hasPrevious: true, next: gi, hasNext: true))
    }
}
