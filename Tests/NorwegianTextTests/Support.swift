import Foundation
import NorwegianText
import PipelineCore
import TestSupport
import Testing

/// The standard chain, loaded once for all tests.
enum Shared {
    static let chainResult: Result<NorwegianChain, any Error> = Result { try NorwegianChain.standard() }

    static func chain() throws -> NorwegianChain {
        try chainResult.get()
    }
}

/// Paths to the repository and the test fixtures.
enum Paths {
    /// The package root, found from this file's location (`Tests/NorwegianTextTests/Support.swift`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file under `corpora/`.
    static func corpus(_ path: String) -> URL {
        repositoryRoot.appendingPathComponent("corpora").appendingPathComponent(path)
    }

    /// A file in the test target's `Fixtures` folder.
    static func fixture(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    /// The UTF-8 text of a seed file.
    static func readCorpus(_ path: String) throws -> String {
        try String(contentsOf: corpus(path), encoding: .utf8)
    }
}

/// Builds random strings from pieces.
struct RandomText {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A string of up to `maxPieces` pieces drawn from `alphabet`.
    mutating func make(from alphabet: [String], maxPieces: Int) -> String {
        let count = Int.random(in: 0 ... maxPieces, using: &generator)
        var text = ""
        for _ in 0 ..< count {
            text += alphabet.randomElement(using: &generator)!
        }
        return text
    }
}

/// Alphabets for the random tests.
enum Alphabet {
    static let ascii = ["a", "e", "k", "s", "K", "S", "z", "1", "9", "0", ".", ",", "-", "'", "/", "(", ")", "!", "?", ":"]
    static let norwegian = ["æ", "ø", "å", "Æ", "Ø", "Å", "é"]
    static let combining = ["\u{0301}", "\u{0308}", "\u{030A}", "\u{0303}", "\u{0327}"]
    static let emoji = ["🙂", "👍", "🇳🇴", "👩\u{200D}💻", "✅", "❤\u{FE0F}", "👍🏽"]
    static let spaces = [" ", " ", " ", "\t", "\u{00A0}", "\u{2009}", "\u{202F}", "\u{2028}", "\u{3000}"]
    static let newlines = ["\n", "\n\n"]
    static let controls = ["\u{0000}", "\u{0001}", "\u{0007}", "\u{001B}", "\u{007F}", "\r", "\u{000B}", "\u{000C}", "\u{0085}"]
    static let invisible = ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{2060}", "\u{FEFF}"]
    static let ligatures = ["\u{FB00}", "\u{FB01}", "\u{FB02}", "\u{FB03}", "\u{FB04}", "\u{FB05}", "\u{FB06}"]
    static let words = [
        "kommune", "Kommune-Norge", "f.eks.", "bl.a.", "t.d.", "180.000", "3,9", "2024–2027", "1.5.2024",
        "https://www.ks.no/x?y=1", "post@ks.no", "KS’", "Evenášši", "«gapet»", "IKT-løsning", "helse- og",
    ]

    /// Everything the whitespace filter deals with, except ligatures.
    static let messy = ascii + norwegian + combining + emoji + spaces + newlines + controls + invisible + words
}

/// The UTF-8 bytes of a string. Tests compare bytes: `String.==` ignores normalisation differences.
func utf8(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// The text of every token, cut from the text's UTF-8 by the token's range.
func tokenTexts(_ tokens: TokenList, in text: String) -> [String] {
    let bytes = utf8(text)
    return (0 ..< tokens.count).map { String(decoding: bytes[tokens.range(at: $0)], as: UTF8.self) }
}

/// A string with invisible and control characters spelled as `\u{…}`, for test names.
func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.properties.generalCategory {
        case _ where scalar == " ":
            out.unicodeScalars.append(scalar)
        case .control, .format, .nonspacingMark, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// One input and its expected output, for table-driven tests.
struct Example: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String

    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String { "\(visible(input)) → \(visible(expected))" }
}
