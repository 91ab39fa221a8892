import NorwegianText
import PipelineCore
import Testing

@Suite struct CoordinationEllipsisTests {
    static let chain = try! NorwegianChain.standard()

    func expansions(_ text: String) -> [(String, String, String)] {
        let tokens = Self.chain.tokenizer.tokenize(text)
        return CoordinationEllipsis.expansions(in: text, tokens: tokens).map {
            (tokens.text(at: $0.truncated, in: text), tokens.text(at: $0.compound, in: text), $0.forms.first ?? "")
        }
    }

    @Test(arguments: [
        ("helse- og omsorgstjenester", "helse", "omsorgstjenester"),
        ("heltids- og deltidsstillinger", "heltids", "deltidsstillinger"),
        ("lov- eller forskriftskrav", "lov", "forskriftskrav"),
        ("barne- samt familiedepartementet", "barne", "familiedepartementet"),
        ("helse- og/eller omsorgstjenester", "helse", "omsorgstjenester"),
    ])
    func findsTruncatedWordAndCompound(text: String, truncated: String, compound: String) throws {
        let found = try #require(expansions(text).first)
        #expect(found.0 == truncated)
        #expect(found.1 == compound)
    }

    @Test func theFullFormIsAmongTheCandidates() throws {
        let text = "helse- og omsorgstjenester"
        let tokens = Self.chain.tokenizer.tokenize(text)
        let expansion = try #require(CoordinationEllipsis.expansions(in: text, tokens: tokens).first)
        #expect(expansion.forms.contains("helsetjenester"))
        #expect(expansion.forms.allSatisfy { $0.hasPrefix("helse") })
    }

    @Test func chainsShareTheHead() {
        let found = expansions("helse-, omsorgs- og velferdstjenester")
        #expect(found.map(\.0) == ["helse", "omsorgs"])
        #expect(found.allSatisfy { $0.1 == "velferdstjenester" })
    }

    @Test(arguments: [
        "helse - og omsorg",        // a dash with spaces is not ellipsis
        "IKT-løsninger og annet",   // a hyphen inside a word
        "helse- kommunen",          // no conjunction
        "helse-\nog",               // nothing after the conjunction
        "Dette er bra -",
    ])
    func noFalseExpansions(text: String) {
        #expect(expansions(text).isEmpty)
    }

    @Test func multiByteTextKeepsOffsets() throws {
        let text = "æøå 🙂 sjukeheims- og omsorgsbustader"
        let found = try #require(expansions(text).first)
        #expect(found.0 == "sjukeheims")
        #expect(found.1 == "omsorgsbustader")
    }
}
