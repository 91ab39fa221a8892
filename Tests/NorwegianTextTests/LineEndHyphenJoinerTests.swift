import Foundation
import NorwegianText
import Testing

@Suite("Joining words split at line ends")
struct LineEndHyphenJoinerTests {
    /// The text with whitespace and hyphens removed: joining only drops hyphens and moves
    /// fragments up, so this never changes.
    /// The text without hyphens (`-`, U+2010, U+2011), spaces and line breaks.
    static func letters(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !["-", "\u{2010}", "\u{2011}", " ", "\n"].contains($0) }
    }

    /// Offset of the first difference, or nil when equal; keeps failure messages short.
    static func firstDifference(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int? {
        if a == b { return nil }
        return zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }

    static func lineCount(_ text: String) -> Int {
        utf8(text).count(where: { $0 == 0x0A })
    }

    @Test("Joined and left alone", arguments: [
        Example("nødven-\ndig er det", "nødvendig\ner det"),
        Example("KS-verk-\ntøyet", "KS-verktøyet\n"),
        Example("helse-\nog omsorg", "helse-\nog omsorg"),
        Example("Kommune-\nNorge har", "Kommune-Norge\nhar"),
        Example("KS-\nverktøyet er", "KS-verktøyet\ner"),
        Example("indivi-\nder. Nettverk for barn", "individer.\nNettverk for barn"),
        Example("omstillings-\nbehov, for eksempel", "omstillingsbehov,\nfor eksempel"),
        Example("fra 2020-under-\nsøkelsen, men", "fra 2020-undersøkelsen,\nmen"),
        Example("ungt utenfor-\n  skap må", "ungt utenforskap\n  må"),
        Example("kompetanse-\neller kapasitet", "kompetanse-\neller kapasitet"),
        Example("lønns-\nsamt arbeidsvilkår", "lønns-\nsamt arbeidsvilkår"),
        Example("Helse-\nOg omsorg", "Helse-\nOg omsorg"),
        Example("perioden 2024-\n2027", "perioden 2024-\n2027"),
        Example("tre -\nfire", "tre -\nfire"),
        Example("a-\nb", "a-\nb"),
        Example("ramme-\n«betingelser»", "ramme-\n«betingelser»"),
        Example("ramme-\n\nbetingelser", "ramme-\n\nbetingelser"),
        Example("ramme-", "ramme-"),
        Example("ingen bindestrek\nher", "ingen bindestrek\nher"),
        Example("forsøks-\nvirksomhet\nog mer", "forsøksvirksomhet\n\nog mer"),
    ])
    func table(_ example: Example) throws {
        let chain = try Shared.chain()
        let output = chain.normalize(example.input, joinLines: true)
        #expect(utf8(output) == utf8(example.expected))
        #expect(Self.lineCount(output) == Self.lineCount(example.input))
        #expect(utf8(LineEndHyphenJoiner().apply(example.input)) == utf8(example.expected))
    }

    @Test("Normalises before joining: trailing spaces and tabs do not hide a split word")
    func normalisesFirst() throws {
        let chain = try Shared.chain()
        // From the 2022 booklet: tabs between words and a space after the hyphen.
        let input = "Å\tfylle\tordene\tmed\tkonkret\tinnhold.\tKS\tog\tKommune- \nNorge ser frem til"
        #expect(utf8(chain.normalize(input, joinLines: true))
            == utf8("Å fylle ordene med konkret innhold. KS og Kommune-Norge\nser frem til"))
        #expect(utf8(chain.normalize(input)) == utf8("Å fylle ordene med konkret innhold. KS og Kommune-\nNorge ser frem til"))
    }

    @Test("Words split in the 2021 booklet are joined, lines kept", arguments: [
        (3, "Selv om Norge som samfunn har håndtert koronapandemien"),
        (36, "• Arbeidet med å forebygge og bekjempe ungt utenforskap"),
        (44, "Skal vi som samfunn lykkes med å møte disse utfordringene,"),
        (45, "er det helt nødvendig med en felles virkelighetsforståelse"),
        (46, "sentralt og lokalt og et sterkt lokalt"),
        (91, "Kommunesektoren har i lang tid hatt et omstillingsbehov,"),
        (141, "Dette er en liten bedring fra 2020-undersøkelsen,"),
        (205, "En medvirkende årsak til mer presset økonomi har vært kostnadsveksten i helse- og omsorgstjenestene"),
        // The dropped fi/fl ligature is put back too.
        (369, "Erfaringer fra flere kommuner som benytter KS-verktøyet"),
        (379, "målrettede tiltak rettet mot enkeltgrupper og individer."),
        (380, "Nettverk for barn og unges psykiske helse er et"),
    ])
    func booklet2021(_ line: Int, _ expected: String) throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus("2021/hefte.txt")
        let lines = chain.normalize(text, joinLines: true).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count > line)
        #expect(utf8(String(lines[line - 1])) == utf8(expected))
    }

    @Test("Joining the seed texts keeps line counts and every letter",
          arguments: ["2021/hefte.txt", "2022/hefte.txt", "2025/hefte.txt", "2025/svar/drammen.md"])
    func seedTexts(_ path: String) throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus(path)
        let normalized = chain.normalize(text)
        let joined = chain.normalize(text, joinLines: true)
        #expect(Self.lineCount(joined) == Self.lineCount(text))
        #expect(Self.firstDifference(Self.letters(joined), Self.letters(normalized)) == nil)
        #expect(utf8(chain.normalize(joined, joinLines: true)) == utf8(joined))
    }

    @Test("Most split words in the 2021 booklet are joined")
    func booklet2021Coverage() throws {
        let chain = try Shared.chain()
        let text = try Paths.readCorpus("2021/hefte.txt")
        func splitLines(_ text: String) -> Int {
            text.split(separator: "\n").count(where: { $0.hasSuffix("-") })
        }
        let before = splitLines(chain.normalize(text))
        let after = splitLines(chain.normalize(text, joinLines: true))
        #expect(before >= 80)
        // What stays: suspended compounds (`helse-` + `og`) and lines before non-letters.
        #expect(after <= before / 4)
    }

    @Test("Random text keeps its line count and letters")
    func random() throws {
        let chain = try Shared.chain()
        var random = RandomText(seed: 0x40_1AE5)
        let pieces = ["ab", "Kommune", "Norge", "og", "eller", "2024", "-", "-", "-\n", "-\n", "\n", " ", " ", "  ", "ø", "Å",
                      ".", ",", "«", "KS", "é", "-\n  "]
        for _ in 0 ..< 3000 {
            let input = random.make(from: pieces, maxPieces: 20)
            let output = LineEndHyphenJoiner().apply(input)
            #expect(Self.lineCount(output) == Self.lineCount(input), "\(visible(input))")
            #expect(Self.letters(output) == Self.letters(input), "\(visible(input))")
            let chained = chain.normalize(input, joinLines: true)
            #expect(Self.lineCount(chained) == Self.lineCount(input), "\(visible(input))")
        }
    }
}

@Suite struct LineEndHyphenJoinerEdgeTests {
    let chain = try! NorwegianChain.standard()

    @Test(arguments: [
        ("arbeidstids\u{2011}\nordninger er viktige", "arbeidstidsordninger\ner viktige"),
        ("ut-\nfor-\ndringer og mer", "utfordringer\n\nog mer"),
        ("se https://memu.no/artikler/120-000-unge-\nvoksne-uten-jobb", "se https://memu.no/artikler/120-000-unge-\nvoksne-uten-jobb"),
        ("   \nord\n \t \n", "\nord\n\n"),
    ])
    func edgeCase(input: String, expected: String) {
        let output = chain.normalize(input, joinLines: true)
        #expect(Array(output.utf8) == Array(expected.utf8))
        #expect(output.split(separator: "\n", omittingEmptySubsequences: false).count
            == input.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
