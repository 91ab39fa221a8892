import Foundation
import Pipeline
import TestSupport
import Testing

/// Random and hostile input through every stage, with the invariants checked by the same probe
/// the fuzzing target uses; inputs the fuzzer found are replayed from `Fixtures/fuzz-regressions`.
@Suite struct RobustnessTests {
    static let probe = try! RobustnessProbe.standard()

    static let pieces: [String] = [
        "Spørsmål 1", "Spørsmål 2 - fortsettelse", "## Svar på spørsmål 3", "Sp. 2:", "1.", "3)", "Vedtak:", "æ", "ø", "å",
        "Æ", "Ø", "Å", "a\u{30A}", "e\u{301}", "🙂", "👩‍💻", "\u{202E}", "\u{200B}", "\u{00AD}", "\t", "\u{00A0}", "\n", "\r\n", "\r",
        " ", "-", "–", "helse- og omsorgstjenester", "BPA", "heltid", "spesialundervisning", "detaljstyring", "f.eks.",
        "180.000", "2024–2027", "https://ks.no/x-", "ﬁ", "\"", ";", "<script>", "=SUM(", "Hvordan kan KS bistå i dette arbeidet",
        "gkonomi", "| tillegg", "& diskutere", "pa", "ere", "H vord an", "\u{0}", "\u{7F}",
    ]

    @Test func randomNorwegianLikeTextKeepsEveryInvariant() {
        var random = SplitMix64(seed: 2026)
        for _ in 0 ..< 300 {
            var text = ""
            for _ in 0 ..< random.below(60) { text += Self.pieces[random.below(Self.pieces.count)] + (random.below(3) == 0 ? "" : " ") }
            Self.probe.check(Data(text.utf8))
        }
    }

    @Test func randomBytesKeepEveryInvariant() {
        var random = SplitMix64(seed: 7)
        for _ in 0 ..< 300 {
            let bytes = (0 ..< random.below(400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            Self.probe.check(Data(bytes))
        }
    }

    @Test func seedTextsKeepEveryInvariant() throws {
        for path in ["corpora/2025/svar/drammen.md", "corpora/2026/hefte.txt", "corpora/2021/hefte.txt"] {
            Self.probe.check(try Data(contentsOf: Repository.url(path)))
        }
    }

    @Test func fuzzFindingsStayFixed() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("fuzz-regressions")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
        for file in files { Self.probe.check(try Data(contentsOf: file)) }
    }
}
