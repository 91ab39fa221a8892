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
