import PipelineCore
import Testing

@Suite struct ByteTextTests {
    @Test func internerGivesDenseIdsAndFindsThemAgain() {
        var interner = ByteInterner(capacity: 2)
        let words = (0 ..< 1000).map { Array("ord\($0)".utf8) } + [[], Array("æøå".utf8)]
        for (index, word) in words.enumerated() {
            #expect(interner.insert(word) == (index, true))
        }
        for (index, word) in words.enumerated() {
            #expect(interner.insert(word) == (index, false))
            #expect(interner.id(of: word) == index)
            #expect(Array(interner.arena[interner.range(of: index)]) == word)
        }
        #expect(interner.id(of: Array("ukjent".utf8)) == nil)
        #expect(interner.count == words.count)
    }

    @Test func setHoldsWhatWasInserted() {
        var set = UInt64Set()
        for key in stride(from: UInt64(0), to: 100_000, by: 7) { set.insert(key << 21) }
        #expect(set.count == 14286)
        #expect(set.contains(7 << 21))
        #expect(!set.contains(8 << 21))
        #expect(!set.contains(0 &- 1))
    }

    @Test func charactersAreCountedAsStringsCountThem() {
        for text in ["", "abc", "a\r\nb", "æøå – «»", "e\u{301}", "a\u{200D}b", "🙂👍🏽", "x\u{2028}y", "ǅ ʰ ˀ"] {
            #expect(ByteText.characterCount(text) == text.count)
        }
    }
}
