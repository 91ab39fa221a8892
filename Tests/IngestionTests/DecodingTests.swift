import Foundation
import Ingestion
import Testing

@Suite struct DecodingTests {
    let decoder = TextDecoder()

    func decode(_ bytes: [UInt8]) throws -> TextDecoder.Result {
        try decoder.decode(Data(bytes)).get()
    }

    @Test func plainUTF8() throws {
        let result = try decode(Array("Blåbær og rømme\n".utf8))
        #expect(result.text == "Blåbær og rømme\n")
        #expect(result.encoding == "UTF-8")
        #expect(result.findings.isEmpty)
    }

    @Test func byteOrderMarkIsDroppedAndNamed() throws {
        let result = try decode([0xEF, 0xBB, 0xBF] + Array("Spørsmål 1".utf8))
        #expect(result.text == "Spørsmål 1")
        #expect(result.encoding == "UTF-8 med BOM")
    }

    @Test(arguments: [("a\r\nb\r\n", "a\nb\n"), ("a\rb", "a\nb"), ("a\r\nb\nc\r", "a\nb\nc\n")])
    func lineEndsBecomeLF(input: String, expected: String) throws {
        #expect(try decode(Array(input.utf8)).text == expected)
    }

    @Test func utf16WithByteOrderMark() throws {
        let little = try decode([0xFF, 0xFE] + Array("Ås\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(little.text == "Ås\n")
        #expect(little.encoding == "UTF-16 LE")
        let big = try decode([0xFE, 0xFF] + Array("Ås\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(big.text == "Ås\n")
        #expect(big.encoding == "UTF-16 BE")
    }

    @Test func invalidUTF8IsReadAsWindows1252WithAWarning() throws {
        let result = try decode([0x53, 0x70, 0xF8, 0x72, 0x73, 0x6D, 0xE5, 0x6C]) // "Spørsmål" in Latin-1
        #expect(result.text == "Spørsmål")
        #expect(result.encoding == "Windows-1252")
        #expect(result.findings.first?.severity == .warning)
    }

    @Test func emptyAndBinaryAreRejected() {
        #expect(decoder.decode(Data()) == .failure(.empty))
        #expect(decoder.decode(Data([0x50, 0x4B, 0x03, 0x00, 0x04])) == .failure(.binary(offset: 3)))
    }
}

@Suite struct EncodingRepairTests {
    let decoder = TextDecoder()

    @Test(arguments: [(true, "UTF-16 LE uten BOM"), (false, "UTF-16 BE uten BOM")])
    func utf16WithoutByteOrderMarkIsToldByItsNulBytes(little: Bool, name: String) throws {
        let text = "Spørsmål 1\r\nVi trenger flere heltidsstillinger i Ås.\r\n"
        let bytes = Array(text.utf16).flatMap { little ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let result = try decoder.decode(Data(bytes)).get()
        #expect(result.encoding == name)
        #expect(result.text == "Spørsmål 1\nVi trenger flere heltidsstillinger i Ås.\n")
    }

    @Test func binaryWithSomeNulBytesIsStillBinary() {
        #expect(decoder.decode(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x03])) == .failure(.binary(offset: 4)))
    }

    @Test(arguments: [
        ("Ã¸konomi", "økonomi"), ("pÃ¥", "på"), ("Ã…s", "Ås"), ("Ã˜yvind", "Øyvind"), ("Ã¦rlig", "ærlig"),
        ("BÃ¦rum.", "Bærum."), ("«TromsÃ¸»", "«Tromsø»"), ("2024â€“2027", "2024–2027"), ("kommunenâ€™s", "kommunen’s"),
        ("SpÃ¸rsmÃ¥l 3: Hva bÃ¸r KS gjÃ¸re?", "Spørsmål 3: Hva bør KS gjøre?"),
    ])
    func doublyEncodedWordsAreRepaired(input: String, expected: String) {
        let (text, repairs) = MojibakeRepair.repair(input)
        #expect(text == expected)
        #expect(repairs > 0)
    }

    @Test(arguments: [
        "Ås, Bærum og Tromsø", "«sitat» – «svar»", "Ã alene", "Â og Ã", "ÂÃ", "Ærlig: Ø og Å", "€ 100 — ‘x’", "naïve café",
        "Ãx og Ã", "GÃ¸teborg Ã", "plain ascii text",
    ])
    func cleanTextIsUnchanged(input: String) {
        let (text, repairs) = MojibakeRepair.repair(input)
        if input.hasPrefix("GÃ¸teborg") {
            #expect(text == "Gøteborg Ã")
            #expect(repairs == 1)
        } else {
            #expect(text == input)
            #expect(repairs == 0)
        }
    }

    @Test func decoderRepairsAndCountsMojibake() throws {
        let result = try decoder.decode(Data("Vi mÃ¥ styrke Ã¸konomien i kommunen.\nRen linje.\n".utf8)).get()
        #expect(result.text == "Vi må styrke økonomien i kommunen.\nRen linje.\n")
        #expect(result.repairs == 2)
        #expect(result.findings.contains { $0.message.contains("2 ord med dobbel UTF-8-koding") })
    }

    @Test func windows1252FileIsReadAsWindows1252() throws {
        let bytes: [UInt8] = Array("Bem".utf8) + [0xE6, 0x6E, 0x6E, 0x69, 0x6E, 0x67, 0x20, 0x96, 0x20, 0xC5, 0x73]
        let result = try decoder.decode(Data(bytes)).get()
        #expect(result.text == "Bemænning – Ås")
        #expect(result.encoding == "Windows-1252")
    }
}
