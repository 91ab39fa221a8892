import NorwegianText
import Testing

@Suite("Lowercasing")
struct CasingTests {
    @Test("Lowercased", arguments: [
        Example("ÆØÅ", "æøå"),
        Example("æøå", "æøå"),
        Example("BÆREKRAFTIG", "bærekraftig"),
        Example("KOMMUNE-NORGE 2025, F.EKS.", "kommune-norge 2025, f.eks."),
        Example("ASCII Only: ABC xyz [@]`{}", "ascii only: abc xyz [@]`{}"),
        Example("ÉÜÖÄÞÐ", "éüöäþð"),
        Example("×÷ß", "×÷ß"),
        Example("«ØKONOMI» – Å", "«økonomi» – å"),
        // Outside Latin-1: Unicode lowercasing of the whole string.
        Example("ŠÁ", "šá"),
        Example("Ære ŠÁMI", "ære šámi"),
        Example("ĐŊŦ EVENÁŠŠI", "đŋŧ evenášši"),
        Example("ΑΒΓ", "αβγ"),
        Example("", ""),
    ])
    func lowercased(_ example: Example) {
        #expect(utf8(NorwegianCase.lowercased(example.input)) == utf8(example.expected))
        let bytes = utf8(example.input).withUnsafeBufferPointer { NorwegianCase.lowercased($0) }
        #expect(bytes == utf8(example.expected))
    }

    @Test("Agrees with Unicode lowercasing on every Latin-1 character")
    func latin1() {
        for value in UInt32(0) ... 0xFF {
            let text = String(Unicode.Scalar(value)!)
            #expect(utf8(NorwegianCase.lowercased(text)) == utf8(text.lowercased()), "U+\(String(value, radix: 16))")
        }
    }

    @Test("Agrees with Unicode lowercasing on random Norwegian and Sámi text")
    func random() {
        var random = RandomText(seed: 0x00CA_5E00)
        let pieces = Alphabet.ascii + Alphabet.norwegian + ["É", "Ü", "Š", "Á", "Č", "Ŋ", "Đ", "Ŧ", "Ž", " ", "–", "«", "»", "🙂"]
        for _ in 0 ..< 2000 {
            let text = random.make(from: pieces, maxPieces: 16)
            #expect(utf8(NorwegianCase.lowercased(text)) == utf8(text.lowercased()), "\(text)")
        }
    }
}
