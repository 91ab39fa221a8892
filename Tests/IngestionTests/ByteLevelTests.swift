import Foundation
@testable import Ingestion
import NorwegianText
import PipelineCore
import TestSupport
import Testing

/// The byte-level paths of the segmenter give what the `Character` code gives.
@Suite struct ByteLevelTests {
    /// Lines of real answers and booklets, and lines made to be awkward.
    static let lines: [String] = {
        var lines: [String] = []
        for path in ["corpora/2025/hefte.txt", "corpora/2025/svar/drammen.md", "corpora/2021/hefte.txt",
                     "Tests/IngestionTests/Fixtures/nynorsk-ulvik-2025.md", "Tests/IngestionTests/Fixtures/ocr-uten-nummer-2026.txt"] {
            lines += ((try? Repository.text(path)) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        lines += [
            "", " ", "\t", "\u{A0}", "\u{200B}", " \u{2009} ", "a\u{200D}b", "\u{301}", " \u{301}", "x\r", "ÆØÅ æøå ÉÈÊ ß ÿ",
            "Korleis kan KS bistå òg åra?", "µ ª º ² ³ ¹ ¼ ½ ¾ × ÷ « » § °", "1. Hvordan", "12) Hva", "123. Tall", "²) Hva",
            "• 3: Spørsmål", "## 4 - tekst", "   -# 7.*_Hva", "Spørsmål\u{A0}3", "SPØRSMÅL 2:", "Sp.\u{2009}4", "spm.5",
            "sporsmal nr. 3", "Spørsmål nr 12", "Sporsma\u{30A}l 5", "spørsmål ３", "Spesielt i 2024", "sp 4", "sp. 44",
            "Kommunestyrets vedtak:", "Vedta\u{212A}:", "KOMMUNESTYRETS VEDTAK:", "Tilrådning:", "Forslag til vedtak:",
            "Heradsstyret sitt vedtak:", "Innstilling:", "fylkestingets tilråding:", "İstanbul og Ωmega", "🙂 emoji 🙂",
            "e\u{301}tat med kombinerende tegn", "tab\there", "Mellomoppgjøret 2025", "# Mellomoppgjøret 2025", "MELLOMOPPGJØRET-2025!",
        ]
        return lines
    }()

    @Test func foldingOnBytesMatchesFoldingOnCharacters() {
        for line in Self.lines {
            #expect(QuestionTextMatcher.fold(line) == QuestionTextMatcher.foldCharacters(line), "\(line)")
            var out: [UInt8] = [], word: [UInt8] = []
            _ = QuestionTextMatcher.fold(withoutNumber: line, into: &out, word: &word)
            #expect(out == QuestionTextMatcher.foldCharacters(QuestionTextMatcher.withoutNumber(line)), "\(line)")
        }
    }

    @Test func foldingStopsOnlyPastTheLimit() {
        for line in Self.lines {
            var out: [UInt8] = [], word: [UInt8] = []
            let full = QuestionTextMatcher.foldCharacters(QuestionTextMatcher.withoutNumber(line))
            for limit in [-1, 0, 10, 30, full.count - 1, full.count, full.count + 1, 100_000] {
                let fits = QuestionTextMatcher.fold(withoutNumber: line, into: &out, word: &word, limit: limit)
                #expect(fits == (full.count <= limit), "\(line)")
                if fits { #expect(out == full, "\(line)") }
            }
        }
    }

    @Test func headingKeysOnBytesMatchTheStringKeys() {
        for line in Self.lines {
            let key: String? = line.withBytes { bytes in
                guard SimpleText.isSimple(bytes) else { return nil }
                var out: [UInt8] = []
                SimpleText.headingKey(bytes, into: &out)
                return String(decoding: out, as: UTF8.self)
            }
            if let key { #expect(key == HeadingSegmenter.headingKey(line), "\(line)") }
        }
    }

    @Test func linesSplitAsCharactersDo() {
        let texts = [Self.lines.joined(separator: "\n"), "a\r\nb\nc", "\n\n", "", "x\n", "\r\n"]
        for text in texts {
            #expect(HeadingSegmenter.lines(text) == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }

    @Test func theMarkerTestNeverRulesOutAHeading() {
        let variants = Self.lines + ["spørsmål", "Spørsmål", "SPØRSMÅL", "sporsmål", "spørsmal", "sporsmal", "spm", "spm.", "sp."].flatMap { marker in
            ["", " ", "  ", " nr. ", " nr.", "nr", " NR ", "\t"].flatMap { gap in ["1", "12", "123", "٣"].map { "\(marker)\(gap)\($0)" } }
        }
        for line in variants {
            let lowered = line.lowercased()
            if let match = lowered.firstMatch(of: QuestionHeading.marker), Int(match.output.2) != nil {
                #expect(QuestionHeading.mayHoldMarker(line), "\(line)")
            }
        }
    }

    @Test func theDecisionTestNeverRulesOutADecision() {
        for line in Self.lines where HeadingSegmenter.isDecisionMarker(line) {
            #expect(HeadingSegmenter.mayBeDecisionMarker(line), "\(line)")
        }
    }

    @Test func blankAndCountAsFoundationAndCharactersDo() {
        for line in Self.lines + ["\u{A0}\u{2000}\u{200A}\u{200B}\u{202F}\u{205F}\u{3000}\u{1680}\t ", "\u{85}", "\u{200C}"] {
            #expect(ByteText.isBlank(line) == line.trimmingCharacters(in: .whitespaces).isEmpty, "\(line)")
            #expect(ByteText.characterCount(line) == line.count, "\(line)")
        }
    }

    /// Echo removal gives the same answers whether or not a paragraph can be ruled out on bytes;
    /// a zero width joiner (not simple text) sends the paragraph the long way.
    @Test func echoesAreFoundTheShortAndTheLongWay() throws {
        let segmenter = HeadingSegmenter(tokenizer: try NorwegianChain.standard().tokenizer)
        let questions = QuestionList(year: 2025, questions: [
            Question(number: 1, part: "Del", text: "Hvordan kan dere som folkevalgte redusere og håndtere forventningsgapet i kommunen?"),
            Question(number: 2, part: "Del", text: "Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?"),
        ])
        let texts = [
            // Two trigrams from different questions side by side: six words covered.
            "Spørsmål 1\nVi spør: hvordan kan dere bistå i dette nå.",
            "Spørsmål 1\nHvordan kan dere som folkevalgte redusere og håndtere forventningsgapet i kommunen? Vi svarer.",
            "Spørsmål 2\nHvordan kan KS\nbistå i dette arbeidet? Med kurs.",
            "Spørsmål 2\nHvordan kan KS bistå oss? Med kurs og i dette arbeidet i den enkelte kommune.",
            "Spørsmål 1\nhttps://ks.no/hvordan-kan-dere-som-folkevalgte og dere som folkevalgte redusere og håndtere nå.",
        ]
        for text in texts {
            let short = segmenter.segment(text, questions: questions)
            let long = segmenter.segment(text + "\n\u{200D}", questions: questions)
            #expect(short.echoedCharacters == long.echoedCharacters, "\(text)")
            let longTexts = long.answers.map { $0.text.replacingOccurrences(of: "\u{200D}", with: "") }
                .map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
            #expect(short.answers.map(\.text) == longTexts, "\(text)")
        }
        #expect(segmenter.segment(texts[0], questions: questions).echoedCharacters > 0)
    }

    /// The trigrams a line shares with each question's prefix, counted from the index, are the
    /// multiset intersection counted directly.
    @Test func sharedTrigramsFromTheIndexAreTheIntersection() {
        let texts = Self.lines.map { QuestionTextMatcher.fold($0) }.filter { $0.count >= 3 }
        let questions = Array(texts.prefix(12))
        let codes = questions.map { Trigrams.codes($0)! }
        let index = Trigrams.Index(codes)
        var counts = Trigrams.Counts()
        var shared: [Int] = []
        for text in texts {
            let textCodes = Trigrams.codes(text)!
            let candidates = questions.indices.map { ($0, min(questions[$0].count, text.count + $0)) }
            index.shared(textCodes, candidates: candidates, counts: &counts, shared: &shared)
            for (candidate, (position, length)) in candidates.enumerated() where length >= 3 {
                counts.add(textCodes)
                let direct = counts.shared(codes[position][0 ..< length - 2])
                counts.remove(textCodes)
                #expect(shared[candidate] == direct)
            }
        }
    }
}
