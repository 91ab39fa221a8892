import Foundation
import NorwegianText
import Testing

@Suite("Normalisation")
struct NormalizationTests {
    @Test("Line-preserving normalisation", arguments: [
        // Tabs between words, as in the 2022 booklet.
        Example("Å\tkomme\tgodt", "Å komme godt"),
        Example("offentlig\tsektor?", "offentlig sektor?"),
        Example("•\t Hva bør være KS’ posisjoner i vårens  ", "• Hva bør være KS’ posisjoner i vårens"),
        // No-break, thin and narrow no-break spaces.
        Example("180\u{00A0}000", "180 000"),
        Example("kl.\u{2009}10", "kl. 10"),
        Example("Stillingsgrupper\u{202F} 0–5 år ans.\u{202F} 6 år", "Stillingsgrupper 0–5 år ans. 6 år"),
        Example("a\u{3000}b\u{205F}c", "a b c"),
        // Soft hyphens, zero-width characters and byte order marks go.
        Example("nødven\u{00AD}dig", "nødvendig"),
        Example("helse- og om\u{00AD}sorg", "helse- og omsorg"),
        Example("a \u{00AD} b", "a b"),
        Example("kom\u{200B}mune", "kommune"),
        Example("kom\u{2060}mune\u{200C}", "kommune"),
        Example("\u{FEFF}FORORD", "FORORD"),
        // Ligatures are spelled out.
        Example("\u{FB01}nner", "finner"),
        Example("\u{FB02}ere", "flere"),
        Example("e\u{FB00}ektiv", "effektiv"),
        Example("\u{FB03} \u{FB04} \u{FB06}", "ffi ffl st"),
        // Canonical composition.
        Example("a\u{030A}rets", "årets"),
        Example("A\u{030A}RETS", "ÅRETS"),
        Example("o\u{0308}konomi", "ökonomi"),
        Example("ide\u{0301}", "idé"),
        Example("\u{212B}", "Å"),
        Example("Evena\u{0301}s\u{030C}s\u{030C}i", "Evenášši"),
        // Trailing spaces go; indentation stays (one space per space-like character).
        Example("slutt   ", "slutt"),
        Example("slutt \t\u{00A0}", "slutt"),
        Example("    innrykk  her", "    innrykk her"),
        Example("\tinnrykk", " innrykk"),
        Example("linje 1  \nlinje 2 \n", "linje 1\nlinje 2\n"),
        Example(" Veien mot et bærekraftig arbeidsliv", " Veien mot et bærekraftig arbeidsliv"),
        Example("a\n\n\nb", "a\n\n\nb"),
        // Control characters become spaces; only `\n` ends a line.
        Example("a\u{0007}b", "a b"),
        Example("a\u{0085}b", "a b"),
        Example("a\u{2028}b", "a b"),
        Example("a\rb", "a b"),
        Example("a\r\nb", "a\nb"), // the CR is a control character, so a trailing space, so dropped
        // Clean text is returned as is.
        Example("", ""),
        Example("Ærlig talt, «forventningsgapet» – 180.000 flere.", "Ærlig talt, «forventningsgapet» – 180.000 flere."),
    ])
    func table(_ example: Example) throws {
        let chain = try Shared.chain()
        #expect(utf8(chain.normalize(example.input)) == utf8(example.expected))
    }

    @Test("Canonical composition on its own matches Foundation's NFC", arguments: [
        "a\u{030A}", "\u{212B}", "\u{2000}", "\u{2001}", "x\u{2001}y", "en\u{2002}to", "«tekst»", "Å", "e\u{0327}\u{0301}",
    ])
    func composition(_ input: String) {
        let expected = input.precomposedStringWithCanonicalMapping
        #expect(utf8(CanonicalCompositionFilter().apply(input)) == utf8(expected))
    }

    @Test("Canonical composition matches Foundation's NFC on random text")
    func compositionRandom() {
        var random = RandomText(seed: 0xC0FF_EE00)
        let generalPunctuation = (0x2000 ... 0x206F).compactMap(Unicode.Scalar.init).map { String($0) }
        let currency = (0x20A0 ... 0x20BF).compactMap(Unicode.Scalar.init).map { String($0) }
        let latin1 = (0xA0 ... 0xFF).compactMap(Unicode.Scalar.init).map { String($0) }
        let alphabet = Alphabet.messy + generalPunctuation + currency + latin1
        for _ in 0 ..< 2000 {
            let input = random.make(from: alphabet, maxPieces: 12)
            #expect(utf8(CanonicalCompositionFilter().apply(input)) == utf8(input.precomposedStringWithCanonicalMapping),
                    "\(visible(input))")
        }
    }

    /// Random strings mixing everything the whitespace filter handles, without ligatures.
    static func randomInputs(seed: UInt64, count: Int) -> [String] {
        var random = RandomText(seed: seed)
        return (0 ..< count).map { _ in random.make(from: Alphabet.messy, maxPieces: 30) }
    }

    @Test("Normalisation is idempotent")
    func idempotent() throws {
        let chain = try Shared.chain()
        var random = RandomText(seed: 0x1DE3_9073)
        let inputs = Self.randomInputs(seed: 0x1DE3_9071, count: 3000)
            + (0 ..< 500).map { _ in random.make(from: Alphabet.messy + Alphabet.ligatures, maxPieces: 30) }
        for input in inputs {
            let once = chain.normalize(input)
            #expect(utf8(chain.normalize(once)) == utf8(once), "\(visible(input))")
        }
    }

    @Test("Normalisation keeps the lines and leaves no tabs, odd spaces or doubled spaces")
    func properties() throws {
        let chain = try Shared.chain()
        let forbidden: Set<Unicode.Scalar> = ["\t", "\u{00A0}", "\u{00AD}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}", "\r"]
        for input in Self.randomInputs(seed: 0x9A0B_E271, count: 3000) {
            let output = chain.normalize(input)
            let bytes = utf8(output)
            #expect(bytes.count(where: { $0 == 0x0A }) == utf8(input).count(where: { $0 == 0x0A }), "\(visible(input))")
            #expect(bytes.count <= utf8(input).count, "longer: \(visible(input))")
            for scalar in output.unicodeScalars {
                let control = scalar.properties.generalCategory == .control && scalar != "\n"
                #expect(!forbidden.contains(scalar) && !control, "\(visible(String(scalar))) left in \(visible(output))")
            }
            for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
                let content = line.drop { $0 == " " }
                #expect(!content.contains("  "), "doubled space in \(visible(String(line)))")
                #expect(content.isEmpty || content.last != " ", "trailing space in \(visible(String(line)))")
            }
        }
    }

    @Test("Ligatures are expanded without making the text longer in bytes")
    func ligatures() throws {
        let chain = try Shared.chain()
        var random = RandomText(seed: 0x11_6A70)
        var sawGrowth = false
        for _ in 0 ..< 1000 {
            let input = random.make(from: Alphabet.messy + Alphabet.ligatures, maxPieces: 30)
            let output = chain.normalize(input)
            // Each ligature is 3 bytes and becomes at most 3 ASCII letters.
            #expect(utf8(output).count <= utf8(input).count, "\(visible(input))")
            #expect(!output.unicodeScalars.contains { (0xFB00 ... 0xFB06).contains($0.value) }, "\(visible(input))")
            // Only ligature expansion adds scalars.
            let hasLigature = input.unicodeScalars.contains { (0xFB00 ... 0xFB06).contains($0.value) }
            if output.unicodeScalars.count > input.unicodeScalars.count {
                sawGrowth = true
                #expect(hasLigature, "more scalars out than in: \(visible(input))")
            }
        }
        #expect(sawGrowth)
    }
}

@Suite("Normalisation does no harm to clean text")
struct DoNoHarmTests {
    /// Whitespace-separated words of `text`, as bytes.
    static func words(_ text: String) -> [[UInt8]] {
        text.split(whereSeparator: \.isWhitespace).map { utf8(String($0)) }
    }

    /// The 2021 booklet is not clean (dropped ligatures, letter-spaced headings): without its
    /// repairs it must come through unchanged; `RepairTests` checks the repairs.
    @Test("Normalising a seed file changes no word and no line count",
          arguments: ["2025/hefte.txt", "2025/svar/drammen.md", "2021/hefte.txt", "2022/hefte.txt"])
    func seedFile(_ path: String) throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus(path)
        let repairs: RepairOptions = path.hasPrefix("2021") ? RepairOptions.all.subtracting([.ligatures, .letterSpacing]) : .all
        let normalized = chain.normalize(text, joinLines: false, repairs: repairs)
        let before = Self.words(text)
        let after = Self.words(normalized)
        #expect(before.count > 1000)
        #expect(before.count == after.count)
        if let index = zip(before, after).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("word \(index) changed: \(String(decoding: before[index], as: UTF8.self)) → \(String(decoding: after[index], as: UTF8.self))")
        }
        #expect(text.utf8.count(where: { $0 == 0x0A }) == normalized.utf8.count(where: { $0 == 0x0A }))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count
            == normalized.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(utf8(chain.normalize(normalized, joinLines: false, repairs: repairs)) == utf8(normalized))
    }

    @Test("Each line keeps its words where they were")
    func lineByLine() throws {
        let chain = try Shared.chain()
        for path in ["2025/hefte.txt", "2025/svar/drammen.md", "2022/hefte.txt"] {
            let text = try Paths.readCorpus(path)
            let before = text.split(separator: "\n", omittingEmptySubsequences: false)
            let after = chain.normalize(text).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(before.count == after.count)
            for (number, (old, new)) in zip(before, after).enumerated() where Self.words(String(old)) != Self.words(String(new)) {
                Issue.record("\(path):\(number + 1) changed: \(visible(String(old))) → \(visible(String(new)))")
            }
        }
    }
}
